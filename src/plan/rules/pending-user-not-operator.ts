import type { Violation } from '../types.js';
import type { RuleContext } from './context.js';

/**
 * From the simulation: an `add_operator` of a user who is pending (invited, never accepted) at its
 * position. Dialpad adds only active and suspended users as operators (the emulator refuses others
 * with 400, as the contract records); the invitee has to accept first, which dialform cannot do.
 */
export function checkPendingUserNotOperator(ctx: RuleContext): Violation[] {
  return ctx.trace.blocked
    .filter((b) => b.code === 'pending_user_not_operator')
    .map((b) => ({ code: 'pending_user_not_operator', severity: 'error', message: b.message, operation_ids: [b.id] }));
}
