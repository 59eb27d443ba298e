import { isInternationalMove } from '../../model/international-move.js';
import type { Operation } from '../types.js';
import { at, type RuleContext } from './context.js';

/** The help article's words for each kind this rule judges (docs/rules.md quotes them in full). */
const SOURCES = {
  transfer: 'Dialpad help, Manage Your Users: "Licenses can only be transferred between Offices at the same price level"',
  international: 'Dialpad help, Manage Your Users: "Transferring users internationally is only possible if the two offices are on the same price level"',
  domestic: 'Dialpad help, Manage Your Users: "users can be transferred to different Offices on the same pricing plan"',
} as const;

/**
 * Transfers and user moves need both offices at the same price level. For a move to another
 * country the article says so outright; for a move within one country it allows only moves
 * "to different Offices on the same pricing plan" and documents no other (issue 27 #18), so a
 * domestic move across price levels is refused as well until Dialpad is shown to allow it. Price
 * levels are not visible through the API: they come from config (`price_level`); when either side
 * is undeclared the rule cannot judge and stays silent.
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
    const international = isInternationalMove(ctx.book.country(from), ctx.book.country(to));
    const what = op.kind === 'transfer_licenses' || !international ? op.summary : `${op.summary} (${ctx.book.country(from)} → ${ctx.book.country(to)})`;
    const source = op.kind === 'transfer_licenses' ? SOURCES.transfer : international ? SOURCES.international : SOURCES.domestic;
    return [
      {
        code: 'price_level_mismatch' as const,
        severity: 'error' as const,
        message:
          `${what}: ${fromName} is at price level ${a} and ${toName} at ${b} (${source}). ` +
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
  if (op.kind === 'move_user') return [op.from.key, op.to.key];
  return undefined;
}
