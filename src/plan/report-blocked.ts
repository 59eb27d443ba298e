/**
 * The one author of the violations that name blocked operations: each operation the simulation
 * could place nowhere gets an error with the code and the message its kind's precondition gave
 * (`Failure`, resolved to its root cause by the ordering), unless a rule already names it with an
 * error of that code (a number config wants twice, a number outside its user's country).
 */
import type { BlockedOperation } from './order.js';
import type { Violation } from './types.js';

export function reportBlocked(blocked: readonly BlockedOperation[], named: readonly Violation[]): Violation[] {
  const reported = new Set(named.filter((v) => v.severity === 'error').flatMap((v) => v.operation_ids.map((id) => `${v.code}\u0000${id}`)));
  return blocked
    .filter((b) => !reported.has(`${b.code}\u0000${b.id}`))
    .map((b) => ({ code: b.code, severity: 'error', message: b.message, operation_ids: [b.id] }));
}
