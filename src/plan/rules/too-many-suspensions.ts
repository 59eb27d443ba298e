import type { Operation, Violation } from '../types.js';
import type { RuleContext } from './context.js';
import { countOf } from '../plural.js';
import { KINDS, type KindFacts } from '../kinds/index.js';
import { countActiveUsers, countLimit, percentOf, quoteLimit, shareLimit } from './caps.js';

/**
 * Guards against mass suspension, as `too_many_deletions` does against mass deletion: a suspended
 * user's phone stops. `policy.max_suspensions` bounds the users the plan suspends (each kind's
 * entry says whether it suspends: `suspends`), `policy.max_suspension_percent` their share of the
 * live active users; unset, each has the deletions' default (`DEFAULT_CAPS`). Every suspension
 * counts, whatever asked for it: `policy.unmanaged_users: suspend`, a `leaves_on` date, an entry's
 * `state: suspended`; the message names the ones present, so the check points at the cause.
 */
export function checkTooManySuspensions(ctx: RuleContext, kinds: { readonly [kind: string]: KindFacts | undefined } = KINDS): Violation[] {
  const suspended = ctx.operations.filter((op) => kinds[op.kind]?.suspends === true);
  if (suspended.length === 0) return [];
  const checks = describeCauses(ctx, suspended);
  const ids = suspended.map((op) => op.id);
  const out: Violation[] = [];
  const count = countLimit(ctx.desired.policy.maxSuspensions);
  if (suspended.length > count.value) {
    out.push({
      code: 'too_many_suspensions',
      severity: 'error',
      message:
        `The plan suspends ${countOf(suspended.length, 'user')}, more than policy.max_suspensions (${quoteLimit(count)}); a suspended user's phone stops. ` +
        `${checks} If the change is intended, raise policy.max_suspensions for it.`,
      operation_ids: ids,
    });
  }
  const active = countActiveUsers(ctx);
  const share = shareLimit(ctx.desired.policy.maxSuspensionPercent, active);
  const percent = percentOf(suspended.length, active);
  if (share !== undefined && percent > share.value) {
    out.push({
      code: 'too_many_suspensions',
      severity: 'error',
      message:
        `The plan suspends ${suspended.length} of ${countOf(active, 'active user')} (${percent.toFixed(1)}%), more than ` +
        `policy.max_suspension_percent (${quoteLimit(share, '%')}); a suspended user's phone stops. ${checks} If the change is intended, raise policy.max_suspension_percent for it.`,
      operation_ids: ids,
    });
  }
  return out;
}

/** What to check, for each cause of the suspensions present: the policy, `leaves_on` dates, entries saying `state: suspended`. */
function describeCauses(ctx: RuleContext, suspended: readonly Operation[]): string {
  const entries = new Map(ctx.desired.tenant.users.map((u) => [u.email.toLowerCase(), u]));
  const causes = new Set<'unmanaged' | 'leaves_on' | 'state'>();
  for (const op of suspended) {
    const entry = op.target.type === 'user' ? entries.get(op.target.email.toLowerCase()) : undefined;
    causes.add(entry === undefined ? 'unmanaged' : entry.leavesOn !== undefined ? 'leaves_on' : 'state');
  }
  return [
    ...(causes.has('unmanaged') ? [`Check that config lists everyone it should (policy.unmanaged_users is ${ctx.desired.policy.unmanagedUsers}).`] : []),
    ...(causes.has('leaves_on') ? ["Check the leaves_on dates of the users it suspends (judged by Dialpad's clock in policy.time_zone)."] : []),
    ...(causes.has('state') ? ['Check the entries that say state: suspended.'] : []),
  ].join(' ');
}
