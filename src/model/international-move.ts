import { isValidE164 } from './countries.js';

/**
 * What a move to an office in another country does to a user's numbers. The one home of these
 * Dialpad facts, for the planner and (on purpose, so both read the API reference the same way)
 * the emulator. Source: the API reference of `PATCH /api/v2/users/{id}/move_office`
 * (`users.move_office.patch`, dialpad-api.md §5.1): "For international offices only, all of the
 * user's numbers will be unassigned and a new number will be assigned except when the user only
 * has internal numbers starting with 803 -- then the numbers will remain unchanged."
 */

/** A move between offices in different countries (ISO codes, any case). */
export function isInternationalMove(fromCountry: string, toCountry: string): boolean {
  return fromCountry.toUpperCase() !== toCountry.toUpperCase();
}

/**
 * Internal numbers ("internal numbers starting with 803", the only words Dialpad publishes on them:
 * the API reference of `users.move_office.patch`). Two conditions, both needed:
 * - *starting with 803*: read as 803 after the `+1` country code, since an E.164 number starts with
 *   `+` and a country code and there is no country code 803 (ITU-T E.164 assigns +80x only to
 *   `+800` and `+808`);
 * - *internal*: not a public number. `+1 803` is also South Carolina's public area code, and a
 *   number valid in the public numbering plan (libphonenumber's `max` metadata, `isValidE164`) is
 *   a real number of that area, not an internal one: Dialpad documents no exception for it, so
 *   dialform never promises that a move keeps it.
 */
export function isInternalNumber(number: string): boolean {
  return number.startsWith('+1803') && !isValidE164(number);
}

/**
 * The country of `number` when a user in an office in `officeCountry` cannot hold it, else
 * undefined: Dialpad assigns a user numbers of their office's country, internal numbers excepted.
 * A number or an office of unknown country is not judged. The one home of this check: the
 * simulation (an assign waits for the user's move) and `number_conflict` (config) both ask it.
 */
export function foreignNumberCountry(number: string, officeCountry: string, numberCountry: string | undefined): string | undefined {
  const office = officeCountry.toUpperCase();
  if (numberCountry === undefined || office === '' || numberCountry === office || isInternalNumber(number)) return undefined;
  return numberCountry;
}

/**
 * Whether an international move leaves the user's numbers as they are: only when every number
 * the user holds (at least one) is internal.
 */
export function keepsNumbersOnMove(numbers: readonly string[]): boolean {
  return numbers.length > 0 && numbers.every(isInternalNumber);
}

/**
 * The numbers a move from an office in `fromCountry` to one in `toCountry` takes from the user
 * into the reserved pool: none within a country; across countries all of them (internal ones
 * too), unless all of them are internal.
 */
export function numbersPooledByMove(numbers: readonly string[], fromCountry: string, toCountry: string): string[] {
  return isInternationalMove(fromCountry, toCountry) && !keepsNumbersOnMove(numbers) ? [...numbers] : [];
}
