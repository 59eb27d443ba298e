/**
 * What a plan's operations reach, by owner (docs/owners.md), and which of them reach outside a
 * set of offices: the check behind `plan --scope` and the action's cross-office review. Pure.
 */
import { compareCodeUnits } from '../model/compare.js';
import type { ConfigOwners } from '../model/config-owners.js';
import type { Operation } from '../plan/types.js';
import { uniqueHandles } from './codeowners.js';

/** The parts of the company an operation changes: office keys, and whether it is company-level. */
export interface Reach {
  /** Sorted config office keys. */
  offices: string[];
  /** Company admins, the reserved pool, the plan tier: `company.owners` decide. */
  company: boolean;
}

/**
 * The offices an operation touches: its own (`office_key`), and the other side of a move or a
 * license transfer; office admin rights it changes touch the offices administered (all those the
 * patch names: more approvals rather than fewer). Company admin grants, the reserved pool and the
 * plan tier are company-level.
 */
export function reachOf(op: Operation): Reach {
  const own = op.office_key === null ? [] : [op.office_key];
  const reach = (offices: readonly string[], company = false): Reach => ({ offices: [...new Set(offices)].sort(compareCodeUnits), company });
  switch (op.kind) {
    case 'move_user':
    case 'transfer_licenses':
      return reach([...own, op.from.key, op.to.key]);
    case 'update_user':
      return reach([...own, ...(op.patch.admin_offices ?? []).map((o) => o.key)], op.patch.is_super_admin !== undefined);
    case 'release_number':
    case 'change_account_type':
      return reach(own, true);
    case 'create_office':
    case 'create_user':
    case 'suspend_user':
    case 'reactivate_user':
    case 'delete_user':
    case 'assign_number':
    case 'unassign_number':
    case 'buy_licenses':
    case 'cancel_licenses':
    case 'rename_office':
    case 'restore_user':
    case 'grant_analytics':
    case 'revoke_analytics':
    case 'grant_proxy':
    case 'revoke_proxy':
    case 'create_group':
    case 'rename_group':
    case 'update_group_settings':
    case 'delete_group':
    case 'add_operator':
    case 'remove_operator':
    case 'set_skill':
    case 'update_office_e911':
    case 'update_user_e911':
    case 'set_caller_id':
    case 'create_room':
    case 'rename_room':
    case 'delete_room':
    case 'assign_room_number':
    case 'unassign_room_number':
      // An operation that concerns no single office (office_key null) is the company's.
      return reach(own, own.length === 0);
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

/** An operation that reaches outside the offices under review, and whose approval it needs. */
export interface OutsideReach {
  op: string;
  kind: Operation['kind'];
  /** Display only: the operation's summary. */
  summary: string;
  /** Offices outside the scope it touches (sorted). */
  offices: string[];
  company: boolean;
  /** Owners of those offices (and the company owners for a company-level change), sorted. */
  owners: string[];
}

/**
 * The operations of `operations` that touch an office outside `scope` (config office keys) or the
 * company, with the owners whose approval they need besides the scope's.
 */
export function findOutsideReach(operations: readonly Operation[], scope: readonly string[], owners: ConfigOwners): OutsideReach[] {
  const inScope = new Set(scope);
  return operations.flatMap((op) => {
    const reach = reachOf(op);
    const offices = reach.offices.filter((o) => !inScope.has(o));
    if (offices.length === 0 && !reach.company) return [];
    const who = uniqueHandles([...offices.flatMap((o) => owners.offices[o] ?? owners.company), ...(reach.company ? owners.company : [])]);
    return [{ op: op.id, kind: op.kind, summary: op.summary, offices, company: reach.company, owners: who }];
  });
}

/**
 * Text lines naming each operation in `outside` and whose approval it needs; none when empty.
 * `redact`: name operations by id and kind only (summaries name people).
 */
export function describeOutsideReach(outside: readonly OutsideReach[], redact = false): string[] {
  return outside.map((o) => {
    const parts = [...o.offices.map((k) => `office ${k}`), ...(o.company ? ['the company'] : [])].join(' and ');
    const who = o.owners.length === 0 ? 'no owners declared' : o.owners.join(' ');
    return `${o.op} ${redact ? o.kind : o.summary}: reaches ${parts}; needs approval of ${who}`;
  });
}
