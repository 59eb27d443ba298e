/**
 * The lifecycle owner (docs/lifecycle.md): under `external` an identity provider decides who
 * exists and whether they are active; dialform reconciles the rest (`matchOwnedUsers`).
 */
import { describe, expect, it } from 'vitest';
import { diffTenant, type Change } from '../../src/diff/index.js';
import { indexLifecycleOwners, lifecycleOwnerOf } from '../../src/diff/owned-users.js';
import { desiredState, heldNumber, liveOffice, liveState, liveUser, office, planOf, steps, user } from '../support/builders.js';

const kinds = (changes: Change[]): string[] =>
  changes.map((c) => {
    if (c.kind === 'delete_user' || c.kind === 'suspend_user') return `${c.kind} ${c.live.email}`;
    return 'user' in c && c.user !== undefined ? `${c.kind} ${c.user.email}` : c.kind;
  });

describe('lifecycle owner (issue 18 #1)', () => {
  it('the entry wins over its office, the office over policy.lifecycle, dialform by default (issue 18 #1)', () => {
    const desired = desiredState({ offices: [office('hq', { lifecycle: 'dialform' }), office('sf')], policy: { lifecycle: 'external' } });
    expect(lifecycleOwnerOf(desired, { office: 'sf' })).toBe('external');
    expect(lifecycleOwnerOf(desired, { office: 'hq' })).toBe('dialform');
    expect(lifecycleOwnerOf(desired, { office: 'hq', lifecycle: 'external' })).toBe('external');
    expect(lifecycleOwnerOf(desiredState({}), { office: 'hq' })).toBe('dialform');
  });

  it('looked up for many users (issue 31), an office key listed twice is its first entry, as for one user', () => {
    const desired = desiredState({ offices: [office('hq', { lifecycle: 'external' }), office('hq', { lifecycle: 'dialform' })] });
    expect(lifecycleOwnerOf(desired, { office: 'hq' })).toBe('external');
    expect(indexLifecycleOwners(desired)({ office: 'hq' })).toBe('external');
    expect(indexLifecycleOwners(desiredState({ policy: { lifecycle: 'external' } }))({ office: 'sf' })).toBe('external');
  });

  it('under external, a user not in Dialpad waits for provisioning: no create, no numbers (issue 18 #1)', () => {
    const desired = desiredState({ users: [user('kj@acme.com', { numbers: ['+14155550105'] })], policy: { lifecycle: 'external' } });
    const live = liveState({});
    expect(kinds(diffTenant(desired, live))).toEqual(['await_provisioning kj@acme.com']);
    const plan = planOf(desired, live);
    expect(plan.operations).toEqual([]);
    expect(plan.violations).toEqual([]);
    expect(plan.waiting_for_provisioning).toEqual([{ email: 'kj@acme.com', source: 'config' }]);
  });

  it('under external, a deleted live account is waiting too, not restored (issue 18 #1)', () => {
    const desired = desiredState({ users: [user('kj@acme.com')], policy: { lifecycle: 'external' } });
    const live = liveState({ users: [liveUser('kj@acme.com', { state: 'deleted' })] });
    expect(kinds(diffTenant(desired, live))).toEqual(['await_provisioning kj@acme.com']);
  });

  it('under external, dialform never suspends, reactivates or deletes; settings are reconciled (issue 18 #1)', () => {
    const desired = desiredState({
      offices: [office('hq'), office('sf')],
      policy: { lifecycle: 'external', unmanagedUsers: 'delete' },
      users: [
        user('idp-suspended@acme.com', { office: 'sf', license: 'agents' }),
        user('wants-suspended@acme.com', { state: 'suspended' }),
        user('leaving@acme.com', { state: 'deleted' }),
      ],
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 10 } }), liveOffice('sf', { licenses: { talk: 10, sell: 5 } })],
      users: [
        liveUser('idp-suspended@acme.com', { state: 'suspended' }),
        liveUser('wants-suspended@acme.com'),
        liveUser('leaving@acme.com'),
        liveUser('unmanaged@acme.com'),
      ],
    });
    expect(kinds(diffTenant(desired, live))).toEqual(['update_user idp-suspended@acme.com', 'move_user idp-suspended@acme.com']);
  });

  it('under dialform, the same config creates, suspends and deletes as before (issue 18 #1)', () => {
    const desired = desiredState({
      policy: { unmanagedUsers: 'delete' },
      users: [user('new@acme.com'), user('wants-suspended@acme.com', { state: 'suspended' }), user('leaving@acme.com', { state: 'deleted' })],
    });
    const live = liveState({ users: [liveUser('wants-suspended@acme.com'), liveUser('leaving@acme.com'), liveUser('unmanaged@acme.com')] });
    expect(steps(planOf(desired, live)).sort()).toEqual(
      ['create_user new@acme.com', 'delete_user leaving@acme.com', 'delete_user unmanaged@acme.com', 'suspend_user wants-suspended@acme.com'].sort(),
    );
  });

  it('an external office inside a dialform company: only its users are left to the IdP (issue 18 #1)', () => {
    const desired = desiredState({
      offices: [office('hq'), office('sf', { lifecycle: 'external' })],
      policy: { unmanagedUsers: 'delete' },
      users: [user('hq-new@acme.com'), user('sf-new@acme.com', { office: 'sf' })],
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 10 } }), liveOffice('sf', { licenses: { talk: 10 } })],
      users: [liveUser('hq-gone@acme.com'), liveUser('sf-unmanaged@acme.com', { office: 'sf' })],
      numbers: [heldNumber('+14155550199', 'sf-unmanaged@acme.com', 'sf')],
    });
    expect(kinds(diffTenant(desired, live)).sort()).toEqual(['await_provisioning sf-new@acme.com', 'create_user hq-new@acme.com', 'delete_user hq-gone@acme.com'].sort());
  });
});
