import { describe, expect, it } from 'vitest';
import { desiredState, heldNumber, liveState, liveUser, planOf, poolNumber, user } from '../support/builders.js';

const live = () =>
  liveState({
    users: [liveUser('ada@acme.com')],
    numbers: [heldNumber('+14155550101', 'ada@acme.com'), poolNumber('+14155550150'), poolNumber('+14155550151'), poolNumber('+14155550152')],
  });

describe('reserved_numbers.release', () => {
  it('issue 27 #16: releases only the listed pool number, leaving the other pool numbers alone without release_unlisted', () => {
    const plan = planOf(desiredState({ users: [user('ada@acme.com')], reserved: { release: ['+14155550151'] } }), live());
    expect(plan.operations.map((op) => [op.kind, op.kind === 'release_number' ? op.number : '', op.source, op.reversible])).toEqual([
      ['release_number', '+14155550151', 'reserved_numbers.release', 'no'],
    ]);
  });

  it('releases a number config takes from a user once it is in the pool', () => {
    const plan = planOf(desiredState({ users: [user('ada@acme.com', { numbers: [] })], reserved: { release: ['+14155550101'] } }), live());
    expect(plan.operations.map((op) => `${op.id} ${op.kind}`)).toEqual(['op-1 unassign_number', 'op-2 release_number']);
    expect(plan.violations).toEqual([]);
  });

  it('needs nothing for a listed number the company no longer has (already released: apply converges)', () => {
    const plan = planOf(desiredState({ users: [user('ada@acme.com')], reserved: { release: ['+14155550199'] } }), live());
    expect(plan.operations).toEqual([]);
  });

  it('is a number_conflict for a listed number a user holds whose numbers config leaves alone', () => {
    const plan = planOf(desiredState({ users: [user('ada@acme.com')], reserved: { release: ['+14155550101'] } }), live());
    expect(plan.violations.map((v) => v.code)).toEqual(['number_conflict']);
  });
});
