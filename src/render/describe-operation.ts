/**
 * How one operation reads to a reviewer: its marker, the words for its kind, the facts its own
 * fields carry, and how values, targets and reversibility are written.
 */
import type { Operation, Target } from '../plan/types.js';

/** `+` create, `~` update/move/assign, `-` delete/unassign/release, `!` manual step. */
export type Marker = '+' | '~' | '-' | '!';

/** Display text for a field value: `(none)` for absent, null or empty. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(formatValue).join(', ');
  return JSON.stringify(value);
}

export function formatTarget(target: Target): string {
  switch (target.type) {
    case 'user':
      return target.email;
    case 'office':
      return target.name;
    case 'number':
      return target.number;
    case 'company':
      return 'company';
    default: {
      const _never: never = target;
      return _never;
    }
  }
}

export function formatReversible(reversible: Operation['reversible']): string | undefined {
  if (reversible === 'yes') return undefined;
  if (reversible === 'no') return 'irreversible';
  return `reversible ${reversible}`;
}

/** The marker and the words a reviewer reads for each kind. */
export function describeKind(op: Operation): { marker: Marker; action: string; details: string[] } {
  switch (op.kind) {
    case 'create_office':
      return { marker: '+', action: 'create office', details: [`country: ${op.country}`] };
    case 'create_user':
      return {
        marker: '+',
        action: 'create user',
        details: [`${op.first_name} ${op.last_name}, ${op.license} license, office ${op.office.name}`],
      };
    case 'update_user':
      return { marker: '~', action: 'update user', details: [] };
    case 'suspend_user':
      return { marker: '~', action: 'suspend user', details: [] };
    case 'reactivate_user':
      return { marker: '~', action: 'reactivate user', details: [] };
    case 'move_user':
      return {
        marker: '~',
        action: 'move user',
        details:
          op.numbers_to_pool.length > 0 ? [`numbers sent to the reserved pool: ${op.numbers_to_pool.join(', ')}`] : [],
      };
    case 'delete_user':
      return { marker: '-', action: 'delete user', details: [] };
    case 'assign_number':
      return { marker: '~', action: 'assign number', details: [`${op.number}${op.primary ? ' (primary)' : ''}`] };
    case 'unassign_number':
      return { marker: '-', action: 'unassign number', details: [`${op.number} goes to the reserved pool`] };
    case 'release_number':
      return { marker: '-', action: 'release number', details: [`${op.number} is given back to Dialpad`] };
    case 'transfer_licenses':
      return {
        marker: '!',
        action: 'transfer licenses',
        details: [
          `${op.count} ${op.line} license${op.count === 1 ? '' : 's'} from ${op.from.name} to ${op.to.name}`,
          `apply waits until ${op.to.name} has ${op.to_purchased_after} ${op.line} license${op.to_purchased_after === 1 ? '' : 's'}`,
        ],
      };
    case 'restore_user':
      return { marker: '!', action: 'restore user', details: [] };
    case 'grant_analytics':
      return { marker: '!', action: 'grant analytics', details: [] };
    case 'revoke_analytics':
      return { marker: '!', action: 'revoke analytics', details: [] };
    case 'grant_proxy':
      return { marker: '!', action: 'grant proxy', details: [] };
    case 'revoke_proxy':
      return { marker: '!', action: 'revoke proxy', details: [] };
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

/** True when the operation grants or removes admin rights. */
export function changesAdminRights(op: Operation): boolean {
  if (op.kind === 'update_user' && (op.patch.is_super_admin !== undefined || op.patch.admin_offices !== undefined)) {
    return true;
  }
  return op.changes.some((c) => /admin/i.test(c.field));
}
