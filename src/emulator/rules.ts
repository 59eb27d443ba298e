/**
 * Business rules that span objects (dialpad-api.md §5, seed/manage-your-users.txt), shared by the
 * /api/v2 routes and the console. Each function validates everything first and mutates only when
 * the whole change is allowed.
 */
import { badRequest, conflict, forbidden } from './http-failure.js';
import { assertFreeLine, getAvailable, isHoldingLine } from './licenses.js';
import { isInternationalMove, keepsNumbersOnMove, numbersPooledByMove } from '../model/international-move.js';
import { RESTORE_WINDOW_HOURS } from '../model/restore-window.js';
import { dropMemberships } from './rules-groups.js';
import { formatApiTime, type Store } from './store.js';
import type { FixtureOffice, FixtureUser, LineField } from './types.js';

/** User and license transfers need an Advanced/Premium plan (API `account_type` pro or enterprise). */
export function assertPaidAccount(store: Store, what: string): void {
  const t = store.state.company.account_type;
  if (t !== 'pro' && t !== 'enterprise') {
    throw forbidden(`${what} requires a pro or enterprise account (Advanced or Premium plan); this company is "${t}"`);
  }
}

/** Offices without a `price_level` share the unset level. */
export function assertSamePriceLevel(from: FixtureOffice, to: FixtureOffice, what: string): void {
  if (from.price_level !== to.price_level) {
    throw badRequest(
      `${what} is only possible between offices on the same price level: office ${from.id} (${from.name}) is ` +
        `"${from.price_level ?? 'unset'}", office ${to.id} (${to.name}) is "${to.price_level ?? 'unset'}"`,
    );
  }
}

/** Throws 400 for a user that no longer exists in a usable state. */
export function assertLiveUser(user: FixtureUser): void {
  if (user.state === 'deleted' || user.state === 'cancelled') throw badRequest(`user ${user.id} is ${user.state}`);
}

/** Another live user already using one of `emails` (case-insensitive), if any. */
export function findEmailOwner(store: Store, emails: readonly string[], except?: FixtureUser): FixtureUser | undefined {
  const wanted = new Set(emails.map((e) => e.toLowerCase()));
  return store.state.users.find(
    (u) => u !== except && u.state !== 'deleted' && u.state !== 'cancelled' && u.emails.some((e) => wanted.has(e.toLowerCase())),
  );
}

/**
 * `PATCH /users/{id}/move_office`. Paid accounts only; the destination needs a free line of the
 * user's license. An international move needs the same price level, sends every number to the
 * reserved pool and assigns one in the destination country (`Store.takeNumber`), unless all the
 * user's numbers are internal `+1803…` numbers, which are kept (the model's reading of the API
 * reference, shared on purpose). A user without numbers also gets a new one. Pooled numbers keep
 * the office they had: the one the user leaves.
 */
export function moveUserToOffice(store: Store, user: FixtureUser, dest: FixtureOffice): void {
  assertLiveUser(user);
  assertPaidAccount(store, 'moving a user to another office');
  if (user.office_id === dest.id) return;
  const from = store.getOffice(user.office_id);
  if (isHoldingLine(user, store.state)) assertFreeLine(store.state, dest, user.license);
  const international = isInternationalMove(from.country, dest.country);
  if (international) assertSamePriceLevel(from, dest, 'moving a user to an office in another country');

  const numbers = [...(user.phone_numbers ?? [])];
  // Pooled before the user changes office, so each keeps the office it belonged to.
  for (const num of numbersPooledByMove(numbers, from.country, dest.country)) store.detachNumber(store.getNumber(num));
  user.office_id = dest.id;
  for (const n of store.state.numbers) if (n.target_type === 'user' && n.target_id === user.id) n.office_id = dest.id;
  if (international && !keepsNumbersOnMove(numbers)) store.attachNumber(store.takeNumber(dest.country), user, true);
  store.touch();
}

/**
 * Checks for a move through `PATCH /users/{id}` `office_id`: like move_office, but an
 * international move needs the user to have no numbers (`numbersAfter`) instead of replacing them.
 */
