import { afterEach, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { itemsOf, makeFixture, startHarness, type Harness } from '../support/emulator-harness.js';

/**
 * Acme (see the harness: HQ talk 3 / sell 1, Ada and Bob on talk, Cy the only sell line) with
 * Sales (HQ, Ada admin), Support (HQ, Cy supervisor at 80) and a contact-center line free in HQ.
 */
function makeGroupFixture(): Fixture {
  const f = makeFixture();
  f.offices[0]!.licenses = { talk_lines: 3, sell_lines: 1, contact_center_lines: 1 };
  f.departments = [{ id: '501', name: 'Sales', office_id: '10', operators: [{ user_id: '101', role: 'admin' }] }];
  f.call_centers = [{ id: '601', name: 'Support', office_id: '10', operators: [{ user_id: '103', role: 'supervisor', skill_level: 80 }] }];
  return f;
}

let h: Harness;
afterEach(async () => {
  await h.close();
});

function messageOf(body: Record<string, unknown>): string {
  return String((body['error'] as { message?: string } | undefined)?.message);
}

async function available(officeId: string): Promise<Record<string, unknown>> {
  return (await h.api('GET', `/offices/${officeId}/available_licenses`)).body;
}

describe('departments and call centers', () => {
  it('derives group_details on every user answer from the groups, with an office entry per administered office (issue 19 #4)', async () => {
    const f = makeGroupFixture();
    f.users[0]!.admin_office_ids = ['10'];
    h = await startHarness({ fixture: f });
    const ada = (await h.api('GET', '/users/101')).body;
    expect(ada['group_details']).toEqual([
      { group_id: '501', group_type: 'department', role: 'admin', do_not_disturb: false },
      { group_id: '10', group_type: 'office', role: 'admin', do_not_disturb: false },
    ]);
    const listed = itemsOf((await h.api('GET', '/users')).body);
    expect(listed.find((u) => u['id'] === '103')?.['group_details']).toEqual([{ group_id: '601', group_type: 'callcenter', role: 'supervisor', do_not_disturb: false }]);
    expect(listed.find((u) => u['id'] === '102')).not.toHaveProperty('group_details');
    expect((await h.api('POST', '/departments/501/operators', { operator_id: '102', operator_type: 'user', role: 'operator' })).status).toBe(200);
    expect((await h.api('GET', '/users/102')).body['group_details']).toEqual([{ group_id: '501', group_type: 'department', role: 'operator', do_not_disturb: false }]);
  });

  it('lists groups by office_id and name_search with cursor pages, per office, and only the key’s office (issue 19 #5)', async () => {
    const f = makeGroupFixture();
    f.departments!.push({ id: '502', name: 'Sales London', office_id: '30', operators: [] }, { id: '503', name: 'Billing', office_id: '10', operators: [] });
    f.api_keys = [{ key: 'test-company-key', scope: 'company' }, { key: 'london', scope: 'office', office_id: '30' }];
    h = await startHarness({ fixture: f });
    const ids = (body: Record<string, unknown>) => itemsOf(body).map((g) => g['id']);
    expect(ids((await h.api('GET', '/departments')).body)).toEqual(['501', '502', '503']);
    expect(ids((await h.api('GET', '/departments?office_id=10')).body)).toEqual(['501', '503']);
    expect(ids((await h.api('GET', '/departments?name_search=sales')).body)).toEqual(['501', '502']);
    expect(ids((await h.api('GET', '/offices/30/departments')).body)).toEqual(['502']);
    expect(ids((await h.api('GET', '/offices/10/callcenters')).body)).toEqual(['601']);
    const first = (await h.api('GET', '/departments?limit=2')).body;
    expect(ids(first)).toEqual(['501', '502']);
    expect(ids((await h.api('GET', `/departments?limit=2&cursor=${String(first['cursor'])}`)).body)).toEqual(['503']);
    expect(ids((await h.api('GET', '/departments', undefined, 'london')).body)).toEqual(['502']);
    expect((await h.api('GET', '/departments/501', undefined, 'london')).status).toBe(403);
    expect((await h.api('POST', '/departments', { name: 'X', office_id: '30' }, 'london')).status).toBe(403);
    expect((await h.api('POST', '/departments/502/operators', { operator_id: '104', operator_type: 'user' }, 'london')).status).toBe(200);
    expect((await h.api('POST', '/departments/502/operators', { operator_id: '101', operator_type: 'user' }, 'london')).status).toBe(403);
    expect((await h.api('GET', '/offices/99/departments')).status).toBe(404);
  });

  it('creates, gets, renames and deletes a group; a deletion is final, drops memberships and pools its numbers (issue 19 #6)', async () => {
    const f = makeGroupFixture();
    f.numbers.push({ number: '+14155550177', status: 'department', office_id: '10', target_type: 'department', target_id: '501' });
    h = await startHarness({ fixture: f });
    const created = await h.api('POST', '/callcenters', { name: 'Escalations', office_id: '10', ring_seconds: 20 });
    expect(created.body).toMatchObject({ name: 'Escalations', office_id: '10', country: 'us', state: 'active', ring_seconds: '20' });
    const id = String(created.body['id']);
    expect((await h.api('GET', `/callcenters/${id}`)).body).toMatchObject({ id, name: 'Escalations' });
    expect((await h.api('PATCH', `/callcenters/${id}`, { name: 'Escalation desk' })).body).toMatchObject({ id, name: 'Escalation desk' });
    expect(messageOf((await h.api('PATCH', `/callcenters/${id}`, { office_id: '20' })).body)).toMatch(/UpdateCallCenterMessage has no field "office_id"/);
    expect(messageOf((await h.api('POST', '/departments', { name: 'x'.repeat(101), office_id: '10' })).body)).toMatch(/name must be a single line of 1 to 100 characters/);
    expect(messageOf((await h.api('POST', '/departments', { name: 'Nowhere', office_id: '99' })).body)).toMatch(/office_id: office 99 does not exist/);
    expect((await h.api('GET', '/departments/501')).body['phone_numbers']).toEqual(['+14155550177']);

    const deleted = await h.api('DELETE', '/departments/501');
    expect(deleted.body).toMatchObject({ id: '501', state: 'deleted' });
    expect((await h.api('GET', '/departments/501')).status).toBe(404);
    expect((await h.api('GET', '/users/101')).body).not.toHaveProperty('group_details');
    expect((await h.api('GET', `/numbers/${encodeURIComponent('+14155550177')}`)).body).toMatchObject({ status: 'available', office_id: '10' });
    expect((await h.api('GET', `/numbers/${encodeURIComponent('+14155550177')}`)).body).not.toHaveProperty('target_id');
  });

  it('never mints a deleted group’s id again: the deleted group stays as a tombstone that answers 404 (issue 19 #6)', async () => {
    h = await startHarness({ fixture: makeGroupFixture() });
    const first = String((await h.api('POST', '/departments', { name: 'Temp', office_id: '10' })).body['id']);
    expect((await h.api('DELETE', `/departments/${first}`)).body).toMatchObject({ id: first, state: 'deleted' });
    const second = String((await h.api('POST', '/departments', { name: 'Temp', office_id: '10' })).body['id']);
    expect(second).not.toBe(first);
    expect((await h.api('GET', `/departments/${first}`)).status).toBe(404);
    expect((await h.api('DELETE', `/departments/${first}`)).status).toBe(404);
    expect(itemsOf((await h.api('GET', '/departments?name_search=temp')).body).map((g) => g['id'])).toEqual([second]);
    const state = (await h.console('GET', '/state')).body;
    expect(state['departments']).toContainEqual({ id: first, name: 'Temp', office_id: '10', state: 'deleted', operators: [] });
  });

  it('holds at most 25 operators in a department: the 26th is refused (issue 19 #7)', async () => {
    const f = makeGroupFixture();
    f.offices[1]!.licenses = {};
    for (let i = 0; i < 25; i++) f.users.push({ id: String(200 + i), emails: [`u${i}@acme.com`], office_id: '20', state: 'active', license: 'user' });
    h = await startHarness({ fixture: f });
    for (let i = 0; i < 24; i++) {
      expect((await h.api('POST', '/departments/501/operators', { operator_id: 200 + i, operator_type: 'user' })).status).toBe(200);
    }
    const full = await h.api('POST', '/departments/501/operators', { operator_id: '224', operator_type: 'user' });
    expect(full.status).toBe(400);
    expect(messageOf(full.body)).toMatch(/already has 25 operators, the most a department can hold/);
    expect(((await h.api('GET', '/departments/501/operators')).body['users'] as unknown[]).length).toBe(25);
  });

  it('allows the roles of each kind only, never re-adds an operator, and removes only operators (issue 19 #8)', async () => {
    h = await startHarness({ fixture: makeGroupFixture() });
    const bad = await h.api('POST', '/departments/501/operators', { operator_id: '102', operator_type: 'user', role: 'supervisor' });
    expect(bad.status).toBe(400);
    expect(messageOf(bad.body)).toMatch(/role must be one of admin, operator for a department/);
    expect((await h.api('POST', '/departments/501/operators', { operator_id: '102', operator_type: 'room' })).status).toBe(400);
    const again = await h.api('POST', '/departments/501/operators', { operator_id: '101', operator_type: 'user', role: 'operator' });
    expect(again.status).toBe(409);
    expect(messageOf(again.body)).toMatch(/already an operator of department 501 \(role admin\); remove them first/);
    expect((await h.api('POST', '/callcenters/601/operators', { user_id: '101', role: 'boss' })).status).toBe(400);
    const removed = await h.api('DELETE', '/departments/501/operators', { operator_id: '101', operator_type: 'user' });
    expect(removed.body).toMatchObject({ id: '101', name: 'Ada Lovelace', office_id: '10', state: 'active' });
    const notThere = await h.api('DELETE', '/departments/501/operators', { operator_id: '101', operator_type: 'user' });
    expect(notThere.status).toBe(400);
    expect(messageOf(notThere.body)).toMatch(/user 101 is not an operator of department 501/);
  });

  it('refuses pending and deleted users as operators, and drops a deleted user’s memberships (issue 19 #9)', async () => {
    const f = makeGroupFixture();
    f.users.push({ id: '105', emails: ['new@acme.com'], office_id: '20', state: 'pending', license: 'talk' });
    h = await startHarness({ fixture: f });
    const pending = await h.api('POST', '/departments/501/operators', { operator_id: '105', operator_type: 'user' });
    expect(pending.status).toBe(400);
    expect(messageOf(pending.body)).toMatch(/user 105 is pending; only active and suspended users can be added as operators/);
    expect((await h.api('DELETE', '/users/103')).status).toBe(200);
    expect((await h.api('GET', '/callcenters/601/operators')).body).toEqual({});
    expect((await h.api('POST', '/callcenters/601/operators', { user_id: '103' })).status).toBe(400);
    expect((await h.api('GET', '/users/103')).body).not.toHaveProperty('group_details');
  });

  it('switches a call-center operator to license_type, consuming that line and freeing the old one, or refuses when none is free (issue 19 #10)', async () => {
    h = await startHarness({ fixture: makeGroupFixture() });
    const none = await h.api('POST', '/callcenters/601/operators', { user_id: '101' });
    expect(none.status).toBe(400);
    expect(messageOf(none.body)).toMatch(/no unassigned sell_lines for a "agents" license/);
    expect((await h.api('GET', '/users/101')).body).toMatchObject({
      license: 'talk',
      group_details: [{ group_id: '501', group_type: 'department', role: 'admin', do_not_disturb: false }],
    });

    const added = await h.api('POST', '/callcenters/601/operators', { user_id: '101', license_type: 'lite_support_agents', role: 'operator', keep_paid_numbers: true });
    expect(added.body).toMatchObject({ id: '101', state: 'active' });
    expect((await h.api('GET', '/users/101')).body).toMatchObject({ license: 'lite_support_agents' });
    expect(await available('10')).toMatchObject({ talk_lines: '2', contact_center_lines: '0', sell_lines: '0' });
    // Cy already holds a call-center license (agents): a second call center changes nothing.
    const other = await h.api('POST', '/callcenters', { name: 'Overflow', office_id: '10' });
    expect((await h.api('POST', `/callcenters/${String(other.body['id'])}/operators`, { user_id: '103' })).status).toBe(200);
    expect((await h.api('GET', '/users/103')).body).toMatchObject({ license: 'agents' });
  });

  it('changes and releases no license when an operator is removed (issue 19 #11)', async () => {
    h = await startHarness({ fixture: makeGroupFixture() });
    const before = await available('10');
    expect((await h.api('DELETE', '/callcenters/601/operators', { user_id: '103' })).body).toMatchObject({ id: '103' });
    expect((await h.api('GET', '/users/103')).body).toMatchObject({ license: 'agents' });
    expect(await available('10')).toEqual(before);
  });

  it('keeps skill levels 1–100 on add (default 100) and 0–100 on the skill PATCH (issue 19 #12)', async () => {
    h = await startHarness({ fixture: makeGroupFixture() });
    expect((await h.api('GET', '/callcenters/601/operators/103/skill')).body).toEqual({ call_center_id: '601', user_id: '103', skill_level: '80' });
    expect(messageOf((await h.api('POST', '/callcenters/601/operators', { user_id: '102', skill_level: 0, license_type: 'lite_support_agents' })).body)).toMatch(/skill_level must be an integer from 1 to 100/);
    expect((await h.api('POST', '/callcenters/601/operators', { user_id: '102', license_type: 'lite_support_agents' })).status).toBe(200);
    expect((await h.api('GET', '/callcenters/601/operators/102/skill')).body).toMatchObject({ skill_level: '100' });
    expect((await h.api('PATCH', '/callcenters/601/operators/102/skill', { skill_level: 0 })).body).toEqual({ call_center_id: '601', user_id: '102', skill_level: '0' });
    expect(messageOf((await h.api('PATCH', '/callcenters/601/operators/102/skill', { skill_level: 101 })).body)).toMatch(/skill_level must be an integer from 0 to 100/);
    const stranger = await h.api('GET', '/callcenters/601/operators/101/skill');
    expect(stranger.status).toBe(404);
    expect(messageOf(stranger.body)).toMatch(/user 101 is not an operator of call center 601/);
  });

  it('shows groups in the state snapshot in the fixture format (issue 19 #3)', async () => {
    h = await startHarness({ fixture: makeGroupFixture() });
    await h.api('PATCH', '/callcenters/601/operators/103/skill', { skill_level: 55 });
    await h.api('POST', '/departments/501/operators', { operator_id: '104', operator_type: 'user', role: 'operator' });
    const state = (await h.console('GET', '/state')).body;
    expect(state['call_centers']).toEqual([{ id: '601', name: 'Support', office_id: '10', operators: [{ user_id: '103', role: 'supervisor', skill_level: 55 }] }]);
    expect(state['departments']).toEqual([
      { id: '501', name: 'Sales', office_id: '10', operators: [{ user_id: '101', role: 'admin' }, { user_id: '104', role: 'operator' }] },
    ]);
  });
});
