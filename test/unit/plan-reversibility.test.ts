import { describe, expect, it } from 'vitest';
import { findReleasedNumbersOfDeletedUsers, settleReversibility } from '../../src/plan/reversibility.js';
import { desiredState, heldNumber, liveState, liveUser, NOW, planOf, user } from '../support/builders.js';

/** Reversibility tells the truth: Dialpad's clock, and `no` where any part is irreversible (issue 14 #4). */
describe('reversibility', () => {
  const live = { ...liveState({ users: [liveUser('x@acme.com')], numbers: [heldNumber('+14155550100', 'x@acme.com')] }), readAt: '2026-11-20T08:00:00.000Z' };

  it("dates a delete's restore window from Dialpad's clock (the read's time), not the planning machine's (issue 14 #4)", () => {
    const plan = planOf(desiredState({ users: [], policy: { unmanagedUsers: 'delete' } }), live);
    expect(NOW.toISOString()).not.toBe(live.readAt);
    expect(plan.operations.find((op) => op.kind === 'delete_user')?.reversible).toBe('until 2026-11-23T08:00:00.000Z');
  });

  it('calls a delete irreversible when the same plan releases the number it pools, and says a restore would not bring it back (issue 14 #4)', () => {
    const plan = planOf(desiredState({ users: [], policy: { unmanagedUsers: 'delete' }, reserved: { releaseUnlisted: true } }), live);
    const remove = plan.operations.find((op) => op.kind === 'delete_user');
    const release = plan.operations.find((op) => op.kind === 'release_number');
    expect(release?.reversible).toBe('no');
    expect(remove?.reversible).toBe('no');
    expect(remove?.notes.join(' ')).toContain(`a restore would bring the account back, but not +14155550100 (released by ${release?.id})`);
  });

  it('leaves a delete whose number stays in the pool reversible until the window ends', () => {
    const plan = planOf(desiredState({ users: [], policy: { unmanagedUsers: 'delete' }, reserved: { keep: ['+14155550100'], releaseUnlisted: true } }), live);
    expect(plan.operations.map((op) => [op.kind, op.reversible])).toEqual([['delete_user', 'until 2026-11-23T08:00:00.000Z']]);
  });

  it('issue 27 #15: calls a delete irreversible when the same plan gives the number it pools to someone else, and says a restore would not bring it back', () => {
    const liveTwo = { ...liveState({ users: [liveUser('x@acme.com'), liveUser('y@acme.com')], numbers: [heldNumber('+14155550100', 'x@acme.com')] }), readAt: live.readAt };
    const plan = planOf(desiredState({ users: [user('y@acme.com', { numbers: ['+14155550100'] })], policy: { unmanagedUsers: 'delete' } }), liveTwo);
    const remove = plan.operations.find((op) => op.kind === 'delete_user');
    const assign = plan.operations.find((op) => op.kind === 'assign_number');
    expect(remove?.reversible).toBe('no');
    expect(remove?.notes.join(' ')).toContain(`a restore would bring the account back, but not +14155550100 (given to y@acme.com by ${assign?.id})`);
  });

  it('takes further finders (the hook for other irreversible parts)', () => {
    const plan = planOf(desiredState({ users: [], policy: { unmanagedUsers: 'delete' } }), live);
    const marked = settleReversibility({ operations: plan.operations, pool: plan.pool, live }, [
      findReleasedNumbersOfDeletedUsers,
      ({ operations }) => new Map(operations.map((op) => [op.id, 'pending user: the number is deleted at once'])),
    ]);
    expect(marked.map((op) => [op.reversible, op.notes.at(-1)])).toEqual([['no', 'pending user: the number is deleted at once']]);
  });
});
