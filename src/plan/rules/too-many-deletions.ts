import type { Operation, Violation } from '../types.js';
import type { RuleContext } from './context.js';
import { countOf } from '../plural.js';
import { KINDS, type DeletedThing, type KindFacts } from '../kinds/index.js';

/**
 * The limits that apply when config sets none, so a careless config (a users file left out)
 * cannot delete a company. As octoDNS refuses to delete more than 30 % of at least 10 records
 * without `--force`, a share applies from 10 (active users, or live groups); as Microsoft Entra's
 * provisioning quarantines a sync above 500 deletions, so does the count.
 */
const DEFAULT_DELETION_LIMITS = { maxDeletions: 500, maxDeletionPercent: 30, percentFrom: 10 } as const;

/** Which deletions `policy.max_deletions` caps: what is gone for good (see `DeletedThing`). */
const CAPPED = { user: true, number: true, group: true, membership: false } as const satisfies Record<DeletedThing, boolean>;
type CappedThing = { [T in DeletedThing]: (typeof CAPPED)[T] extends true ? T : never }[DeletedThing];

/**
 * The operations `policy.max_deletions` counts, by what they delete, as each kind's entry in
 * `kinds` says (`deletes`): no list of kind names here, so a new kind that deletes is counted.
 */
export function countDeletions<O extends Pick<Operation, 'id'> & { kind: string }>(
  operations: readonly O[],
  kinds: { readonly [kind: string]: KindFacts | undefined } = KINDS,
): Record<CappedThing, O[]> {
  const counted: Record<CappedThing, O[]> = { user: [], number: [], group: [] };
  for (const op of operations) {
    const deletes = kinds[op.kind]?.deletes;
    if (deletes === undefined || deletes === false) continue;
    const thing = deletes.counts;
    if (thing !== 'membership') counted[thing].push(op);
  }
  return counted;
}

/**
 * Guards against mass deletion. `policy.max_deletions` bounds user deletions, number releases
 * and group deletions together (all permanent, a group at once: the API cannot restore one);
 * `policy.max_deletion_percent` bounds user deletions as a share of live active users, and group
 * deletions as a share of live groups (departments and call centers), each on its own. Unset,
 * each has its default (`DEFAULT_DELETION_LIMITS`; a share's only from 10 of what it is of).
 * What each kind deletes is its entry's in `kinds` (the table, `KINDS`, but for tests).
 */
export function checkTooManyDeletions(ctx: RuleContext, kinds: { readonly [kind: string]: KindFacts | undefined } = KINDS): Violation[] {
  const limits = deletionLimits(ctx);
  const maxDeletions = limits.maxDeletions.value;
  const { user: deletes, number: releases, group: groups } = countDeletions(ctx.operations, kinds);
  const out: Violation[] = [];
  const total = deletes.length + releases.length + groups.length;
  const checks = [
    ...(deletes.length > 0 ? [`Check that config lists everyone it should (policy.unmanaged_users is ${ctx.desired.policy.unmanagedUsers}).`] : []),
    ...(releases.length > 0 ? ['Check that reserved_numbers.keep lists every pool number to keep (released numbers are lost).'] : []),
    ...(groups.length > 0 ? [`Check that config lists every department and call center to keep (policy.unmanaged_groups is delete; a deleted group cannot be restored).`] : []),
  ];
  if (total > maxDeletions) {
    out.push({
      code: 'too_many_deletions',
      severity: 'error',
      message:
        `The plan deletes ${countOf(deletes.length, 'user')}${groups.length > 0 ? ` and ${countOf(groups.length, 'group')}` : ''} and releases ${countOf(releases.length, 'number')} (${total}), more than ` +
        `policy.max_deletions (${maxDeletions}${limits.maxDeletions.isDefault ? ', the default' : ''}). ${checks.join(' ')} If the change is intended, raise policy.max_deletions for it.`,
      operation_ids: [...deletes, ...releases, ...groups].map((op) => op.id),
    });
  }
  // One share guard for each kind of thing deleted, each against its live count (users: the active ones).
  const shares = [
    { deleted: deletes, of: limits.active, noun: 'active user', check: 'Check that config lists everyone it should' },
    { deleted: groups, of: limits.groups, noun: 'live group', check: 'Check that config lists every department and call center to keep' },
  ];
  for (const share of shares) {
    const limit = percentLimit(ctx, share.of);
    if (limit === undefined || share.deleted.length === 0) continue;
    const percent = share.of === 0 ? 100 : (share.deleted.length * 100) / share.of;
    if (percent <= limit.value) continue;
    out.push({
      code: 'too_many_deletions',
      severity: 'error',
      message:
        `The plan deletes ${share.deleted.length} of ${countOf(share.of, share.noun)} (${percent.toFixed(1)}%), more than ` +
        `policy.max_deletion_percent (${limit.value}%${limit.isDefault ? ', the default' : ''}). ${share.check}, or raise ` +
        `policy.max_deletion_percent for this change.`,
      operation_ids: share.deleted.map((op) => op.id),
    });
  }
  return out;
}

interface Limit {
  value: number;
  isDefault: boolean;
}

/** The count limit in force (config's, else the default), and the live counts the shares are of. */
function deletionLimits(ctx: RuleContext): { maxDeletions: Limit; active: number; groups: number } {
  const { maxDeletions } = ctx.desired.policy;
  return {
    maxDeletions: maxDeletions === undefined ? { value: DEFAULT_DELETION_LIMITS.maxDeletions, isDefault: true } : { value: maxDeletions, isDefault: false },
    active: ctx.live.tenant.users.filter((u) => u.state === 'active').length,
    groups: (ctx.live.tenant.groups ?? []).length,
  };
}

/** The share limit for deletions out of `of` live things: config's, else the default from enough of them. */
function percentLimit(ctx: RuleContext, of: number): Limit | undefined {
  const configured = ctx.desired.policy.maxDeletionPercent;
  if (configured !== undefined) return { value: configured, isDefault: false };
  return of >= DEFAULT_DELETION_LIMITS.percentFrom ? { value: DEFAULT_DELETION_LIMITS.maxDeletionPercent, isDefault: true } : undefined;
}
