/**
 * License accounting. An office's purchased lines are the fixture's `licenses`; a user holds one
 * line of the type their license maps to (`lineOfLicense` in the model) while active, suspended or
 * pending; `available_licenses` is purchased minus held.
 */
import { LINE_FIELD, lineOfLicense } from '../model/license-lines.js';
import { badRequest } from './http-failure.js';
import { LINE_FIELDS, type Fixture, type FixtureOffice, type FixtureUser, type LineField } from './types.js';

/** The office line field a user license consumes, if any. */
export function getLineField(license: string): LineField | undefined {
  const line = lineOfLicense(license);
  return line === undefined ? undefined : LINE_FIELD[line];
}

/** Whether the user currently holds a line of their office. Deleted and cancelled users do not. */
export function isHoldingLine(user: FixtureUser): boolean {
  return user.state === 'active' || user.state === 'suspended' || user.state === 'pending';
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

/** Lines held by the office's users, per line field. */
export function getAssigned(state: Fixture, officeId: string): Record<LineField, number> {
  const counts = zeroCounts();
  for (const u of state.users) {
    if (u.office_id !== officeId || !isHoldingLine(u)) continue;
    const f = getLineField(u.license);
    if (f) counts[f] += 1;
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

/**
 * Throws 400 unless `office` has an unassigned line for `license`. `releasing` is a user whose line
 * in this office is freed by the same change (e.g. their own license switch), or undefined.
 */
export function assertFreeLine(state: Fixture, office: FixtureOffice, license: string, releasing?: FixtureUser): void {
  const field = getLineField(license);
  if (!field) return;
  let free = getAvailable(state, office)[field];
  if (releasing && releasing.office_id === office.id && isHoldingLine(releasing) && getLineField(releasing.license) === field) {
    free += 1;
  }
  if (free < 1) {
    throw badRequest(
      `office ${office.id} (${office.name}) has no unassigned ${field} for a "${license}" license; ` +
        `transfer or buy licenses first`,
    );
  }
}
