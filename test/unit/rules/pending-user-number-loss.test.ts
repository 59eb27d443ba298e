import { describe, expect, it } from 'vitest';
import { codes, desiredState, heldNumber, liveState, liveUser, planOf, steps, user } from '../../support/builders.js';

const admin = { company: true, offices: [] };
const pendingLive = liveState({
  users: [liveUser('ceo@acme.com', { admin }), liveUser('pat@acme.com', { state: 'pending', numbers: ['+14155550130'] })],
  numbers: [heldNumber('+14155550130', 'pat@acme.com')],
});
const ceo = user('ceo@acme.com', { admin });

describe('pending_user_number_loss (issue 14 #6)', () => {
  it('blocks deleting a pending user who holds a number, marks it irreversible and the number released (issue 14 #6)', () => {
    const plan = planOf(desiredState({ users: [ceo, user('pat@acme.com', { state: 'deleted', source: 'users/hq.yaml:7' })] }), pendingLive);
    expect(codes(plan)).toEqual(['error:pending_user_number_loss']);
    expect(plan.violations[0]?.message).toContain('+14155550130 would be lost. On their entry (users/hq.yaml:7), add numbers: [] to move the numbers');
    expect(plan.violations[0]?.message).toContain('https://help.dialpad.com/docs/add-remove-team-members');
    expect(plan.operations[0]?.reversible).toBe('no');
    expect(plan.pool).toEqual([{ number: '+14155550130', direction: 'released', user: 'pat@acme.com', office: 'hq', operation_id: 'op-1' }]);
  });

  it('blocks the unmanaged-users delete policy from deleting them too, naming the ways out (issue 14 #6)', () => {
    const plan = planOf(desiredState({ users: [ceo], policy: { unmanagedUsers: 'delete' } }), pendingLive);
    expect(codes(plan)).toEqual(['error:pending_user_number_loss']);
    expect(plan.violations[0]?.message).toContain('add their entry with state: pending to keep them');
  });

  it('accepts the loss with allow_number_loss (issue 14 #6)', () => {
    const plan = planOf(desiredState({ users: [ceo, user('pat@acme.com', { state: 'deleted', allowNumberLoss: true })] }), pendingLive);
    expect(codes(plan)).toEqual([]);
    expect(plan.operations[0]?.reversible).toBe('no');
  });

  it('moves the numbers to the pool first with numbers: [], then deletes: reversible, nothing lost (issue 14 #6)', () => {
    const plan = planOf(desiredState({ users: [ceo, user('pat@acme.com', { state: 'deleted', numbers: [] })] }), pendingLive);
    expect(codes(plan)).toEqual([]);
    expect(steps(plan)).toEqual(['unassign_number +14155550130 pat@acme.com', 'delete_user pat@acme.com']);
    expect(plan.operations[1]?.reversible).toMatch(/^until /);
    expect(plan.pool.map((p) => p.direction)).toEqual(['in']);
  });

  it('keeps a pending user listed with state: pending: nothing to do (issue 14 #6)', () => {
    const plan = planOf(desiredState({ users: [ceo, user('pat@acme.com', { state: 'pending' })], policy: { unmanagedUsers: 'delete' } }), pendingLive);
    expect(plan.operations).toEqual([]);
    expect(plan.unmanaged_users).toBeUndefined();
  });
});

describe('offboarding one user (issue 14 #5)', () => {
  const live = liveState({
    users: [liveUser('ceo@acme.com', { admin }), liveUser('ada@acme.com', { numbers: ['+14155550140'] }), liveUser('bob@acme.com'), liveUser('cy@acme.com')],
    numbers: [heldNumber('+14155550140', 'ada@acme.com')],
  });

  it('deletes a state: deleted entry under ignore, its number to the pool, and counts the unmanaged users left alone (issue 14 #5)', () => {
    const plan = planOf(desiredState({ users: [ceo, user('ada@acme.com', { state: 'deleted', source: 'users/hq.yaml:3' })] }), live);
    expect(steps(plan)).toEqual(['delete_user ada@acme.com']);
    expect(plan.operations[0]?.source).toBe('users/hq.yaml:3');
    expect(plan.pool.map((p) => `${p.number} ${p.direction}`)).toEqual(['+14155550140 in']);
    expect(plan.unmanaged_users).toEqual({ policy: 'ignore', count: 2 });
  });

  it('releases the offboarded user\'s number as reserved_numbers says, or keeps it in the pool (issue 14 #5)', () => {
    const leaving = [ceo, user('ada@acme.com', { state: 'deleted' })];
    const released = planOf(desiredState({ users: leaving, reserved: { releaseUnlisted: true } }), live);
    expect(steps(released)).toEqual(['delete_user ada@acme.com', 'release_number +14155550140']);
    const kept = planOf(desiredState({ users: leaving, reserved: { releaseUnlisted: true, keep: ['+14155550140'] } }), live);
    expect(steps(kept)).toEqual(['delete_user ada@acme.com']);
  });

  it('says how many live users are unmanaged even when nothing changes (issue 14 #5)', () => {
    const plan = planOf(desiredState({ users: [ceo, user('ada@acme.com', { numbers: ['+14155550140'] })] }), live);
    expect(plan.operations).toEqual([]);
    expect(plan.unmanaged_users).toEqual({ policy: 'ignore', count: 2 });
  });

  it('keeps protected users and deletion limits in force (issue 14 #5)', () => {
    const desired = desiredState({
      users: [ceo, user('ada@acme.com', { state: 'deleted' }), user('bob@acme.com', { state: 'deleted' })],
      policy: { protected: ['ada@acme.com'], maxDeletions: 1 },
    });
    expect(codes(planOf(desired, live)).sort()).toEqual(['error:protected_user', 'error:too_many_deletions']);
  });

  it('does nothing for an entry with state: deleted whose account is gone (issue 14 #5)', () => {
    const plan = planOf(desiredState({ users: [ceo, user('zed@acme.com', { state: 'deleted' })] }), live);
    expect(plan.operations).toEqual([]);
  });
});
