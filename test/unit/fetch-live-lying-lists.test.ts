/**
 * Lists that lie (issue 26 #1, #2): a list that ends early, and a list item without a field the
 * planner matches on, make the read incomplete; the plan withholds the creates such a list would
 * cause and says which cross-check failed. Served by nock.
 */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import { createDialpadClient, fetchLive } from '../../src/dialpad/index.js';
import { planAgainstLive } from '../../src/plan-against-live.js';
import { desiredState, group, office, user } from '../support/builders.js';

const BASE = 'https://dialpad.test';
const NOW = new Date('2026-01-01T00:00:00Z');

function client() {
  return createDialpadClient({ baseUrl: BASE, apiKey: 'k-lying-lists', rateLimit: 1000, retry: { maxAttempts: 2, baseMs: 1 } });
}

const HQ = { id: '1', name: 'Acme HQ', country: 'us' };
const ada = (over: object = {}) => ({ id: '11', emails: ['ada@acme.com'], first_name: 'ada', last_name: 'Test', office_id: '1', license: 'talk', state: 'active', ...over });
const bob = (over: object = {}) => ({ ...ada(), id: '12', emails: ['bob@acme.com'], first_name: 'bob', ...over });

/** Phase 1 as given: company, offices, reserved pool, groups; users by page (`{cursor}` of page 1 → page 2). */
function mockPhaseOne(lists: { officePages?: object[]; userPages: object[]; departments?: unknown[]; callCenters?: unknown[] }): void {
  nock(BASE).get('/api/v2/company').reply(200, { id: '100', name: 'Acme', account_type: 'pro' });
  (lists.officePages ?? [{ items: [HQ] }]).forEach((page, i) => {
    nock(BASE)
      .get('/api/v2/offices')
      .query(i === 0 ? {} : { cursor: `p${i + 1}` })
      .reply(200, page);
  });
  nock(BASE).get('/api/v2/numbers').query({ status: 'available' }).reply(200, { items: [] });
  nock(BASE).get('/api/v2/departments').reply(200, { items: lists.departments ?? [] });
  nock(BASE).get('/api/v2/callcenters').reply(200, { items: lists.callCenters ?? [] });
  lists.userPages.forEach((page, i) => {
    nock(BASE)
      .get('/api/v2/users')
      .query(i === 0 ? { state: 'all' } : { state: 'all', cursor: `p${i + 1}` })
      .reply(200, page);
  });
}

/** `GET /users?email=` as Dialpad answers it: the users given. */
function mockLookup(email: string, found: object[]): nock.Scope {
  return nock(BASE).get('/api/v2/users').query({ state: 'all', email }).reply(200, { items: found });
}

