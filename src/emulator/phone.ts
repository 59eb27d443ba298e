/**
 * Phone-number facts the emulator needs: which country a number belongs to and minting new
 * numbers. The internal-number rule of move_office is the model's `numbersPooledByMove`.
 */
import { getCountryCallingCode, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { BugError } from '../errors.js';

/**
 * The countries `CreateOfficeMessage.country` accepts (the API's enum, upper case); their calling
 * codes come from libphonenumber-js's metadata rather than a table of our own.
 */
const OFFICE_COUNTRIES = new Set(
  ('AR AT AU BD BE BG BH BR CA CH CI CL CN CO CR CY CZ DE DK DO EC EE EG ES FI FR GB GH GR GT HK HR HU ID IE IL IN IS IT JP ' +
    'KE KH KR KZ LK LT LU LV MA MD MM MT MX MY NG NL NO NZ PA PE PH PK PL PR PT PY RO RU SA SE SG SI SK SV TH TR TW UA US UY VE VN ZA').split(' '),
);

/** Calling code for an ISO country (any case); `undefined` for an unknown country. */
export function getCallingCode(country: string): string | undefined {
  const iso = country.toUpperCase();
  return OFFICE_COUNTRIES.has(iso) ? getCountryCallingCode(iso as CountryCode) : undefined;
}

/**
 * Whether an E.164 number belongs to `country`'s numbering plan, by libphonenumber's metadata
 * (which tells NANP members apart by area code). Re-derived on purpose apart from the planner's
 * `model/countries.ts`, which also lets a pool number's office decide: the emulator judges a
 * number by itself. A number the library cannot place falls back to its calling code.
 */
export function isNumberInCountry(number: string, country: string): boolean {
  const placed = parsePhoneNumberFromString(number)?.country;
  if (placed !== undefined) return placed === country.toUpperCase();
  const code = getCallingCode(country);
  return code !== undefined && number.startsWith(`+${code}`);
}

function isValidIn(number: string, iso: string): boolean {
  const parsed = parsePhoneNumberFromString(number);
  return parsed?.isValid() === true && parsed.country === iso;
}

/** Area codes new NANP numbers get when the request names none: a real one of each country, so the numbers are valid. */
const DEFAULT_AREA_CODES: Record<string, string> = { US: '415', CA: '416', PR: '787', DO: '809' };

/** The area code the API shows for a number (NANP only: the 3 digits after `+1`). */
export function getAreaCode(number: string): string | undefined {
  const m = /^\+1(\d{3})/.exec(number);
  return m?.[1];
}

/**
 * A new number in `country`, unused by `taken`, valid in its numbering plan (libphonenumber's
 * `max` metadata, as config validation judges numbers). NANP numbers use `areaCode` (default: the
 * country's in `DEFAULT_AREA_CODES`) and the 555 exchange from 555-0100 up (the 01xx block being
 * reserved for fiction); others count up from libphonenumber's example number of the country,
 * skipping what the library does not place in it. Deterministic for a given state.
 */
export function mintNumber(country: string, taken: ReadonlySet<string>, areaCode?: string): string {
  const iso = country.toUpperCase();
  const code = getCallingCode(iso) ?? '1';
  const area = areaCode && /^[2-9]\d{2}$/.test(areaCode) ? areaCode : DEFAULT_AREA_CODES[iso] ?? '415';
  const example = code === '1' ? undefined : getExampleNumber(iso as CountryCode, examples)?.nationalNumber;
  for (let n = 1; n < 10_000_000; n++) {
    const candidate =
      example === undefined
        ? `+1${area}555${String(99 + n).padStart(4, '0')}`
        : `+${code}${(BigInt(example) + BigInt(n)).toString().padStart(example.length, '0')}`;
    if (!taken.has(candidate) && (example === undefined || isValidIn(candidate, iso))) return candidate;
  }
  throw new BugError(`number space exhausted for ${country}`);
}
