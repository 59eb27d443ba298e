import { describe, expect, it } from 'vitest';
import { isInternalNumber, isInternationalMove, numbersPooledByMove } from '../../src/model/international-move.js';

describe('international moves', () => {
  it.each([
    { from: 'US', to: 'us', want: false },
    { from: 'US', to: 'GB', want: true },
    { from: 'gb', to: 'GB', want: false },
  ])('$from → $to is international: $want', ({ from, to, want }) => {
    expect(isInternationalMove(from, to)).toBe(want);
  });

  it('reads "internal numbers starting with 803" as +1803 numbers that are not public numbers', () => {
    expect(isInternalNumber('+18031000100')).toBe(true);
    expect(isInternalNumber('+8035550100')).toBe(false);
    expect(isInternalNumber('+14158035550')).toBe(false);
  });

  it.each([
    { name: 'within a country nothing is pooled', from: 'US', to: 'US', want: [] },
    { name: 'across countries all numbers are pooled, internal ones too, when not all are internal', from: 'US', to: 'GB', want: ['+14155550100', '+18035550100', '+442071234567'] },
    { name: 'country case does not matter', from: 'us', to: 'US', want: [] },
  ])('$name', ({ from, to, want }) => {
    expect(numbersPooledByMove(['+14155550100', '+18035550100', '+442071234567'], from, to)).toEqual(want);
  });

  it('keeps the numbers of a user who only has internal +1803 numbers, as the API reference says (issue 13 #1: one reading of 803 for planner and emulator)', () => {
    expect(numbersPooledByMove(['+18031000100', '+18031000101'], 'US', 'GB')).toEqual([]);
    expect(numbersPooledByMove([], 'US', 'GB')).toEqual([]);
  });

  it('issue 27 #19: a real +1 803 number (South Carolina, valid in the public numbering plan) is not internal, so a move abroad pools it', () => {
    expect(isInternalNumber('+18035550100')).toBe(false);
    expect(isInternalNumber('+18037771234')).toBe(false);
    expect(numbersPooledByMove(['+18035550100'], 'US', 'GB')).toEqual(['+18035550100']);
  });
});
