import { agreeing, nounOf } from '../plural.js';
import type { OperationOf, Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * Moving a user to an office in another country takes their numbers to the reserved pool (unless
 * all are internal) and gives them a new number, or the numbers config lists: the user entry must
 * say `allow_number_change: true`.
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
      pooled.length === 0 ? '' : `their ${nounOf(pooled.length, 'number')} ${pooled.join(', ')} ${agreeing(pooled.length, 'goes', 'go')} to the reserved pool, and `;
    out.push({
      code: 'country_change_requires_ack',
      severity: 'error',
      message:
        `move_user ${email}: ${op.from.name} (${from}) → ${op.to.name} (${to}) changes country; ${numbers}` +
        `${numbersAfter(op, to)} (Dialpad help, Manage Your Users; API users.move_office). ` +
        `Add allow_number_change: true to their entry${at(op.source)} to accept.`,
      operation_ids: [op.id],
    });
  }
  return out;
}

/** What the moved user holds afterwards, as the operation plans it. */
function numbersAfter(op: OperationOf<'move_user'>, to: string): string {
  if (op.new_number?.number !== undefined) return `they get ${op.new_number.number} from the reserved pool`;
  if (op.new_number !== undefined) return `they get a new ${to} number Dialpad provisions`;
  if (op.via === 'move_office') return 'they keep their internal +1803 numbers';
  return 'they then hold the numbers their entry lists';
}
