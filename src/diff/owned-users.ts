/**
 * The one place that decides which lifecycle changes dialform owns (docs/lifecycle.md). A user's
 * lifecycle owner is their entry's `lifecycle`, else their office's, else `policy.lifecycle`, else
 * `dialform`. Under `external` an identity provider (SCIM) decides who exists and whether they are
 * active, so the differ sees, for such users:
 * - an entry with no live account (or a deleted one) as waiting for provisioning: no change but
 *   `await_provisioning`, nothing about its numbers;
 * - an entry with a live account as wanting the state it has in Dialpad (so no suspend, reactivate
 *   or delete is ever derived), everything else reconciled as usual;
 * - an entry with `state: deleted` as the IdP's to carry out: nothing;
 * - a live user absent from config as outside `policy.unmanaged_users`: left as it is.
 *
 * For users dialform owns, the dates of joiners and leavers are judged here too, against today by
 * Dialpad's clock (the live read's `Date`) in `policy.time_zone`: before `starts_on` an entry with
 * no account is scheduled, not created; from `leaves_on` it is wanted suspended, and from
 * `leaves_on + policy.delete_after_days` deleted (offboarded as `state: deleted` is). What is yet
 * to come is listed as `scheduled`.
 * `diffUsers` and `diffNumbers` match users only through `matchOwnedUsers`.
 */
import { BugError } from '../errors.js';
import { addDays, DEFAULT_TIME_ZONE, formatDateIn } from '../model/lifecycle-dates.js';
import { checkDialpadClock } from '../model/dialpad-clock.js';
import { GONE_STATES, matchUsers, type UserMatch } from '../model/match-users.js';
import { dialpadClock, type DesiredState, type LifecycleOwner, type LiveState, type User } from '../model/tenant.js';

/** Live states of an account that is gone or going. */

/** The owner of a config user's lifecycle, or of a live user's (by the office it is in, keyed to config). */
export function lifecycleOwnerOf(desired: DesiredState, user: Pick<User, 'office' | 'lifecycle'>): LifecycleOwner {
  return indexLifecycleOwners(desired)(user);
}

/** `lifecycleOwnerOf` for many users: each office's owner looked up by key, not searched for per user. */
export function indexLifecycleOwners(desired: DesiredState): (user: Pick<User, 'office' | 'lifecycle'>) => LifecycleOwner {
  const byOffice = new Map<string, LifecycleOwner | undefined>();
  // The first office with a key is the one config means (as `find` would pick).
  for (const o of desired.tenant.offices) if (!byOffice.has(o.key)) byOffice.set(o.key, o.lifecycle);
  const fallback = desired.policy.lifecycle ?? 'dialform';
  return (user) => user.lifecycle ?? byOffice.get(user.office) ?? fallback;
}

export interface OwnedUserMatch {
  /** Entries to reconcile with their live account (if any); under `external`, `user.state` is live's. */
  pairs: { user: User; live?: User }[];
  /** Entries an identity provider has not provisioned yet (owner `external`, no live account). */
  waiting: User[];
  /** Live users absent from config that `policy.unmanaged_users` acts on (owner `dialform`). */
  unmanaged: User[];
  /** Dated lifecycle changes still to come (owner `dialform`), in the order of the entries. */
  scheduled: ScheduledChange[];
}

export interface ScheduledChange {
  user: User;
  action: 'create' | 'suspend' | 'delete';
  /** `YYYY-MM-DD` in `policy.time_zone`. */
  on: string;
}

/** Today's date by Dialpad's clock (else `now`, the planning machine's) in `policy.time_zone`. */
function findToday(desired: DesiredState, live: LiveState, now: Date | undefined): string | undefined {
  const clock = dialpadClock(live) ?? now;
  return clock === undefined ? undefined : formatDateIn(clock, desired.policy.timeZone ?? DEFAULT_TIME_ZONE);
}

/**
 * A dialform-owned entry as its dates make it today: `undefined` when it is a joiner who has not
 * started and has no account; otherwise the entry, suspended or deleted once it has left.
 */
