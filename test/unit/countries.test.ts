import { describe, expect, it } from 'vitest';
import { countryInCompany, countryOfNumber, isValidE164 } from '../../src/model/countries.js';

describe('countryOfNumber', () => {
  it.each([
    ['+14155550199', 'US'],
    ['+12065550100', 'US'],
    ['+14165550123', 'CA'],
    ['+16045550100', 'CA'],
    ['+442071234567', 'GB'],
    ['+35312345678', 'IE'],
    ['+18035550100', 'US'],
    ['+15550100001', undefined],
    ['+4420', undefined],
  ])('%s is %s (issue 13 #3)', (number, country) => {
    expect(countryOfNumber(number)).toBe(country);
  });

  it('lets the office a pool number is listed under win over the number itself (issue 13 #3)', () => {
    expect(countryInCompany('+14155550199', 'ca')).toBe('CA');
    expect(countryInCompany('+14155550199', undefined)).toBe('US');
  });

  it('accepts only E.164 numbers in a country numbering plan, including the 555-01xx fiction range the examples use', () => {
    expect(isValidE164('+14155550199')).toBe(true);
    expect(isValidE164('+1 415 555 0199')).toBe(false);
    expect(isValidE164('+15550100001')).toBe(false);
    expect(isValidE164('+447700900123')).toBe(false);
  });
});
