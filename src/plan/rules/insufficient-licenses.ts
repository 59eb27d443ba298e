import type { Violation } from '../types.js';
import type { RuleContext } from './context.js';

/**
 * License counts that no transfer can reach (warnings: buying or cancelling licenses is outside
 * the API). Operations that at no position find an unassigned license of the needed type are
 * errors of this code too, from their kind's precondition (`reportBlocked`).
 */
export function checkInsufficientLicenses(ctx: RuleContext): Violation[] {
  return ctx.unbalanced.map((u) => ({
    code: 'insufficient_licenses',
    severity: 'warning',
    message: u.message,
    operation_ids: ctx.operations
      .filter((op) => op.kind === 'transfer_licenses' && op.line === u.line && (op.to.key === u.office || op.from.key === u.office))
      .map((op) => op.id),
  }));
}
