/**
 * A number's country. The one home of this fact for the planner and config validation.
 *
 * Read from libphonenumber-js's `max` metadata (Google's libphonenumber data, kept current with
 * the numbering plans): it validates a number against its country's real number ranges and tells
 * apart countries that share a calling code (`+1` US / CA / the Caribbean by area code, `+7` RU /
 * KZ, `+44` GB / GG / JE / IM, …). The smaller `min` metadata only checks lengths, so it would
 * accept numbers no country issues. Where Dialpad names the office a number belongs to (a pool
 * number's `office_id`), that office's country wins: Dialpad keeps a number with its office.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { LiveState } from './tenant.js';

/** Whether `number` is E.164 (`+`, country code, digits) and a valid number of some country. */
export function isValidE164(number: string): boolean {
  return readE164(number)?.valid === true;
}

/** `+`, a country code not starting with 0, 7 to 15 digits in all. */
const E164_SHAPE = /^\+[1-9]\d{6,14}$/;

/** The ISO 3166 alpha-2 country of a valid number, else undefined. */
export function countryOfNumber(number: string): string | undefined {
  const read = readE164(number);
  return read?.valid === true ? read.country : undefined;
}

/**
 * What libphonenumber says of each E.164 number, once per process: parsing costs tens of
 * microseconds, and a plan asks about every config number that config validation already asked
 * about (50,000 numbers: about a second each time). A function of the string alone, so caching it
 * changes no answer; it holds one small entry per distinct number read.
 */
const E164_READS = new Map<string, E164Read>();

/** What libphonenumber says of an E.164-shaped number. */
export interface E164Read {
  valid: boolean;
  country: string | undefined;
}

/** `undefined` for a string that is not E.164-shaped; else whether it is valid and its country. */
function readE164(number: string): E164Read | undefined {
  if (!E164_SHAPE.test(number)) return undefined;
  let read = E164_READS.get(number);
  if (read === undefined) {
    read = parseE164(number);
    E164_READS.set(number, read);
  }
  return read;
}

/** libphonenumber's answer for an E.164-shaped `number`, not kept (see `readE164`). */
export function parseE164(number: string): E164Read {
  // As `isValidPhoneNumber`: the whole string is the number, nothing is extracted from text.
  const parsed = parsePhoneNumberFromString(number, { extract: false });
  return { valid: parsed?.isValid() === true, country: parsed?.country };
}

/** Whether `number` is E.164-shaped and not read yet in this process. */
export function isUnreadE164(number: string): boolean {
  return !E164_READS.has(number) && E164_SHAPE.test(number);
}

/** Keeps reads made elsewhere (`parseE164` in a worker thread, src/model/read-numbers-beside.ts). */
export function rememberE164Reads(numbers: readonly string[], reads: readonly E164Read[]): void {
  numbers.forEach((n, i) => {
    const read = reads[i];
    if (read !== undefined && E164_SHAPE.test(n)) E164_READS.set(n, read);
  });
}

/** Every read kept in this process, to hand to another thread (`rememberE164Reads` there). */
export function listE164Reads(): { numbers: string[]; reads: E164Read[] } {
  return { numbers: [...E164_READS.keys()], reads: [...E164_READS.values()] };
}

/**
 * The country a number belongs to in a company: the country of the office Dialpad lists it
 * under when that is known (`officeCountry`), else the number's own country.
 */
export function countryInCompany(number: string, officeCountry: string | undefined): string | undefined {
  return officeCountry === undefined || officeCountry === '' ? countryOfNumber(number) : officeCountry.toUpperCase();
}

/**
 * The country of each number as the planner judges it against `live`: a reserved-pool number
 * Dialpad lists under an office belongs to that office's country; any other number to its own.
 */
export function indexNumberCountries(live: LiveState): (number: string) => string | undefined {
  const officeCountry = new Map(live.tenant.offices.map((o) => [o.key, o.country]));
  const pooledUnder = new Map<string, string>();
  for (const n of live.tenant.numbers) {
    if (n.status !== 'available' || n.targetId !== undefined || n.office === undefined) continue;
    const country = officeCountry.get(n.office);
    if (country !== undefined) pooledUnder.set(n.number, country);
  }
  // What libphonenumber says of a number is kept per process (`readE164`), so asking again is cheap.
  return (number) => countryInCompany(number, pooledUnder.get(number));
}