/** Office 1's licenses, read in phase 2 where a user may take a line. */
function mockOfficeLicenses(): void {
  nock(BASE).get('/api/v2/offices/1/plan').reply(200, { talk_lines: '5' });
  nock(BASE).get('/api/v2/offices/1/available_licenses').reply(200, { talk_lines: '4' });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

describe('a list that ends early is trusted (issue 26 #1)', () => {
  it('a users list whose second page is an empty {} without a cursor, whose would-be create is found by email, is incomplete and plans no create_user (issue 26 #1)', async () => {
    mockPhaseOne({ userPages: [{ items: [ada()], cursor: 'p2' }, {}] });
    const lookup = mockLookup('bob@acme.com', [bob()]);
    mockOfficeLicenses();
    const desired = desiredState({ offices: [office('hq', { name: 'Acme HQ' })], users: [user('ada@acme.com'), user('bob@acme.com')] });
    const { plan, read } = await planAgainstLive({ client: client(), desired, now: NOW });
    expect(lookup.isDone()).toBe(true);
    expect(read.partialLists).toEqual(['users']);
    expect(read.incomplete).toEqual([expect.stringMatching(/^users: cross-check failed: the list did not bring user 12 \(named by a lookup of bob@acme.com\)/)]);
    expect(plan.operations.map((o) => o.kind)).not.toContain('create_user');
    const error = plan.violations.find((v) => v.code === 'incomplete_live_read');
    expect(error?.message).toMatch(/cross-check failed.*1 create \(user bob@acme.com\) was left out/);
    expect(plan.summary.blocked).toBe(true);
  });

  it('a department list that ended early is caught by a user whose group_details names a department it did not bring, and plans no create_group (issue 26 #1)', async () => {
    mockPhaseOne({
      userPages: [{ items: [ada({ group_details: [{ group_id: '502', group_type: 'department', role: 'operator' }] })] }],
      departments: [{ id: '501', name: 'Sales', office_id: '1' }],
    });
    const desired = desiredState({
      offices: [office('hq', { name: 'Acme HQ' })],
      groups: [group('sales', 'department'), group('legal', 'department')],
      users: [user('ada@acme.com', { departments: [{ group: 'legal', role: 'operator' }] })],
    });
    nock(BASE).get('/api/v2/departments').query({ name_search: 'Legal' }).reply(200, {});
    const { plan, read } = await planAgainstLive({ client: client(), desired, now: NOW });
    expect(read.partialLists).toEqual(['departments']);
    expect(read.incomplete).toEqual([expect.stringMatching(/^departments: cross-check failed: .*department 502 \(named by user 11's group_details\)/)]);
    expect(plan.operations.map((o) => o.kind)).not.toContain('create_group');
    expect(plan.operations.map((o) => o.kind)).not.toContain('add_operator');
    expect(plan.violations.find((v) => v.code === 'incomplete_live_read')?.message).toMatch(/1 create \(department Legal\) was left out/);
  });

  it('an office list that ended early is caught by a user office_id and admin_office_ids it does not hold (issue 26 #1)', async () => {
    mockPhaseOne({ userPages: [{ items: [ada({ office_id: '2' }), bob({ admin_office_ids: ['3'] })] }] });
    const live = await fetchLive(client());
    expect(live.partialLists).toEqual(['offices']);
    expect(live.incomplete).toEqual([
      expect.stringMatching(/^offices: cross-check failed: the list did not bring office 2 \(named by user 11's office_id\), office 3 \(named by user 12's admin_office_ids\)/),
    ]);
  });

  it('a number read whose target_id is a user the list did not bring makes the users list partial (issue 26 #1)', async () => {
    mockPhaseOne({ userPages: [{ items: [ada()], cursor: 'p2' }, {}] });
    nock(BASE).get('/api/v2/numbers/%2B14155550123').reply(200, { number: '+14155550123', office_id: '1', status: 'user', target_id: '12', target_type: 'user' });
    const live = await fetchLive(client(), { followUp: () => ({ offices: [], numbers: ['+14155550123'] }) });
    expect(live.partialLists).toEqual(['users']);
    expect(live.incomplete[0]).toMatch(/user 12 \(named by number \+14155550123's target_id\)/);
  });

  it('a users list of exactly one page that ends on an empty {} page is complete when every cross-check holds (issue 26 #1, no false alarm)', async () => {
    mockPhaseOne({
      userPages: [{ items: [ada({ group_details: [{ group_id: '501', group_type: 'department', role: 'operator' }] })], cursor: 'p2' }, {}],
      departments: [{ id: '501', name: 'Sales', office_id: '1' }],
    });
    const lookup = mockLookup('new.hire@acme.com', []);
    mockOfficeLicenses();
    const desired = desiredState({ offices: [office('hq', { name: 'Acme HQ' })], users: [user('ada@acme.com'), user('new.hire@acme.com')], groupSections: [] });
    const { plan, read } = await planAgainstLive({ client: client(), desired, now: NOW });
    expect(lookup.isDone()).toBe(true);
    expect(read.incomplete).toEqual([]);
    expect(read.partialLists).toBeUndefined();
    expect(plan.operations.filter((o) => o.kind === 'create_user').map((o) => (o as { email: string }).email)).toEqual(['new.hire@acme.com']);
  });

  it('a users list whose second page fails for good withholds the creates, with the numbers they would get (issue 26 #1)', async () => {
    mockPhaseOne({ userPages: [{ items: [ada()], cursor: 'p2' }] });
    nock(BASE).get('/api/v2/users').query({ state: 'all', cursor: 'p2' }).times(2).reply(503, { error: { message: 'down' } });
    mockLookup('bob@acme.com', []);
    mockOfficeLicenses();
    nock(BASE).get('/api/v2/numbers/%2B14155550123').reply(404, { error: { message: 'not found' } });
    const desired = desiredState({ offices: [office('hq', { name: 'Acme HQ' })], users: [user('ada@acme.com'), user('bob@acme.com', { numbers: ['+14155550123'] })] });
    const { plan, read } = await planAgainstLive({ client: client(), desired, now: NOW });
    expect(read.partialLists).toEqual(['users']);
    expect(plan.operations.map((o) => o.kind)).toEqual([]);
    expect(plan.violations.find((v) => v.code === 'incomplete_live_read')?.message).toMatch(/1 create \(user bob@acme.com\) was left out/);
  });

  it('apply looks a user up by email before creating them, and refuses one Dialpad already has (issue 26 #1)', async () => {
    mockLookup('bob@acme.com', [bob()]);
    const create = nock(BASE).post('/api/v2/users').reply(200, bob());
    const api = createApplyApi(client());
    await expect(api.createUser({ email: 'bob@acme.com', officeId: '1', firstName: 'bob', lastName: 'Test', license: 'talk' })).rejects.toMatchObject({
      code: 'live_read_incomplete',
      message: expect.stringMatching(/create user bob@acme.com: Dialpad already has this user \(id 12\).*Nothing was created/),
    });
    expect(create.isDone()).toBe(false);
  });

  it('apply creates a user whose email lookup finds no one (issue 26 #1)', async () => {
    mockLookup('new.hire@acme.com', [bob({ state: 'deleted', emails: ['new.hire@acme.com'] })]);
    const create = nock(BASE).post('/api/v2/users').reply(200, { ...bob(), id: '13', emails: ['new.hire@acme.com'] });
    const api = createApplyApi(client());
    await expect(api.createUser({ email: 'new.hire@acme.com', officeId: '1', firstName: 'n', lastName: 'h', license: 'talk' })).resolves.toEqual({ id: '13', answer: { license: 'talk', officeId: '1', state: 'active' } });
    expect(create.isDone()).toBe(true);
  });
});

describe('a list item missing a field the planner matches on passes (issue 26 #2)', () => {
  it('a call center without office_id makes the read incomplete, and the plan neither deletes nor recreates it (issue 26 #2)', async () => {
    mockPhaseOne({ userPages: [{ items: [ada()] }], callCenters: [{ id: '7101', name: 'Support' }] });
    const desired = desiredState({
      offices: [office('hq', { name: 'Acme HQ' })],
      groups: [group('support', 'call_center')],
      users: [user('ada@acme.com')],
      policy: { unmanagedGroups: 'delete' },
    });
    nock(BASE).get('/api/v2/callcenters').query({ name_search: 'Support' }).reply(200, {});
    const { plan, read } = await planAgainstLive({ client: client(), desired, now: NOW });
    expect(read.incomplete).toEqual([expect.stringMatching(/^call centers after reading 0 item\(s\): .*item 1: call center 7101 has no office_id, which the plan matches call centers on/)]);
    expect(plan.operations.map((o) => o.kind)).not.toContain('delete_group');
    expect(plan.operations.map((o) => o.kind)).not.toContain('create_group');
    expect(plan.summary.blocked).toBe(true);
  });

  it.each([
    ['a call center without name', { callCenters: [{ id: '7101', office_id: '1' }] }, /call center 7101 has no name/],
    ['a department with an empty name', { departments: [{ id: '501', name: ' ', office_id: '1' }] }, /department 501 has no name/],
    ['a user without emails', { userPages: [{ items: [ada({ emails: undefined })] }] }, /user 11 has no emails/],
    ['a user with an empty emails list', { userPages: [{ items: [ada({ emails: [] })] }] }, /user 11 has no emails/],
    ['a user without office_id', { userPages: [{ items: [ada({ office_id: null })] }] }, /user 11 has no office_id/],
    ['an office without name', { officePages: [{ items: [HQ], cursor: 'p2' }, { items: [{ id: '2', country: 'us' }] }] }, /office 2 has no name/],
  ])('%s makes the read incomplete (issue 26 #2)', async (_what, lists, problem) => {
    mockPhaseOne({ userPages: [{ items: [ada()] }], ...lists });
    await expect(fetchLive(client()).then((live) => live.incomplete.join('; '))).resolves.toMatch(problem);
  });

  it('a deleted user without emails (anonymized) is no lying list item (issue 26 #2)', async () => {
    mockPhaseOne({ userPages: [{ items: [ada(), bob({ state: 'deleted', emails: undefined })] }] });
    const live = await fetchLive(client());
    expect(live.incomplete).toEqual([]);
    expect(live.tenant.users.map((u) => u.email)).toEqual(['ada@acme.com']);
  });
});
