/**
 * What a move to an office in another country does to a user's numbers (dialpad-api.md §5.1,
 * `PATCH /users/{id}/move_office`): Dialpad unassigns them into the reserved pool and assigns a
 * new number in the destination country, except internal numbers, which are kept.
 */

/** A move between offices in different countries (ISO codes, any case). */
export function isInternationalMove(fromCountry: string, toCountry: string): boolean {
  return fromCountry.toUpperCase() !== toCountry.toUpperCase();
}

/**
 * Internal numbers that survive an international move (dialpad-api.md §5.1: "numbers beginning
 * with 803"). Read as the North American area code 803 after the `+1` country code, the only
 * reading under which an E.164 number can "begin with 803".
 */
export function isInternalNumber(number: string): boolean {
  return number.startsWith('+1803');
}

/**
 * The numbers a move from an office in `fromCountry` to one in `toCountry` sends to the reserved
 * pool: none within a country; across countries every number but the internal ones.
 */
export function numbersPooledByMove(numbers: readonly string[], fromCountry: string, toCountry: string): string[] {
  return isInternationalMove(fromCountry, toCountry) ? numbers.filter((n) => !isInternalNumber(n)) : [];
}
