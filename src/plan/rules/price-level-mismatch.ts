import { isInternationalMove } from '../../model/international-move.js';
import type { Operation } from '../types.js';
import { at, type RuleContext } from './context.js';

const SOURCE = 'Dialpad help, Manage Your Users: "Licenses can only be transferred between Offices at the same price level"; international user transfers likewise';

/**
 * Transfers, and moves to an office in another country, need both offices at the same price
 * level. Price levels are not visible through the API: they come from config (`price_level`); when
 * either side is undeclared the rule cannot judge and stays silent.
 */
export function checkPriceLevelMismatch(ctx: RuleContext) {
  return ctx.operations.flatMap((op) => {
    const pair = officesOf(op, ctx);
    if (pair === undefined) return [];
    const [from, to] = pair;
    const a = ctx.book.priceLevel(from);
    const b = ctx.book.priceLevel(to);
    if (a === undefined || b === undefined || a === b) return [];
    const fromName = ctx.book.ref(from).name;
    const toName = ctx.book.ref(to).name;
    const what = op.kind === 'transfer_licenses' ? `${op.summary}` : `${op.summary} (${ctx.book.country(from)} → ${ctx.book.country(to)})`;
    return [
      {
        code: 'price_level_mismatch' as const,
        severity: 'error' as const,
        message:
          `${what}: ${fromName} is at price level ${a} and ${toName} at ${b} (${SOURCE}). ` +
          (op.kind === 'transfer_licenses'
            ? `Take the licenses from an office at price level ${b}, or buy them for ${toName}${at(op.source)}.`
            : `Move the user to an office at price level ${a}, or ask Dialpad to align the price levels${at(op.source)}.`),
        operation_ids: [op.id],
      },
    ];
  });
}

function officesOf(op: Operation, ctx: RuleContext): [string, string] | undefined {
  if (op.kind === 'transfer_licenses') return [op.from.key, op.to.key];
  if (op.kind === 'move_user' && isInternationalMove(ctx.book.country(op.from.key), ctx.book.country(op.to.key))) return [op.from.key, op.to.key];
  return undefined;
}
