import { describe, expect, it } from 'vitest';
import { keyLiveGroups } from '../../src/model/groups.js';
import type { Group, Membership } from '../../src/model/tenant.js';
import { codes, desiredState, group, liveOffice, liveState, liveUser, office, planOf, poolNumber, steps, user } from '../support/builders.js';

const SUPPORT_LINE = '+14155550199';
/** Support, renamed by hand in Dialpad to "Customer Support" (live id 601), which routes SUPPORT_LINE. */
const renamed = group('call_center:601', 'call_center', { id: '601', name: 'Customer Support', numbers: [SUPPORT_LINE] });
const agent = (email: string, callCenters: Membership[] = [{ group: 'call_center:601', role: 'operator' }]) => liveUser(email, { license: 'agents', callCenters });
const live = liveState({ users: [agent('alan@acme.com'), agent('ada@acme.com')], groups: [renamed] });
const member = (email: string, key = 'support') => user(email, { license: 'agents', callCenters: [{ group: key, role: 'operator' }] });
const desiredWith = (support: Group, over: { releaseUnlisted?: boolean; maxDeletions?: number; members?: string[] } = {}) =>
  desiredState({
    groups: [support],
    users: (over.members ?? ['alan@acme.com', 'ada@acme.com']).map((e) => member(e)),
    policy: { unmanagedGroups: 'delete', ...(over.maxDeletions === undefined ? {} : { maxDeletions: over.maxDeletions }) },
    reserved: { releaseUnlisted: over.releaseUnlisted ?? false },
  });
const support = group('support', 'call_center', { name: 'Support' });

describe('a group renamed by hand in Dialpad is deleted and recreated, and its phone number is silently pooled (issue 26 #3)', () => {
  it('blocks a delete and a create in one office with the same operators as a rename (group_looks_renamed), naming both and the number', () => {
    const plan = planOf(desiredWith(support), live);
    expect(steps(plan)).toEqual(expect.arrayContaining(['create_group Support', 'delete_group Customer Support']));
    const deletion = plan.operations.find((op) => op.kind === 'delete_group');
    const creation = plan.operations.find((op) => op.kind === 'create_group');
    expect(codes(plan)).toEqual(['error:group_looks_renamed']);
    expect(plan.violations[0]?.operation_ids).toEqual([creation?.id, deletion?.id].sort());
    const message = plan.violations[0]?.message ?? '';
    expect(message).toContain('the same operators (ada@acme.com, alan@acme.com)');
    expect(message).toContain(SUPPORT_LINE);
    expect(message).toContain('call_centers.support.id: "601"');
    expect(message).toContain('allow_new_group: true');
  });

  it('plans a rename, with nothing deleted, once config pins the live id', () => {
    const desired = desiredWith(group('support', 'call_center', { name: 'Support', id: '601' }));
    // The pipeline keys the live groups to config (`keyLive`): the pin matches 601.
    const plan = planOf(desired, keyLiveGroups(live, desired.tenant.groups ?? []));
    expect(steps(plan)).toEqual(['rename_group Customer Support']);
    expect(codes(plan)).toEqual([]);
  });

  it('lets allow_new_group: true on the entry say the group is new', () => {
    const plan = planOf(desiredWith({ ...support, allowNewGroup: true }), live);
    expect(steps(plan)).toEqual(expect.arrayContaining(['create_group Support', 'delete_group Customer Support']));
    expect(codes(plan)).toEqual([]);
  });

  it('does not call a delete and a create a rename when the operators, the office or the type differ', () => {
    expect(codes(planOf(desiredWith(support, { members: ['alan@acme.com'] }), live))).toEqual([]);
    const twoOffices = liveState({ offices: [liveOffice('hq', { licenses: { talk: 10 } }), liveOffice('nyc', { licenses: { talk: 10 } })], users: live.tenant.users, groups: [renamed] });
    const inNyc = { ...desiredWith({ ...support, office: 'nyc' }) };
    inNyc.tenant.offices = [office('hq'), office('nyc')];
    expect(codes(planOf(inNyc, twoOffices))).toEqual([]);
    const asDepartment = desiredState({
      groups: [group('support', 'department', { name: 'Support' })],
      users: ['alan@acme.com', 'ada@acme.com'].map((e) => user(e, { license: 'agents', departments: [{ group: 'support', role: 'operator' }] })),
      policy: { unmanagedGroups: 'delete' },
    });
    expect(codes(planOf(asDepartment, live))).toEqual([]);
  });
});

describe('deleting a group shows where its numbers go and counts them toward the caps (issue 26 #3)', () => {
  const unmanaged = liveState({ users: [agent('alan@acme.com', [])], groups: [renamed] });
  const noGroups = (over: { maxDeletions?: number; releaseUnlisted?: boolean } = {}) =>
    desiredState({
      users: [user('alan@acme.com', { license: 'agents' })],
      policy: { unmanagedGroups: 'delete', ...(over.maxDeletions === undefined ? {} : { maxDeletions: over.maxDeletions }) },
      reserved: { releaseUnlisted: over.releaseUnlisted ?? false },
    });

  it('sends the group\'s numbers to the reserved pool, in the operation, its note and the pool section', () => {
    const plan = planOf(noGroups(), unmanaged);
    const deletion = plan.operations.find((op) => op.kind === 'delete_group');
    expect(deletion).toMatchObject({ numbers_to_pool: [SUPPORT_LINE] });
    expect(deletion?.notes.join('\n')).toContain(`${SUPPORT_LINE} goes to the reserved pool`);
    expect(plan.pool).toEqual([{ number: SUPPORT_LINE, direction: 'in', office: 'hq', operation_id: deletion?.id }]);
    expect(codes(plan)).toEqual([]);
  });

  it('releases them in the same plan under release_unlisted (not one plan later), and says so', () => {
    const plan = planOf(noGroups({ releaseUnlisted: true }), liveState({ users: unmanaged.tenant.users, groups: [renamed], numbers: [poolNumber('+14155550100')] }));
    const deletion = plan.operations.find((op) => op.kind === 'delete_group');
    const release = plan.operations.find((op) => op.kind === 'release_number' && op.number === SUPPORT_LINE);
    expect(release?.after).toContain(deletion?.id);
    expect(deletion?.notes.join('\n')).toContain(`Then released to Dialpad (reserved_numbers.release_unlisted), for good: ${SUPPORT_LINE}.`);
  });

  it('counts a deleted group\'s numbers under policy.max_deletions, once each', () => {
    const plan = planOf(noGroups({ maxDeletions: 1 }), unmanaged);
    expect(codes(plan)).toEqual(['error:too_many_deletions']);
    expect(plan.violations[0]?.message).toContain('The plan deletes 0 users and 1 group, sending 1 number to the reserved pool, and releases 0 numbers (2), more than policy.max_deletions (1).');
    const released = planOf(noGroups({ maxDeletions: 1, releaseUnlisted: true }), unmanaged);
    expect(released.violations[0]?.message).toContain('The plan deletes 0 users and 1 group and releases 1 number (2), more than policy.max_deletions (1).');
    expect(codes(planOf(noGroups({ maxDeletions: 2 }), unmanaged))).toEqual([]);
  });
});
