import type { Violation } from '../types.js';
import { countOf } from '../plural.js';
import type { RuleContext } from './context.js';

/** What a partial read must never lead to, when it is planned at all: named by the violation. */
const DESTRUCTIVE: ReadonlySet<string> = new Set(['delete_user', 'release_number', 'delete_group', 'remove_operator']);

/** The first few items, and how many more. */
function listSome(items: string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * A partial live read blocks the plan: whatever looked "missing" may only be unread. The planner
 * already withholds unmanaged-user deletions and suspensions; this rule says so and why.
 */
export function checkIncompleteLiveRead(ctx: RuleContext): Violation[] {
  if (ctx.live.incomplete.length === 0) return [];
  const numbers = ctx.withheldNumbers ?? [];
  const withheld =
    (ctx.withheld.length > 0
      ? ` ${countOf(ctx.withheld.length, 'unmanaged user')} (${ctx.withheld.join(', ')}) ${ctx.withheld.length === 1 ? 'was' : 'were'} left out of the plan rather than deleted or suspended.`
      : '') +
    (numbers.length > 0
      ? ` ${countOf(numbers.length, 'number release')} (${listSome(numbers)}) ${numbers.length === 1 ? 'was' : 'were'} left out.`
      : '');
  return [
    {
      code: 'incomplete_live_read',
      severity: 'error',
      message:
        `Live state could not be read completely (${ctx.live.incomplete.join('; ')}); dialform never plans from a partial ` +
        `read.${withheld} Rerun the plan once the Dialpad API answers all reads (check the API key's scope and rate limits).`,
      operation_ids: ctx.operations.filter((op) => DESTRUCTIVE.has(op.kind)).map((op) => op.id),
    },
  ];
}
