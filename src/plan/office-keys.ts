/**
 * Fills the display-only `office_key` of each operation, so renderers can group a plan by office.
 * Apply never branches on it. Replays the ordered plan on a copy of the simulation: a user's
 * operation is shown under the office the user is in once it ran (the office they leave, for a
 * delete), an office's under that office, a release under the office that owned the number.
 */
import type { DesiredState, LiveState } from '../model/tenant.js';
import { cloneSimState, type SimState } from './sim-state.js';
import { applyOperation } from './simulate.js';
import type { Operation } from './types.js';

export interface OfficeKeyContext {
  initial: SimState;
  desired: DesiredState;
  live: LiveState;
  /** Operations the simulation could not run: they are not replayed. */
  blockedIds: ReadonlySet<string>;
}

/** The same operations, in the same order, each with `office_key` set where one office applies. */
export function assignOfficeKeys(operations: Operation[], ctx: OfficeKeyContext): Operation[] {
  const sim = cloneSimState(ctx.initial);
  const desiredOffice = new Map(ctx.desired.tenant.users.map((u) => [u.email.toLowerCase(), u.office]));
  const numberOffice = new Map(ctx.live.tenant.numbers.flatMap((n) => (n.office === undefined ? [] : [[n.number, n.office] as const])));
  return operations.map((op) => {
    const before = officeBefore(op, sim);
    const blocked = ctx.blockedIds.has(op.id);
    if (!blocked) applyOperation(sim, op);
    const key = officeKeyOf(op, { sim, before, blocked, desiredOffice, numberOffice });
    return key === undefined ? op : { ...op, office_key: key };
  });
}

function officeBefore(op: Operation, sim: SimState): string | undefined {
  return op.target.type === 'user' ? sim.users.get(op.target.email)?.office : undefined;
}

function officeKeyOf(
  op: Operation,
  s: {
    sim: SimState;
    before: string | undefined;
    blocked: boolean;
    desiredOffice: Map<string, string>;
    numberOffice: Map<string, string>;
  },
): string | undefined {
  switch (op.kind) {
    case 'create_office':
      return op.office.key;
    case 'create_user':
      return op.office.key;
    case 'move_user':
    case 'transfer_licenses':
      // A move is shown where the user arrives, a transfer where the licenses arrive.
      return op.to.key;
    case 'delete_user':
      return s.before;
    case 'release_number':
      return s.numberOffice.get(op.number);
    case 'update_user':
    case 'suspend_user':
    case 'reactivate_user':
    case 'assign_number':
    case 'unassign_number':
    case 'restore_user':
    case 'grant_analytics':
    case 'revoke_analytics':
    case 'grant_proxy':
    case 'revoke_proxy': {
      if (op.target.type !== 'user') return undefined;
      const email = op.target.email;
      // A blocked step never ran: show it where config puts the user.
      if (s.blocked) return s.desiredOffice.get(email.toLowerCase()) ?? s.before;
      return s.sim.users.get(email)?.office ?? s.desiredOffice.get(email.toLowerCase());
    }
    default: {
      const _never: never = op;
      return _never;
    }
  }
}
