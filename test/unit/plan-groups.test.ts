import { describe, expect, it } from 'vitest';
import { keyLiveGroups } from '../../src/model/groups.js';
import { desiredState, group, liveOffice, liveState, liveUser, office, planOf, steps, user } from '../support/builders.js';
import { groupsPlan } from '../support/plan-samples.js';

describe('group operations, ordered by the one simulation (issue 19 #2)', () => {
  it('creates a group and its new hire before adding them, removes a leaver before deleting them, and removes before re-adding', () => {
    const plan = groupsPlan();
    expect(steps(plan)).toEqual([
      'create_group Billing',
      'remove_operator ada@acme.com',
      'remove_operator carol@acme.com',
      'delete_group Old',
      'delete_user carol@acme.com',
      'create_user dave@acme.com',
      'rename_group Support',
      'add_operator ada@acme.com',
      'add_operator dave@acme.com',
      'set_skill bob@acme.com',
    ]);
    const byKind = (kind: string, email?: string) => plan.operations.find((op) => op.kind === kind && (email === undefined || (op.target.type === 'user' && op.target.email === email)));
    expect(byKind('add_operator', 'dave@acme.com')?.after).toEqual(expect.arrayContaining([byKind('create_group')?.id, byKind('create_user', 'dave@acme.com')?.id]));
    expect(byKind('delete_user', 'carol@acme.com')?.after).toContain(byKind('remove_operator', 'carol@acme.com')?.id);
    expect(byKind('delete_group')?.reversible).toBe('no');
    expect(plan.violations).toEqual([]);
  });

  it('blocks a 26th operator in a department with department_operator_limit, counting operators config does not manage', () => {
    const others = Array.from({ length: 25 }, (_, i) => liveUser(`u${i}@acme.com`, { departments: [{ group: 'sales', role: 'operator' }] }));
    const plan = planOf(
      desiredState({ groups: [group('sales', 'department')], users: [user('ada@acme.com', { departments: [{ group: 'sales', role: 'operator' }] })] }),
      liveState({ groups: [group('sales', 'department', { id: '501' })], users: [liveUser('ada@acme.com'), ...others] }),
    );
    expect(plan.violations.map((v) => v.code)).toEqual(['department_operator_limit']);
    expect(plan.violations[0]?.message).toContain('already has 25 operators');
  });

  it('a call-centre add that would switch a non-agent license needs a free line of it (insufficient_licenses)', () => {
    const plan = planOf(
      desiredState({ offices: [office('hq', { name: 'Acme HQ' })], groups: [group('support', 'call_center')], users: [user('ada@acme.com', { license: 'agents', callCenters: [{ group: 'support', role: 'operator' }] })] }),
      liveState({ offices: [liveOffice('hq', { licenses: { talk: 1, sell: 0 } })], groups: [group('support', 'call_center', { id: '601' })], users: [liveUser('ada@acme.com')] }),
    );
    expect(plan.violations.map((v) => [v.code, v.operation_ids])).toEqual([
      ['insufficient_licenses', ['op-1']],
      ['insufficient_licenses', ['op-2']],
    ]);
    expect(plan.violations[1]?.message).toContain('waits for op-1');
  });

  it('a partial read withholds group deletions, and incomplete_live_read names the removals it blocks', () => {
    const live = liveState({
      groups: [group('sales', 'department', { id: '501' }), group('department:502', 'department', { id: '502', name: 'Old' })],
      users: [liveUser('ada@acme.com', { departments: [{ group: 'sales', role: 'operator' }] })],
      incomplete: ['departments: 500'],
    });
    const plan = planOf(desiredState({ groups: [group('sales', 'department')], policy: { unmanagedGroups: 'delete' }, users: [user('ada@acme.com', { departments: [] })] }), live);
    expect(steps(plan)).toEqual(['remove_operator ada@acme.com']);
    expect(plan.violations.map((v) => [v.code, v.operation_ids])).toEqual([['incomplete_live_read', ['op-1']]]);
  });
});

describe('matching live groups to config (issue 19 #2)', () => {
  it('matches by type, office and name, so a "Support" per office is two groups, not one', () => {
    const desired = [group('support-uk', 'call_center', { name: 'Support', office: 'london' }), group('support', 'call_center', { name: 'support ', office: 'hq' })];
    const live = liveState({
      groups: [
        group('call_center:601', 'call_center', { id: '601', name: 'Support', office: 'hq' }),
        group('call_center:602', 'call_center', { id: '602', name: 'Support', office: 'london' }),
        group('department:501', 'department', { id: '501', name: 'Support', office: 'hq' }),
      ],
    });
    expect(keyLiveGroups(live, desired).tenant.groups?.map((g) => [g.key, g.id])).toEqual([
      ['department:501', '501'],
      ['support', '601'],
      ['support-uk', '602'],
    ]);
  });
});

describe('unmanaged groups: only types whose section config has (issue 19 review #2)', () => {
  it('deletes no call centre when config has departments: and no call_centers:, under unmanaged_groups: delete (issue 19 review #2)', () => {
    const live = liveState({
      groups: [
        group('sales', 'department', { id: '501' }),
        group('department:502', 'department', { id: '502', name: 'Old' }),
        group('call_center:601', 'call_center', { id: '601', name: 'Support' }),
        group('call_center:602', 'call_center', { id: '602', name: 'Billing' }),
      ],
    });
    const desired = (groupSections: ('department' | 'call_center')[]) =>
      desiredState({ groups: [group('sales', 'department')], policy: { unmanagedGroups: 'delete' }, groupSections });
    expect(steps(planOf(desired(['department']), live))).toEqual(['delete_group Old']);
    expect(steps(planOf(desired(['department', 'call_center']), live)).sort()).toEqual(['delete_group Billing', 'delete_group Old', 'delete_group Support']);
  });
});

describe('group deletions share policy.max_deletion_percent (issue 19 review #2)', () => {
  it('blocks deleting 2 of 3 live groups over max_deletion_percent 50, as it blocks user deletions (issue 19 review #2)', () => {
    const live = liveState({
      groups: [
        group('sales', 'department', { id: '501' }),
        group('department:502', 'department', { id: '502', name: 'Old' }),
        group('call_center:601', 'call_center', { id: '601', name: 'Support' }),
      ],
    });
    const plan = planOf(desiredState({ groups: [group('sales', 'department')], policy: { unmanagedGroups: 'delete', maxDeletionPercent: 50 } }), live);
    expect(plan.violations.map((v) => [v.code, v.message])).toEqual([
      [
        'too_many_deletions',
        'The plan deletes 2 of 3 live groups (66.7%), more than policy.max_deletion_percent (50%). Check that config lists every department and call centre to keep, or raise policy.max_deletion_percent for this change.',
      ],
    ]);
  });
});
