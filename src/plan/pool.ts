import { cloneSimState, type SimState } from './sim-state.js';
import { applyOperation } from './simulate.js';
import type { Operation, PoolMovement } from './types.js';

/** Replays the runnable operations and lists every number entering or leaving the reserved pool. */
export function listPoolMovements(operations: Operation[], blockedIds: ReadonlySet<string>, initial: SimState): PoolMovement[] {
  const sim = cloneSimState(initial);
  const out: PoolMovement[] = [];
  for (const op of operations) {
    if (blockedIds.has(op.id)) continue;
    const email = op.target.type === 'user' ? op.target.email : undefined;
    const user = email === undefined ? undefined : sim.users.get(email);
    const who = (office: string | undefined) => ({ ...(email === undefined ? {} : { user: email }), ...(office === undefined ? {} : { office }) });
    switch (op.kind) {
      case 'delete_user':
        for (const n of user?.numbers ?? []) out.push({ number: n, direction: 'in', ...who(user?.office), operation_id: op.id });
        break;
      case 'move_user':
        for (const n of op.numbers_to_pool) out.push({ number: n, direction: 'in', ...who(op.from.key), operation_id: op.id });
        break;
      case 'unassign_number':
        out.push({ number: op.number, direction: 'in', ...who(user?.office), operation_id: op.id });
        break;
      case 'assign_number':
        out.push({ number: op.number, direction: 'out', ...who(user?.office), operation_id: op.id });
        break;
      case 'release_number':
        out.push({ number: op.number, direction: 'released', operation_id: op.id });
        break;
      default:
        break;
    }
    applyOperation(sim, op);
  }
  return out;
}
