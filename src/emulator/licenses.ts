/**
 * License accounting. An office's purchased lines are the fixture's `licenses`; a user holds one
 * line of the type their license maps to (`lineOfLicense` in the model) while active or pending,
 * a room holds a `room_lines` line of its office; and the office's `assigned_licenses` hold the lines
 * of what the emulator does not model (conference rooms, room phones, fax numbers);
 * `available_licenses` is purchased minus held.
 */
import { LINE_FIELD, lineOfLicense } from '../model/license-lines.js';
import { badRequest } from './http-failure.js';
import { LINE_FIELDS, type Fixture, type FixtureOffice, type FixtureUser, type LineField } from './types.js';

/** The office line field a user license consumes, if any. */
export function getLineField(license: string): LineField | undefined {
  const line = lineOfLicense(license);
  return line === undefined ? undefined : LINE_FIELD[line];
}

/**
 * Whether the user currently holds a line of their office: active and pending users do; suspended,
 * deleted and cancelled users do not. Suspended users follow the one thing Dialpad documents, its
 * SCIM FAQ ("will be suspended in Dialpad and will no longer consume a user license"), so
 * reactivating one needs a free line. Re-derived on purpose, not read from the model's
 * `LINE_HOLDING`: there suspension is `unknown` and the planner takes the safe side of both readings
 * (docs/rules.md, "Suspended users and licenses"). The fixture's `suspended_licenses: kept` makes
 * suspended users hold theirs, the other reading (docs/emulator.md).
 */
export function isHoldingLine(user: Pick<FixtureUser, 'state'>, company: Pick<Fixture, 'suspended_licenses'>): boolean {
  return user.state === 'active' || user.state === 'pending' || (user.state === 'suspended' && company.suspended_licenses === 'kept');
}

function zeroCounts(): Record<LineField, number> {
  return Object.fromEntries(LINE_FIELDS.map((f) => [f, 0])) as Record<LineField, number>;
}

/** Purchased counts for every line field (missing fields are 0). */
export function getPurchased(office: FixtureOffice): Record<LineField, number> {
  const counts = zeroCounts();
  for (const f of LINE_FIELDS) counts[f] = office.licenses?.[f] ?? 0;
  return counts;
}

/** Lines held in the office by its users and its `assigned_licenses`, per line field. */
export function getAssigned(state: Pick<Fixture, 'offices' | 'users' | 'rooms' | 'suspended_licenses'>, officeId: string): Record<LineField, number> {
  const counts = zeroCounts();
  const office = state.offices.find((o) => o.id === officeId);
  for (const f of LINE_FIELDS) counts[f] += office?.assigned_licenses?.[f] ?? 0;
  for (const u of state.users) {
    if (u.office_id !== officeId || u.state === 'deleted' || u.state === 'cancelled') continue;
    // "each number beyond the first on any target" (PlanProto.additional_number_lines).
    counts.additional_number_lines += Math.max(0, (u.phone_numbers ?? []).length - 1);
    if (!isHoldingLine(u, state)) continue;
    const f = getLineField(u.license);
    if (f) counts[f] += 1;
  }
  // A room holds a room line of its office, and an additional-number line per number beyond its first.
  for (const r of state.rooms ?? []) {
    if (r.office_id !== officeId) continue;
    counts.room_lines += 1;
    counts.additional_number_lines += Math.max(0, (r.phone_numbers ?? []).length - 1);
  }
  return counts;
}

/** Purchased minus assigned, per line field. Never below 0 for a valid state. */
export function getAvailable(state: Fixture, office: FixtureOffice): Record<LineField, number> {
  const purchased = getPurchased(office);
  const assigned = getAssigned(state, office.id);
  const counts = zeroCounts();
  for (const f of LINE_FIELDS) counts[f] = purchased[f] - assigned[f];
  return counts;
}

/** Throws 400 unless `office` has an unassigned additional-number line: what a user's second (third, …) number takes. */
export function assertFreeAdditionalNumberLine(state: Fixture, office: FixtureOffice): void {
  if (getAvailable(state, office).additional_number_lines >= 1) return;
  throw badRequest(`office ${office.id} (${office.name}) has no unassigned additional_number_lines for a number beyond the user's first; transfer or buy licenses first`);
}

/**
 * Throws 400 unless `office` has an unassigned line for `license`. `releasing` is a user whose line
 * in this office is freed by the same change (e.g. their own license switch), or undefined.
 */
export function assertFreeLine(state: Fixture, office: FixtureOffice, license: string, releasing?: FixtureUser): void {
  const field = getLineField(license);
  if (!field) return;
  let free = getAvailable(state, office)[field];
  if (releasing && releasing.office_id === office.id && isHoldingLine(releasing, state) && getLineField(releasing.license) === field) {
    free += 1;
  }
  if (free < 1) {
    throw badRequest(
      `office ${office.id} (${office.name}) has no unassigned ${field} for a "${license}" license; ` +
        `transfer or buy licenses first`,
    );
  }
}
