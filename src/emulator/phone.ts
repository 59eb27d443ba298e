/**
 * Phone-number facts the emulator needs: which country a number belongs to and minting new
 * numbers. The internal-number rule of move_office is the model's `numbersPooledByMove`.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { BugError } from '../errors.js';

/**
 * Calling codes of the countries `CreateOfficeMessage.country` accepts (upper-case keys).
 * Re-derived on purpose, apart from the planner's `model/countries.ts`: the emulator judges numbers by its own table.
 */
const CALLING_CODES: Record<string, string> = {
  AR: '54', AT: '43', AU: '61', BD: '880', BE: '32', BG: '359', BH: '973', BR: '55', CA: '1', CH: '41',
  CI: '225', CL: '56', CN: '86', CO: '57', CR: '506', CY: '357', CZ: '420', DE: '49', DK: '45', DO: '1',
  EC: '593', EE: '372', EG: '20', ES: '34', FI: '358', FR: '33', GB: '44', GH: '233', GR: '30', GT: '502',
  HK: '852', HR: '385', HU: '36', ID: '62', IE: '353', IL: '972', IN: '91', IS: '354', IT: '39', JP: '81',
  KE: '254', KH: '855', KR: '82', KZ: '7', LK: '94', LT: '370', LU: '352', LV: '371', MA: '212', MD: '373',
  MM: '95', MT: '356', MX: '52', MY: '60', NG: '234', NL: '31', NO: '47', NZ: '64', PA: '507', PE: '51',
  PH: '63', PK: '92', PL: '48', PR: '1', PT: '351', PY: '595', RO: '40', RU: '7', SA: '966', SE: '46',
  SG: '65', SI: '386', SK: '421', SV: '503', TH: '66', TR: '90', TW: '886', UA: '380', US: '1', UY: '598',
  VE: '58', VN: '84', ZA: '27',
};

/** Calling code for an ISO country (any case); `undefined` for an unknown country. */
export function getCallingCode(country: string): string | undefined {
  return CALLING_CODES[country.toUpperCase()];
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

/** Area codes new NANP numbers get when the request names none: a real one of each country, so the numbers are valid. */
const DEFAULT_AREA_CODES: Record<string, string> = { US: '415', CA: '416', PR: '787', DO: '809' };

/** The area code the API shows for a number (NANP only: the 3 digits after `+1`). */
export function getAreaCode(number: string): string | undefined {
  const m = /^\+1(\d{3})/.exec(number);
  return m?.[1];
}

/**
 * A new number in `country`, unused by `taken`. NANP numbers use `areaCode` (default: the
 * country's in `DEFAULT_AREA_CODES`) and the 555 exchange from 555-0100 up (valid numbers, the
 * 01xx block being reserved for fiction); others `+<cc>20` followed by a counter. Deterministic
 * for a given state.
 */
export function mintNumber(country: string, taken: ReadonlySet<string>, areaCode?: string): string {
  const code = getCallingCode(country) ?? '1';
  const area = areaCode && /^[2-9]\d{2}$/.test(areaCode) ? areaCode : DEFAULT_AREA_CODES[country.toUpperCase()] ?? '415';
  for (let n = 1; n < 10_000_000; n++) {
    const candidate =
      code === '1'
        ? `+1${area}555${String(99 + n).padStart(4, '0')}`
        : `+${code}20${String(n).padStart(7, '0')}`;
    if (!taken.has(candidate)) return candidate;
  }
  throw new BugError(`number space exhausted for ${country}`);
}
