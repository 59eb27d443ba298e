import type { Operation, Violation } from '../types.js';
import type { RuleContext } from './context.js';
import { countOf } from '../plural.js';
import { KINDS, type DeletedThing, type KindFacts } from '../kinds/index.js';
import { countActiveUsers, countLimit, percentOf, quoteLimit, shareLimit } from './caps.js';

/** Which deletions `policy.max_deletions` caps: what is gone for good (see `DeletedThing`). */
const CAPPED = { user: true, number: true, group: true, room: true, membership: false } as const satisfies Record<DeletedThing, boolean>;
type CappedThing = { [T in DeletedThing]: (typeof CAPPED)[T] extends true ? T : never }[DeletedThing];

/**
 * The operations `policy.max_deletions` counts, by what they delete, as each kind's entry in
 * `kinds` says (`deletes`): no list of kind names here, so a new kind that deletes is counted.
 */
export function countDeletions<O extends Pick<Operation, 'id'> & { kind: string }>(
  operations: readonly O[],
  kinds: { readonly [kind: string]: KindFacts | undefined } = KINDS,
): Record<CappedThing, O[]> {
  const counted: Record<CappedThing, O[]> = { user: [], number: [], group: [], room: [] };
  for (const op of operations) {
    const deletes = kinds[op.kind]?.deletes;
    if (deletes === undefined || deletes === false) continue;
    const thing = deletes.counts;
    if (thing !== 'membership') counted[thing].push(op);
  }
  return counted;
}

/** The numbers `op` takes out of service (its kind's `deletes.numbers`), if it says. */
function listNumbersTaken(op: Pick<Operation, 'id'> & { kind: string }, kinds: { readonly [kind: string]: KindFacts | undefined }): readonly string[] {
  const deletes = kinds[op.kind]?.deletes;
  return deletes === undefined || deletes === false ? [] : (deletes.numbers?.(op as Operation) ?? []);
}

/**
 * Guards against mass deletion. `policy.max_deletions` bounds user deletions, number releases
 * and group deletions together (all permanent, a group at once: the API cannot restore one), a
 * deleted group's numbers with it (its callers reach no one once it is gone);
 * `policy.max_deletion_percent` bounds user deletions as a share of live active users, and group
 * deletions as a share of live groups (departments and call centers), each on its own. Unset,
 * each has its default (`DEFAULT_CAPS`; a share's only from 10 of what it is of).
 * What each kind deletes is its entry's in `kinds` (the table, `KINDS`, but for tests).
 */
export function checkTooManyDeletions(ctx: RuleContext, kinds: { readonly [kind: string]: KindFacts | undefined } = KINDS): Violation[] {
  const maxDeletions = countLimit(ctx.desired.policy.maxDeletions);
  const { user: deletes, number: releases, group: groups, room: rooms } = countDeletions(ctx.operations, kinds);
  const out: Violation[] = [];
  // A deleted group's numbers count too, once each: a number the plan also releases is a release.
  const released = new Set(releases.flatMap((op) => listNumbersTaken(op, kinds)));
  // So do a deleted room's.
  const pooled = [...new Set([...groups, ...rooms].flatMap((op) => listNumbersTaken(op, kinds)))].filter((n) => !released.has(n));
  const total = deletes.length + releases.length + groups.length + rooms.length + pooled.length;
  const checks = [
    ...(deletes.length > 0 ? [`Check that config lists everyone it should (policy.unmanaged_users is ${ctx.desired.policy.unmanagedUsers}).`] : []),
    ...(releases.length > 0 ? ['Check that reserved_numbers.keep lists every pool number to keep (released numbers are lost).'] : []),
    ...(groups.length > 0 ? [`Check that config lists every department and call center to keep (policy.unmanaged_groups is delete; a deleted group cannot be restored).`] : []),
    ...(rooms.length > 0 ? [`Check that config lists every room to keep (policy.unmanaged_rooms is delete; a deleted room cannot be restored).`] : []),
  ];
  if (total > maxDeletions.value) {
    out.push({
      code: 'too_many_deletions',
      severity: 'error',
      message:
        `The plan deletes ${countOf(deletes.length, 'user')}${groups.length > 0 ? ` and ${countOf(groups.length, 'group')}` : ''}${rooms.length > 0 ? ` and ${countOf(rooms.length, 'room')}` : ''}` +
        `${pooled.length > 0 ? `, sending ${countOf(pooled.length, 'number')} to the reserved pool,` : ''} and releases ${countOf(releases.length, 'number')} (${total}), more than ` +
        `policy.max_deletions (${quoteLimit(maxDeletions)}). ${checks.join(' ')} If the change is intended, raise policy.max_deletions for it.`,
      operation_ids: [...deletes, ...releases, ...groups, ...rooms].map((op) => op.id),
    });
  }
  // One share guard for each kind of thing deleted, each against its live count (users: the active ones).
  const shares = [
    { deleted: deletes, of: countActiveUsers(ctx), noun: 'active user', check: 'Check that config lists everyone it should' },
    { deleted: groups, of: (ctx.live.tenant.groups ?? []).length, noun: 'live group', check: 'Check that config lists every department and call center to keep' },
  ];
  for (const share of shares) {
    const limit = shareLimit(ctx.desired.policy.maxDeletionPercent, share.of);
    if (limit === undefined || share.deleted.length === 0) continue;
    const percent = percentOf(share.deleted.length, share.of);
    if (percent <= limit.value) continue;
    out.push({
      code: 'too_many_deletions',
      severity: 'error',
      message:
        `The plan deletes ${share.deleted.length} of ${countOf(share.of, share.noun)} (${percent.toFixed(1)}%), more than ` +
        `policy.max_deletion_percent (${quoteLimit(limit, '%')}). ${share.check}, or raise ` +
        `policy.max_deletion_percent for this change.`,
      operation_ids: share.deleted.map((op) => op.id),
    });
  }
  return out;
}
