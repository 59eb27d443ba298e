/**
 * Under `lifecycle: external` an identity provider owns users' states (issue 27 #12): a state in
 * config is not carried out, and the plan says so rather than leaving it silently; live users
 * absent from config are said to be the provider's, not `policy.unmanaged_users`'s.
 */
import { describe, expect, it } from 'vitest';
import { formatUnmanagedLine } from '../../../src/render/rows.js';
import { codes, desiredState, liveState, liveUser, planOf, user } from '../../support/builders.js';

describe('lifecycle_state_ignored and provider-owned unmanaged users (issue 27 #12)', () => {
  it('state: suspended under lifecycle: external is not ignored silently: the plan warns that the provider owns the state (issue 27 #12)', () => {
    const desired = desiredState({
      users: [user('boss@acme.com', { admin: { company: true, offices: [] } }), user('alan@acme.com', { state: 'suspended', source: 'users.yaml:4' })],
      policy: { lifecycle: 'external' },
    });
    const live = liveState({ users: [liveUser('boss@acme.com', { admin: { company: true, offices: [] } }), liveUser('alan@acme.com')] });
    const plan = planOf(desired, live);
    expect(plan.operations).toEqual([]);
    expect(codes(plan)).toEqual(['warning:lifecycle_state_ignored']);
    expect(plan.violations[0]?.message).toContain('alan@acme.com (users.yaml:4) has state: suspended in config, but Dialpad has them active');
    expect(plan.violations[0]?.message).toContain("their lifecycle is the identity provider's (lifecycle: external)");
  });

  it('does not warn for a state config leaves at its default, one Dialpad already has, or one dialform owns', () => {
    const external = desiredState({
      users: [user('ada@acme.com'), user('bob@acme.com', { state: 'suspended' })],
      policy: { lifecycle: 'external' },
    });
    const live = liveState({ users: [liveUser('ada@acme.com', { state: 'suspended' }), liveUser('bob@acme.com', { state: 'suspended' })] });
    expect(codes(planOf(external, live)).filter((c) => c.includes('lifecycle_state_ignored'))).toEqual([]);

    const owned = desiredState({ users: [user('ada@acme.com', { state: 'suspended' })] });
    const plan = planOf(owned, liveState({ users: [liveUser('ada@acme.com')] }));
    expect(plan.operations.map((op) => op.kind)).toEqual(['suspend_user']);
    expect(codes(plan).filter((c) => c.includes('lifecycle_state_ignored'))).toEqual([]);
  });

  it('the unmanaged line names the identity provider for users it owns, not policy.unmanaged_users (issue 27 #12)', () => {
    const desired = desiredState({ users: [user('ada@acme.com')], policy: { lifecycle: 'external', unmanagedUsers: 'delete' } });
    const plan = planOf(desired, liveState({ users: [liveUser('ada@acme.com'), liveUser('okta-only@acme.com')] }));
    expect(plan.operations).toEqual([]);
    expect(plan.unmanaged_users).toEqual({ policy: 'delete', count: 1, external: 1 });
    const line = formatUnmanagedLine(plan.unmanaged_users!);
    expect(line).toBe(
      '1 live user is not in the configuration and left as they are: the identity provider owns them (lifecycle: external), ' +
        'so policy.unmanaged_users does not apply to them. The identity provider decides whether they stay: offboard them there.',
    );
  });

  it('splits the unmanaged line when some users are the provider\'s and some dialform\'s', () => {
    expect(formatUnmanagedLine({ policy: 'ignore', count: 3, external: 2 })).toBe(
      '3 live users are not in the configuration and left as they are: for 2, the identity provider owns them (lifecycle: external), ' +
        'so policy.unmanaged_users does not apply to them; for 1, policy.unmanaged_users: ignore. To offboard one, give them an entry ' +
        'with state: deleted. The identity provider decides whether they stay: offboard them there.',
    );
  });
});
