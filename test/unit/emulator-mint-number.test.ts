import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { mintNumber } from '../../src/emulator/phone.js';

describe('the emulator mints numbers valid for their country (issue 27 #5)', () => {
  it.each(['IE', 'GB', 'DE', 'FR', 'AU', 'JP', 'NL', 'IN', 'BR', 'US', 'CA'])('%s: valid per libphonenumber, in the country, distinct from what is taken', (country) => {
    const first = mintNumber(country, new Set());
    const second = mintNumber(country, new Set([first]));
    for (const n of [first, second]) {
      const parsed = parsePhoneNumberFromString(n);
      expect(parsed?.isValid(), n).toBe(true);
      expect(parsed?.country, n).toBe(country);
    }
    expect(second).not.toBe(first);
  });
});
