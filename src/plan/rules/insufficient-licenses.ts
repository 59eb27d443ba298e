import type { Violation } from '../types.js';
import type { RuleContext } from './context.js';

/**
 * From the simulation: operations that at no position find an unassigned license of the needed
 * type (errors), and license counts that no transfer can reach (warnings: buying or cancelling
 * licenses is outside the API).
 */
export function checkInsufficientLicenses(ctx: RuleContext): Violation[] {
  const blocked: Violation[] = ctx.trace.blocked
    .filter((b) => b.code === 'insufficient_licenses')
    .map((b) => ({ code: 'insufficient_licenses', severity: 'error', message: b.message, operation_ids: [b.id] }));
  const unbalanced: Violation[] = ctx.unbalanced.map((u) => ({
    code: 'insufficient_licenses',
    severity: 'warning',
    message: u.message,
    operation_ids: ctx.operations
      .filter((op) => op.kind === 'transfer_licenses' && op.line === u.line && (op.to.key === u.office || op.from.key === u.office))
      .map((op) => op.id),
  }));
  return [...blocked, ...unbalanced];
}
