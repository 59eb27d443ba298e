import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * Moving a user to an office in another country unassigns their local and fax numbers (they go
 * to the reserved pool) and assigns a new number: the user entry must say `allow_number_change: true`.
 */
export function checkCountryChangeRequiresAck(ctx: RuleContext): Violation[] {
  const out: Violation[] = [];
  for (const op of ctx.operations) {
    if (op.kind !== 'move_user') continue;
    const from = ctx.book.country(op.from.key);
    const to = ctx.book.country(op.to.key);
    if (from === to) continue;
    const email = op.target.email;
    const user = ctx.desired.tenant.users.find((u) => u.email === email);
    if (user?.allowNumberChange === true) continue;
    const pooled = op.numbers_to_pool;
    const numbers =
      pooled.length === 0 ? '' : `${pooled.length === 1 ? 'their number' : 'their numbers'} ${pooled.join(', ')} ${pooled.length === 1 ? 'goes' : 'go'} to the reserved pool and `;
    out.push({
      code: 'country_change_requires_ack',
      severity: 'error',
      message:
        `move_user ${email}: ${op.from.name} (${from}) → ${op.to.name} (${to}) changes country; ${numbers}` +
        `they get a new ${to} number (Dialpad help, Manage Your Users; API users.move_office). ` +
        `Add allow_number_change: true to their entry${at(op.source)} to accept.`,
      operation_ids: [op.id],
    });
  }
  return out;
}
