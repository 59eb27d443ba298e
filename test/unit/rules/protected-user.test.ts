import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveOffice, liveState, liveUser, office, planOf, user } from '../../support/builders.js';

describe('protected_user', () => {
  const live = liveState({
    offices: [liveOffice('hq', { licenses: { talk: 3 } }), liveOffice('sf', { licenses: { talk: 3 } })],
    users: [
      liveUser('ceo@acme.com', { admin: { company: true, offices: ['hq'] } }),
      liveUser('cfo@acme.com', { admin: { company: true, offices: [] } }),
    ],
  });
  const offices = [office('hq'), office('sf')];
  const policy = { protected: ['CEO@acme.com'] };
  const cases = [
    { name: 'deleted', users: [user('cfo@acme.com', { admin: { company: true, offices: [] } })], policy: { ...policy, unmanagedUsers: 'delete' as const }, harm: 'be deleted' },
    { name: 'suspended', users: [user('ceo@acme.com', { state: 'suspended' as const, admin: { company: true, offices: ['hq'] } })], policy, harm: 'be suspended' },
    { name: 'moved', users: [user('ceo@acme.com', { office: 'sf', admin: { company: true, offices: ['hq'] } })], policy, harm: 'be moved' },
    { name: 'losing company admin', users: [user('ceo@acme.com', { admin: { company: false, offices: ['hq'] } })], policy, harm: 'lose company admin' },
    { name: 'losing office admin', users: [user('ceo@acme.com', { admin: { company: true, offices: [] } })], policy, harm: 'lose office admin of hq' },
  ];
  it.each(cases)('blocks a protected user being $name', ({ users, policy: p, harm }) => {
    const all = users.some((u) => u.email === 'cfo@acme.com') ? users : [...users, user('cfo@acme.com', { admin: { company: true, offices: [] } })];
    const plan = planOf(desiredState({ offices, users: all, policy: p }), live);
    expect(codes(plan)).toEqual(['error:protected_user']);
    expect(plan.violations[0]?.message).toContain(`ceo@acme.com: the plan would have this protected user ${harm}`);
    const wayOut = harm === 'be deleted' ? 'They are not in config and policy.unmanaged_users is delete: add their entry back' : 'Change their config entry';
    expect(plan.violations[0]?.message).toContain(wayOut);
  });

  it('allows harmless changes to a protected user', () => {
    const plan = planOf(
      desiredState({ offices, users: [user('ceo@acme.com', { firstName: 'Grace', admin: { company: true, offices: ['hq', 'sf'] } }), user('cfo@acme.com', { admin: { company: true, offices: [] } })], policy }),
      live,
    );
    expect(plan.operations.map((o) => o.kind)).toEqual(['update_user']);
    expect(codes(plan)).toEqual([]);
  });
});
