import type { DesiredState, LiveState, User } from '../model/tenant.js';
import { diffPhoneSettings } from '../model/phone-settings.js';
import { GONE_STATES } from '../model/match-users.js';
import { matchOwnedUsers } from './owned-users.js';
import { isCompleteE911, isSameE911 } from '../model/e911.js';
import { change, type Change, type UserField } from './types.js';
import type { UnfinishedMove } from '../journal-types.js';

function sameSet(a: string[], b: string[]): boolean {
  // Most users administer no office: no copies and no sorts for two empty lists (50,000 times).
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.length === sb.length && sa.every((v, i) => v === sb[i]);
}

/** PATCH-able differences between a desired user and the live account it matches. */
export function diffUserFields(desired: User, live: User): UserField[] {
  const fields: UserField[] = [];
  if (desired.email.toLowerCase() !== live.email.toLowerCase()) {
    fields.push({ field: 'email', from: live.email, to: desired.email });
  }
  if (desired.firstName !== live.firstName) fields.push({ field: 'first_name', from: live.firstName, to: desired.firstName });
  if (desired.lastName !== live.lastName) fields.push({ field: 'last_name', from: live.lastName, to: desired.lastName });
  if (desired.license !== live.license) fields.push({ field: 'license', from: live.license, to: desired.license });
  if (desired.admin.company !== live.admin.company) {
    fields.push({ field: 'is_super_admin', from: live.admin.company, to: desired.admin.company });
  }
  if (!sameSet(desired.admin.offices, live.admin.offices)) {
    fields.push({ field: 'admin_offices', from: [...live.admin.offices].sort(), to: [...desired.admin.offices].sort() });
  }
  // Most users declare no phone settings: nothing to compare, and no list to spread.
  if (desired.settings !== undefined) fields.push(...diffPhoneSettings(desired.settings, live.settings));
  return fields;
}

/** Live states of an account that is gone or going: nothing to delete. */

/** The journal's unfinished move (`readUnfinishedMoves`) a matched user is part way through, if any. */
export type FindPartWayMove = (desired: User, live: User) => UnfinishedMove | undefined;

/**
 * A move is part way when the user is in the office it moves them to, holds no number, and config
 * leaves their numbers to the move (no `numbers:`): stopped between the move and the number it
 * gives them. It is planned again from its origin and runs only its steps still to do (`move_user`
 * reads before it writes).
 */
export function findPartWayMoves(unfinished: readonly UnfinishedMove[], liveNumbers: (user: User) => readonly string[]): FindPartWayMove {
  // No move started and unfinished (the usual case): nothing to look up for each user.
  if (unfinished.length === 0) return () => undefined;
  const byEmail = new Map(unfinished.map((m) => [m.email.toLowerCase(), m]));
  return (desired, live) => {
    const move = byEmail.get(live.email.toLowerCase());
    return move !== undefined && move.to === live.office && desired.numbers === undefined && liveNumbers(live).length === 0 ? move : undefined;
  };
}

/** Appends to `changes` what a matched user needs (into the caller's list: no list per user, 50,000 times). */
function diffMatchedUser(desired: User, live: User, partWay: UnfinishedMove | undefined, changes: Change[]): void {
  // Offboarding: the entry says this person leaves; nothing else about them is reconciled.
  if (desired.state === 'deleted') {
    if (!GONE_STATES.has(live.state)) changes.push(change.deleteUser(live, desired));
    return;
  }
  const restoring = live.state === 'deleted';
  if (restoring) changes.push(change.restoreUser(desired, live));
  const fields = diffUserFields(desired, live);
  if (fields.length > 0) changes.push(change.updateUser(desired, live, fields));
  if (desired.office !== live.office) changes.push(change.moveUser(desired, live, live.office, desired.office));
  else if (partWay !== undefined) changes.push(change.moveUser(desired, live, partWay.from, desired.office, true));
  // Read only where config declares one (`choosePlanReads`); unread, nothing is known to differ.
  if (desired.callerId !== undefined && live.callerId !== undefined && desired.callerId !== live.callerId) {
    changes.push(change.setCallerId(desired, live, live.callerId, desired.callerId));
  }
  // A restored account comes back active. Pending (invited) counts as active on both sides:
  // whether the person accepted the invitation is theirs to do, not dialform's.
  const liveState = restoring ? 'active' : live.state;
  const wanted = desired.state === 'pending' ? 'active' : desired.state;
  if (wanted === 'suspended' && liveState !== 'suspended') changes.push(change.suspendUser(live, desired));
  if (wanted === 'active' && liveState === 'suspended') changes.push(change.reactivateUser(desired, live));
  // Read only where config declares a complete address (`choosePlanReads`); a restored account's is compared once it is back.
  const e911 = desired.e911;
  if (e911 !== undefined && isCompleteE911(e911) && live.e911 !== undefined && !isSameE911(e911, live.e911)) changes.push(change.userE911(desired, e911, live));
}

/**
 * User changes: creates, restores, updates, moves, state changes, and what `policy.unmanaged_users`
 * asks for live users absent from config, for the users whose lifecycle dialform owns; users an
 * identity provider has yet to provision are `await_provisioning` (`matchOwnedUsers`). Numbers are
 * diffed separately (`diffNumbers`).
 */
export function diffUsers(
  desired: DesiredState,
  live: LiveState,
  now?: Date,
  owned = matchOwnedUsers(desired, live, now),
  findPartWay: FindPartWayMove = () => undefined,
): Change[] {
  const { pairs, waiting, unmanaged, scheduled } = owned;
  const changes: Change[] = [
    ...waiting.map((user) => change.awaitProvisioning(user)),
    ...scheduled.map((s) => change.scheduleLifecycle(s.user, s.action, s.on)),
  ];
  for (const { user, live: found } of pairs) {
    if (found === undefined) {
      // An offboarded person with no live account (never created, or already anonymized): nothing to do.
      if (user.state === 'deleted') continue;
      changes.push(change.createUser(user));
      if (user.e911 !== undefined && isCompleteE911(user.e911)) changes.push(change.userE911(user, user.e911));
      if (user.state === 'suspended') changes.push(change.suspendUser({ ...user, state: 'active' }, user));
      continue;
    }
    diffMatchedUser(user, found, findPartWay(user, found), changes);
  }
  const policy = desired.policy.unmanagedUsers;
  for (const user of unmanaged) {
    if (policy === 'delete') changes.push(change.deleteUser(user));
    else if (policy === 'suspend' && user.state === 'active') changes.push(change.suspendUser(user));
  }
  return changes;
}
