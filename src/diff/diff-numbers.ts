/**
 * Number changes: each user whose config lists `numbers` (first = primary; absent = unmanaged)
 * against what they will hold once earlier changes are done, and, with
 * `reserved_numbers.release`, the numbers listed there, and with `reserved_numbers.release_unlisted`,
 * pool numbers neither kept nor wanted (those the plan sends there too: a deleted user's or group's,
 * a moved user's).
 */
import type { DesiredState, LiveState, Office, PhoneNumber, User } from '../model/tenant.js';
import { numbersPooledByMove } from '../model/international-move.js';
import { matchOwnedUsers } from './owned-users.js';
import { indexLiveNumbers } from './live-numbers.js';
import { listDeletedGroups } from './diff-groups.js';
import { listRoomNumbersToPool } from './diff-rooms.js';
import { change, type Change } from './types.js';

/** Each office's country, upper-cased, by key (`''` for an office not listed): looked up for every user. */
function indexCountries(offices: readonly Office[]): (key: string) => string {
  const byKey = new Map<string, string>();
  for (const o of offices) if (!byKey.has(o.key)) byKey.set(o.key, o.country.toUpperCase());
  return (key) => byKey.get(key) ?? '';
}

/** Same primary and the same set: the order of non-primary numbers does not matter. */
function sameNumbers(held: readonly string[], want: readonly string[]): boolean {
  if (held[0] !== want[0] || held.length !== want.length) return false;
  for (const n of want) if (!held.includes(n)) return false;
  return true;
}

/** `now`: see `matchOwnedUsers`; `owned` and `numbersOf`: its result and `indexLiveNumbers(live)`, when the caller has them already. */
export function diffNumbers(
  desired: DesiredState,
  live: LiveState,
  now?: Date,
  owned = matchOwnedUsers(desired, live, now),
  numbersOf: (user: User) => readonly string[] = indexLiveNumbers(live),
): Change[] {
  // Users waiting for provisioning have no account to hold numbers yet: no pair, no change.
  const { pairs, unmanaged } = owned;
  const changes: Change[] = [];
  /** Numbers that enter the reserved pool during the plan. */
  const entering = new Set<string>();
  const [liveCountry, desiredCountry] = [indexCountries(live.tenant.offices), indexCountries(desired.tenant.offices)];
  for (const { user, live: found } of pairs) {
    const held = found === undefined ? [] : numbersOf(found);
    if (user.state === 'deleted') {
      if (found === undefined || found.state === 'deleted' || found.state === 'cancelled') continue;
      // Deleting an active or suspended user sends their numbers to the pool.
      if (found.state !== 'pending') {
        for (const n of held) entering.add(n);
        continue;
      }
      // A pending user's numbers are deleted with them (`pending_user_number_loss`), unless the
      // entry says `numbers: []`: then they are unassigned to the pool first, as below.
      if (user.numbers === undefined) continue;
    }
    const pooled =
      found === undefined || found.state === 'deleted'
        ? []
        : numbersPooledByMove(held, liveCountry(found.office), desiredCountry(user.office));
    // Read-only, as `held`: most users keep every number, and no copy is made of their list.
    const kept: readonly string[] = pooled.length === 0 ? held : held.filter((n) => !pooled.includes(n));
    for (const n of pooled) entering.add(n);
    if (user.numbers === undefined) continue;
    for (const n of kept) if (!user.numbers.includes(n)) entering.add(n);
    if (!sameNumbers(kept, user.numbers)) changes.push(change.userNumbers(user, [...kept], user.numbers, found));
  }
  if (desired.policy.unmanagedUsers === 'delete') {
    // A deleted pending user's numbers are deleted with them, not pooled.
    for (const u of unmanaged) if (u.state !== 'pending') for (const n of numbersOf(u)) entering.add(n);
  }
  // A deleted group's numbers go to the pool too (`delete_group`), as a deleted user's do.
  for (const g of listDeletedGroups(desired, live)) for (const n of g.numbers ?? []) entering.add(n);
  // So do a deleted room's, and those config takes from a room.
  for (const n of listRoomNumbersToPool(desired, live)) entering.add(n);

  const byNumber = new Map(live.tenant.numbers.map((n) => [n.number, n]));
  const pool = live.tenant.numbers.filter((n) => n.status === 'available' && n.targetId === undefined).map((n) => n.number);
  const poolAfter = new Set([...pool, ...entering]);
  const listed = new Set(desired.reservedNumbers.release ?? []);
  // A listed number the company still has: released from the pool (a user's goes there first;
  // one held by a user config leaves alone is a number_conflict at that step). A listed number the
  // company no longer has is already released: nothing to do, so apply converges.
  // Every number a user holds: gathered only when config lists numbers to release.
  const held = new Set<string>();
  if (listed.size > 0) for (const u of live.tenant.users) if (u.state !== 'deleted') for (const n of numbersOf(u)) held.add(n);
  for (const number of [...listed].sort()) {
    if (!poolAfter.has(number) && !held.has(number)) continue;
    changes.push(change.releaseNumber(byNumber.get(number) ?? { number, status: 'available' }, true));
  }
  if (desired.reservedNumbers.releaseUnlisted) {
    const wanted = new Set([...desired.tenant.users.flatMap((u) => u.numbers ?? []), ...(desired.tenant.rooms ?? []).flatMap((r) => r.numbers ?? [])]);
    const keep = new Set(desired.reservedNumbers.keep);
    for (const number of [...poolAfter].sort()) {
      if (keep.has(number) || wanted.has(number) || listed.has(number)) continue;
      const known: PhoneNumber = byNumber.get(number) ?? { number, status: 'available' };
      changes.push(change.releaseNumber(known));
    }
  }
  return changes;
}
