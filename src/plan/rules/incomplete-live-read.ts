import type { Violation } from '../types.js';
import { agreeing, countOf } from '../plural.js';
import { specOf } from '../kinds/index.js';
import type { RuleContext, Withheld } from './context.js';

/** How the message names each list of withheld changes: the noun counted, the tail, how many it lists. */
const WITHHELD_WORDS: Record<keyof Withheld, { noun: string; tail: string; max: number }> = {
  users: { noun: 'unmanaged user', tail: 'left out of the plan rather than deleted or suspended', max: Infinity },
  numbers: { noun: 'number release', tail: 'left out', max: 5 },
  groups: { noun: 'group deletion', tail: 'left out', max: 5 },
  rooms: { noun: 'room deletion', tail: 'left out', max: 5 },
  creates: { noun: 'create', tail: 'left out (each may be of a record the partial list did not bring)', max: 5 },
};

/** The first few items, and how many more. */
function listSome(items: string[], max: number): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** ` 2 group deletions (…) were left out.` for each non-empty list. */
function describeWithheld(withheld: Withheld): string {
  return (Object.keys(WITHHELD_WORDS) as (keyof Withheld)[])
    .map((list) => {
      const items = withheld[list];
      if (items.length === 0) return '';
      const { noun, tail, max } = WITHHELD_WORDS[list];
      return ` ${countOf(items.length, noun)} (${listSome(items, max)}) ${agreeing(items.length, 'was', 'were')} ${tail}.`;
    })
    .join('');
}

/**
 * A partial live read blocks the plan: whatever looked "missing" may only be unread. The planner
 * already withholds unmanaged-user deletions and suspensions, number releases, group deletions,
 * and creates of the kinds whose list is partial; this rule says so and why.
 */
export function checkIncompleteLiveRead(ctx: RuleContext): Violation[] {
  if (ctx.live.incomplete.length === 0) return [];
  return [
    {
      code: 'incomplete_live_read',
      severity: 'error',
      message:
        `Live state could not be read completely (${ctx.live.incomplete.join('; ')}); dialform never plans from a partial ` +
        `read.${describeWithheld(ctx.withheld)} Rerun the plan once the Dialpad API answers all reads (check the API key's scope and rate limits).`,
      // What a partial read must never lead to, when it is planned at all: every kind that deletes
      // (its entry's `deletes`). The planner withholds the policies' deletions outright: those are
      // named in the message instead.
      operation_ids: ctx.operations.filter((op) => specOf(op).deletes !== false).map((op) => op.id),
    },
  ];
}
