import { describe, expect, it } from 'vitest';
import { NOW, codes, desiredState, liveOffice, liveState, liveUser, planOf, user } from '../../support/builders.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(4, '0')}@acme.com`);
const liveOf = (emails: string[]) => liveState({ offices: [liveOffice('hq', { licenses: { talk: 5000 } })], users: emails.map((e) => liveUser(e)) });
const suspensions = (plan: ReturnType<typeof planOf>) => plan.operations.filter((op) => op.kind === 'suspend_user');

describe('too_many_suspensions (issue 26 #5: mass suspension has no cap)', () => {
  it('blocks unmanaged_users: suspend with one user in config suspending 2,999 of 3,000, with no limit configured', () => {
    const everyone = names(3000);
    const plan = planOf(desiredState({ users: [user(everyone[0] ?? '')], policy: { unmanagedUsers: 'suspend' } }), liveOf(everyone));
    expect(suspensions(plan)).toHaveLength(2999);
    expect(codes(plan)).toEqual(['error:too_many_suspensions', 'error:too_many_suspensions']);
    expect(plan.violations[0]?.message).toContain('suspends 2999 users, more than policy.max_suspensions (500, the default)');
    expect(plan.violations[1]?.message).toContain('suspends 2999 of 3000 active users (100.0%), more than policy.max_suspension_percent (30%, the default)');
    expect(plan.violations[0]?.operation_ids).toHaveLength(2999);
  });

  it('blocks leaves_on suspensions beyond policy.max_suspensions', () => {
    const everyone = names(4);
    const leavers = everyone.map((e) => user(e, { leavesOn: '2026-11-01' }));
    // Dialpad's clock dates leaves_on: read at NOW, after 2026-11-01.
    const live = { ...liveOf(everyone), readAt: NOW.toISOString() };
    const plan = planOf(desiredState({ users: leavers, policy: { maxSuspensions: 2, maxSuspensionPercent: 100 } }), live);
    expect(suspensions(plan)).toHaveLength(4);
    expect(codes(plan)).toEqual(['error:too_many_suspensions']);
    expect(plan.violations[0]?.message).toContain('suspends 4 users, more than policy.max_suspensions (2)');
    expect(plan.violations[0]?.message).toContain('leaves_on');
  });

  it('leaves the share unchecked below 10 active users, and allows suspensions within both limits', () => {
    const few = names(9);
    expect(codes(planOf(desiredState({ users: [user(few[0] ?? '')], policy: { unmanagedUsers: 'suspend' } }), liveOf(few)))).toEqual([]);
    const everyone = names(20);
    const desired = desiredState({ users: everyone.slice(0, 15).map((e) => user(e)), policy: { unmanagedUsers: 'suspend' } });
    const plan = planOf(desired, liveOf(everyone));
    expect(suspensions(plan)).toHaveLength(5);
    expect(codes(plan)).toEqual([]);
  });

  it('lets config raise both limits for a deliberate mass suspension', () => {
    const everyone = names(20);
    const desired = desiredState({ users: [user(everyone[0] ?? '')], policy: { unmanagedUsers: 'suspend', maxSuspensions: 19, maxSuspensionPercent: 95 } });
    expect(codes(planOf(desired, liveOf(everyone)))).toEqual([]);
    const lower = desiredState({ users: [user(everyone[0] ?? '')], policy: { unmanagedUsers: 'suspend', maxSuspensions: 18, maxSuspensionPercent: 95 } });
    expect(codes(planOf(lower, liveOf(everyone)))).toEqual(['error:too_many_suspensions']);
  });

  it('does not count suspensions as deletions, nor deletions as suspensions', () => {
    const everyone = names(20);
    const plan = planOf(desiredState({ users: [user(everyone[0] ?? '')], policy: { unmanagedUsers: 'suspend', maxDeletions: 0, maxDeletionPercent: 0 } }), liveOf(everyone));
    expect(codes(plan)).not.toContain('error:too_many_deletions');
    const deleting = planOf(desiredState({ users: everyone.slice(0, 18).map((e) => user(e)), policy: { unmanagedUsers: 'delete', maxSuspensions: 0 } }), liveOf(everyone));
    expect(codes(deleting)).toEqual([]);
  });
});
