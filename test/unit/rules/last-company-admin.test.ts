import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveState, liveUser, planOf, user } from '../../support/builders.js';

describe('last_company_admin', () => {
  const admin = { company: true, offices: [] };
  const live = liveState({ users: [liveUser('boss@acme.com', { admin }), liveUser('dev@acme.com')] });

  it('blocks a plan that removes the last company admin', () => {
    const plan = planOf(desiredState({ users: [user('boss@acme.com'), user('dev@acme.com')] }), live);
    expect(codes(plan)).toEqual(['error:last_company_admin']);
    expect(plan.violations[0]?.operation_ids).toEqual(['op-1']);
    expect(plan.violations[0]?.message).toContain('today: boss@acme.com');
  });

  it('counts suspension and deletion as losing the admin', () => {
    expect(codes(planOf(desiredState({ users: [user('boss@acme.com', { admin, state: 'suspended' }), user('dev@acme.com')] }), live))).toEqual([
      'error:last_company_admin',
    ]);
    expect(codes(planOf(desiredState({ users: [user('dev@acme.com')], policy: { unmanagedUsers: 'delete' } }), live))).toEqual(['error:last_company_admin']);
  });

  it('allows handing company admin to someone else in the same plan', () => {
    const plan = planOf(desiredState({ users: [user('boss@acme.com'), user('dev@acme.com', { admin })] }), live);
    expect(codes(plan)).toEqual([]);
  });
});
