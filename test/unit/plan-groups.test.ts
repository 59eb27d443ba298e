import { describe, expect, it } from 'vitest';
import { keyLiveGroups } from '../../src/model/groups.js';
import { checkOperation } from '../../src/plan/kinds/index.js';
import { createSimState } from '../../src/plan/sim-state.js';
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

  it('an add to a full department runs after the removal that frees its seat (issue 19 review #1)', () => {
    const others = Array.from({ length: 24 }, (_, i) => liveUser(`u${i}@acme.com`, { departments: [{ group: 'sales', role: 'operator' }] }));
    const plan = planOf(
      desiredState({
        groups: [group('sales', 'department')],
        users: [user('ada@acme.com', { departments: [] }), user('bob@acme.com', { departments: [{ group: 'sales', role: 'operator' }] })],
      }),
      liveState({
        groups: [group('sales', 'department', { id: '501' })],
        users: [liveUser('ada@acme.com', { departments: [{ group: 'sales', role: 'operator' }] }), liveUser('bob@acme.com'), ...others],
      }),
    );
    expect(plan.violations).toEqual([]);
    const remove = plan.operations.find((op) => op.kind === 'remove_operator');
    const add = plan.operations.find((op) => op.kind === 'add_operator');
    expect(add?.after).toContain(remove?.id);
  });

  it('a call-center add waits for the license change, which needs a free line (insufficient_licenses)', () => {
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

  it('a call-center add of a user without an agent license waits for their license change, whatever the free lines (issue 19 review #3)', () => {
    const desired = desiredState({
      offices: [office('hq', { name: 'Acme HQ' })],
      groups: [group('support', 'call_center')],
      users: [user('ada@acme.com', { license: 'agents', state: 'suspended', callCenters: [{ group: 'support', role: 'operator' }] })],
    });
    const liveWith = (sell: number) =>
      liveState({ offices: [liveOffice('hq', { licenses: { talk: 1, sell } })], groups: [group('support', 'call_center', { id: '601' })], users: [liveUser('ada@acme.com', { state: 'suspended' })] });
    // No free Sell line: capacity judges the license change; the add waits for it.
    const blocked = planOf(desired, liveWith(0));
    expect(steps(blocked)).toEqual(['update_user ada@acme.com', 'add_operator ada@acme.com']);
    expect(blocked.violations.map((v) => [v.code, v.operation_ids])).toEqual([
      ['insufficient_licenses', ['op-1']],
      ['insufficient_licenses', ['op-2']],
    ]);
    expect(blocked.violations[1]?.message).toContain('waits for op-1');
    const add = blocked.operations[1];
    if (add === undefined) throw new Error('no add_operator');
    // Before the license change, the add is no line claim of its own, with or without a free line.
    for (const sell of [0, 1]) {
      const failure = checkOperation(createSimState(desired, liveWith(sell), new Map()), add);
      expect(failure).toEqual({ waitsFor: 'license:ada@acme.com', message: 'ada@acme.com holds license talk, not an agent license' });
    }
    const runs = planOf(desired, liveWith(1));
    expect(runs.violations).toEqual([]);
    expect(runs.operations.find((op) => op.kind === 'add_operator')?.after).toEqual(['op-1']);
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
  it('deletes no call center when config has departments: and no call_centers:, under unmanaged_groups: delete (issue 19 review #2)', () => {
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
        'The plan deletes 2 of 3 live groups (66.7%), more than policy.max_deletion_percent (50%). Check that config lists every department and call center to keep, or raise policy.max_deletion_percent for this change.',
      ],
    ]);
  });
});
