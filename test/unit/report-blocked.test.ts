import { describe, expect, it } from 'vitest';
import { foreignNumberCountry } from '../../src/model/international-move.js';
import { reportBlocked } from '../../src/plan/report-blocked.js';
import type { Violation } from '../../src/plan/types.js';

describe('reportBlocked: the one author of blocked operations’ violations', () => {
  const blocked = [
    { id: 'op-4', code: 'insufficient_licenses' as const, message: 'no talk line' },
    { id: 'op-5', code: 'number_conflict' as const, message: 'not in the pool' },
  ];

  it('names each blocked operation with its precondition’s code and message', () => {
    expect(reportBlocked(blocked, [])).toEqual([
      { code: 'insufficient_licenses', severity: 'error', message: 'no talk line', operation_ids: ['op-4'] },
      { code: 'number_conflict', severity: 'error', message: 'not in the pool', operation_ids: ['op-5'] },
    ]);
  });

  it('leaves out one a rule already names with an error of the same code, and keeps one named only by another code', () => {
    const named: Violation[] = [
      { code: 'number_conflict', severity: 'error', message: 'wanted twice', operation_ids: ['op-5'] },
      { code: 'country_change_requires_ack', severity: 'error', message: 'ack', operation_ids: ['op-4'] },
      { code: 'insufficient_licenses', severity: 'warning', message: 'unbalanced', operation_ids: ['op-4'] },
    ];
    expect(reportBlocked(blocked, named).map((v) => v.operation_ids[0])).toEqual(['op-4']);
  });
});

describe('foreignNumberCountry: the one home of "a number outside its office country"', () => {
  it.each([
    ['+442071234567', 'us', 'GB', 'GB'],
    ['+14155550100', 'US', 'US', undefined],
    ['+18031000100', 'GB', 'US', undefined],
    ['+18035550100', 'GB', 'US', 'US'],
    ['+442071234567', '', 'GB', undefined],
    ['+442071234567', 'US', undefined, undefined],
  ])('%s in an office in "%s" (number country %s): %s', (number, office, numberCountry, expected) => {
    expect(foreignNumberCountry(number, office, numberCountry)).toBe(expected);
  });
});
