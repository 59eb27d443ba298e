import { numbersDeletedWith } from '../reversibility.js';
import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * Dialpad's help center, "Add & Remove Team Members"
 * (https://help.dialpad.com/docs/add-remove-team-members): if a deleted user never accepted their
 * invitation and the account is still pending, their number is deleted permanently at once and
 * cannot be restored — no reserved pool, no 72-hour grace period. The simulation records such numbers as
 * `released` by the `delete_user` step; this rule stops the plan unless the user's entry
 * acknowledges the loss (`allow_number_loss: true`).
 */
export function checkPendingUserNumberLoss(ctx: RuleContext): Violation[] {
  const out: Violation[] = [];
  for (const op of ctx.operations) {
    if (op.kind !== 'delete_user') continue;
    const lost = numbersDeletedWith(ctx.trace.pool, op.id);
    if (lost.length === 0) continue;
    const email = op.target.email.toLowerCase();
    const entry = ctx.desired.tenant.users.find((u) => u.email === email);
    if (entry?.allowNumberLoss === true) continue;
    const ways =
      entry === undefined
        ? `They are not in config and policy.unmanaged_users is ${ctx.desired.policy.unmanagedUsers}: add their entry with state: pending to keep them, ` +
          'or with state: deleted and numbers: [] to move the numbers to the reserved pool first, or with state: deleted and allow_number_loss: true to accept the loss.'
        : `On their entry${at(op.source)}, add numbers: [] to move the numbers to the reserved pool before the deletion, or allow_number_loss: true to accept the loss.`;
    out.push({
      code: 'pending_user_number_loss',
      severity: 'error',
      message:
        `delete_user ${op.target.email}: they are pending (invited, never accepted), and Dialpad deletes a pending user's numbers with them at once ` +
        `(no reserved pool, no restore; Dialpad help: https://help.dialpad.com/docs/add-remove-team-members). ${lost.join(', ')} would be lost. ${ways}`,
      operation_ids: [op.id],
    });
  }
  return out;
}