function applyDates(desired: DesiredState, user: User, live: User | undefined, today: string, scheduled: ScheduledChange[]): User | undefined {
  if (user.state === 'deleted' || (user.startsOn === undefined && user.leavesOn === undefined)) return user;
  if (user.startsOn !== undefined && today < user.startsOn && (live === undefined || GONE_STATES.has(live.state))) {
    scheduled.push({ user, action: 'create', on: user.startsOn });
    return undefined;
  }
  if (user.leavesOn === undefined) return user;
  const days = desired.policy.deleteAfterDays;
  const deleteOn = days === undefined ? undefined : addDays(user.leavesOn, days);
  if (deleteOn !== undefined && today >= deleteOn) return { ...user, state: 'deleted' };
  if (today < user.leavesOn) scheduled.push({ user, action: 'suspend', on: user.leavesOn });
  if (deleteOn !== undefined) scheduled.push({ user, action: 'delete', on: deleteOn });
  return today < user.leavesOn ? user : { ...user, state: 'suspended' };
}

/**
 * `now`: the planning machine's clock, used when Dialpad sent no `Date` (`LiveState.readAt`), and
 * to check Dialpad's (`checkDialpadClock`): while Dialpad's clock is more than a day off and not
 * acknowledged, a dated entry's dates are not acted on: its state stays Dialpad's, a joiner without
 * an account is not created, and nothing is scheduled, so nothing date-driven is planned.
 */
export function matchOwnedUsers(desired: DesiredState, live: LiveState, now?: Date, match: UserMatch = matchUsers(desired, live)): OwnedUserMatch {
  const { pairs, unmanaged } = match;
  const owned: OwnedUserMatch = { pairs: [], waiting: [], unmanaged: [], scheduled: [] };
  const today = findToday(desired, live, now);
  const skew = checkDialpadClock(desired, live, now);
  const datesHeld = skew !== undefined && !skew.acknowledged;
  const ownerOf = indexLifecycleOwners(desired);
  for (const pair of pairs) {
    const { user, live: found } = pair;
    const heldByClock = datesHeld && user.state !== 'deleted' && (user.startsOn !== undefined || user.leavesOn !== undefined);
    const owner = ownerOf(user);
    if (heldByClock && owner === 'dialform') {
      // Its state stays Dialpad's; a joiner with no account is not created (the warning says why).
      if (found !== undefined && !GONE_STATES.has(found.state)) owned.pairs.push({ user: { ...user, state: found.state }, live: found });
    } else if (owner === 'dialform') {
      if (today === undefined && (user.startsOn !== undefined || user.leavesOn !== undefined)) {
        throw new BugError(`matchOwnedUsers: ${user.email} has lifecycle dates but no clock was given`);
      }
      const dated = today === undefined ? user : applyDates(desired, user, found, today, owned.scheduled);
      // The match's own pair when the dates leave the entry as it is (most do): no copy per user.
      if (dated !== undefined) owned.pairs.push(dated === user ? pair : found === undefined ? { user: dated } : { user: dated, live: found });
    } else if (user.state === 'deleted') continue;
    else if (found === undefined || GONE_STATES.has(found.state)) owned.waiting.push(user);
    else owned.pairs.push({ user: { ...user, state: found.state }, live: found });
  }
  owned.unmanaged = unmanaged.filter((u) => ownerOf(u) === 'dialform');
  return owned;
}

/** A config entry's `state` that dialform does not carry out: an identity provider owns the user. */
export interface IgnoredState {
  user: User;
  /** The live account (not gone), whose state the plan keeps. */
  live: User;
}

/**
 * Config entries owned by an identity provider (`external`) whose declared `state` (other than the
 * default `active`) is not Dialpad's: the differ keeps Dialpad's state for them (see
 * `matchOwnedUsers`), so the entry's state is not carried out, and `lifecycle_state_ignored` says so.
 * An entry with no account yet is waiting for provisioning, not listed here. `match`: `matchUsers`
 * of these inputs, when the caller has it already.
 */
export function listIgnoredStates(desired: DesiredState, live: LiveState, match: UserMatch = matchUsers(desired, live)): IgnoredState[] {
  return match.pairs.flatMap(({ user, live: found }) => {
    if (found === undefined || GONE_STATES.has(found.state) || user.state === 'active' || user.state === found.state) return [];
    return lifecycleOwnerOf(desired, user) === 'external' ? [{ user, live: found }] : [];
  });
}