export function assertPatchMoveAllowed(store: Store, user: FixtureUser, dest: FixtureOffice, numbersAfter: readonly string[]): void {
  assertPaidAccount(store, 'moving a user to another office');
  const from = store.getOffice(user.office_id);
  if (!isInternationalMove(from.country, dest.country)) return;
  assertSamePriceLevel(from, dest, 'moving a user to an office in another country');
  if (numbersAfter.length > 0) {
    throw badRequest(
      `user ${user.id} has numbers (${numbersAfter.join(', ')}); unassign them before moving to office ${dest.id} in another country, ` +
        `or use move_office, which replaces them`,
    );
  }
}

/**
 * `DELETE /users/{id}`: state deleted, numbers to the reserved pool, the line freed; restorable
 * for `RESTORE_WINDOW_HOURS`. A pending user (invited, never accepted) loses their numbers for
 * good: they leave the company at once (Dialpad help, Add & Remove Team Members; re-stated here
 * on purpose, apart from the planner's `pending_user_number_loss`). The user's department and
 * call-center memberships are dropped (a restore does not bring them back).
 */
export function deleteUser(store: Store, user: FixtureUser): void {
  assertLiveUser(user);
  const pending = user.state === 'pending';
  for (const num of user.phone_numbers ?? []) {
    const n = store.getNumber(num);
    if (pending) store.releaseNumber(n);
    else store.detachNumber(n);
  }
  delete user.phone_numbers;
  dropMemberships(store, user);
  user.state = 'deleted';
  user.deleted_at = store.now().toISOString();
  store.touch();
}

/** Console: undo a deletion within the restore window. The user needs a free line again; numbers stay in the pool. */
export function restoreUser(store: Store, user: FixtureUser): void {
  if (user.state !== 'deleted') throw badRequest(`user ${user.id} is not deleted`);
  if (user.anonymized || !store.isInRestoreWindow(user)) {
    throw badRequest(`user ${user.id} was deleted more than ${RESTORE_WINDOW_HOURS} hours ago and can no longer be restored`);
  }
  const owner = findEmailOwner(store, user.emails, user);
  if (owner) throw conflict(`email ${user.emails[0] ?? ''} is now used by user ${owner.id}`);
  assertFreeLine(store.state, store.getOffice(user.office_id), user.license);
  user.state = 'active';
  delete user.deleted_at;
  store.touch();
}

/**
 * Console: Company Settings › Licenses › Transfer Licenses, of any line field (license kind). Only
 * unassigned licenses, only between offices on the same price level, only on pro/enterprise accounts.
 */
export function transferLicenses(store: Store, from: FixtureOffice, to: FixtureOffice, line: LineField, count: number): void {
  assertPaidAccount(store, 'transferring licenses');
  if (from.id === to.id) throw badRequest('from_office_id and to_office_id are the same office');
  assertSamePriceLevel(from, to, 'transferring licenses');
  const free = getAvailable(store.state, from)[line];
  if (free < count) {
    throw badRequest(`office ${from.id} (${from.name}) has only ${free} unassigned ${line}; only unassigned licenses can be transferred`);
  }
  from.licenses = { ...from.licenses, [line]: (from.licenses?.[line] ?? 0) - count };
  to.licenses = { ...to.licenses, [line]: (to.licenses?.[line] ?? 0) + count };
  store.touch();
}

/**
 * A new active user (`POST /users`, and an identity provider's SCIM create in rehearsal): 409 when
 * a live user already has the email, 400 when the office has no free line for the license.
 */
export function addUser(store: Store, input: { email: string; office: FixtureOffice; license: string; firstName?: string; lastName?: string }): FixtureUser {
  const owner = findEmailOwner(store, [input.email]);
  if (owner) throw conflict(`a user with email ${input.email} already exists (user ${owner.id})`);
  assertFreeLine(store.state, input.office, input.license);
  const user: FixtureUser = {
    id: store.mintId(), emails: [input.email], office_id: input.office.id, state: 'active', license: input.license, is_super_admin: false, date_added: formatApiTime(store.now()),
  };
  if (input.firstName !== undefined) user.first_name = input.firstName;
  if (input.lastName !== undefined) user.last_name = input.lastName;
  store.state.users.push(user);
  store.touch();
  return user;
}
