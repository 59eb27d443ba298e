import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createDialpadClient, fetchLive, type LiveReadScope } from '../../src/dialpad/index.js';
import { LINE_TYPES, type LineCounts, type LiveState } from '../../src/model/tenant.js';
import { planAgainstLive } from '../../src/plan-against-live.js';
import { desiredState, group, office, user } from '../support/builders.js';

/** Every license kind, 0 unless given: what the reader makes of PlanProto / AvailableLicensesProto. */
function lines(counts: LineCounts): Required<LineCounts> {
  return { ...(Object.fromEntries(LINE_TYPES.map((l) => [l, 0])) as Required<LineCounts>), ...counts };
}

const BASE = 'https://dialpad.test';

function client() {
  return createDialpadClient({ baseUrl: BASE, apiKey: 'k-fetch-live', rateLimit: 1000, retry: { maxAttempts: 2, baseMs: 1 } });
}

function mockCompanyAndOffices(): void {
  nock(BASE).get('/api/v2/company').reply(200, { id: '100', name: 'Acme', account_type: 'pro' });
  nock(BASE)
    .get('/api/v2/offices')
    .reply(200, {
      items: [
        { id: '1', office_id: '1', name: 'acme hq', country: 'us', is_primary_office: true },
        { id: '2', office_id: '2', name: 'Acme London', country: 'gb' },
      ],
    });
  nock(BASE)
    .get('/api/v2/numbers')
    .query({ status: 'available' })
    .reply(200, { items: [{ number: '+14155550100', office_id: '1', status: 'available', type: 'local' }] });
  mockGroups();
}

/** Phase 2 as `scope` asks: office 1 with available licenses, office 2's plan only, one number. */
function mockPhaseTwo(): void {
  nock(BASE).get('/api/v2/offices/1/plan').reply(200, { talk_lines: '10', sell_lines: '2', uberconference_lines: '4', fax_lines: '1' });
  nock(BASE).get('/api/v2/offices/1/available_licenses').reply(200, { talk_lines: '3', uberconference_lines: '2' });
  nock(BASE).get('/api/v2/offices/2/plan').reply(200, { talk_lines: 5, contact_center_lines: '1' });
  nock(BASE)
    .get('/api/v2/numbers/%2B14155550199')
    .reply(200, { number: '+14155550199', office_id: '1', status: 'office', target_id: '1', target_type: 'office', type: 'local' });
}

/** Asks phase 2 for `mockPhaseTwo`'s reads, recording the phase-1 state it was given. */
function scopeOfPhaseTwo(seen: LiveState[]): LiveReadScope {
  return {
    followUp: (phaseOne) => {
      seen.push(phaseOne);
      return { offices: [{ id: '1', available: true }, { id: '2', available: { talk: 5 } }], numbers: ['+14155550199'] };
    },
  };
}

/** The group lists, empty unless given. */
function mockGroups(departments: unknown[] = [], callCenters: unknown[] = []): void {
  nock(BASE).get('/api/v2/departments').reply(200, { items: departments });
  nock(BASE).get('/api/v2/callcenters').reply(200, { items: callCenters });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

describe('fetchLive', () => {
  it('reads departments and call centers company-wide, and memberships from group_details (issue 19 #3)', async () => {
    nock(BASE).get('/api/v2/company').reply(200, { id: '100', name: 'Acme', account_type: 'pro' });
    nock(BASE).get('/api/v2/offices').reply(200, { items: [{ id: '1', name: 'Acme HQ', country: 'us' }] });
    nock(BASE).get('/api/v2/numbers').query({ status: 'available' }).reply(200, { items: [] });
    mockGroups([{ id: '501', name: 'Sales', office_id: '1' }], [{ id: '601', name: 'Support', office_id: '1' }]);
    nock(BASE)
      .get('/api/v2/users')
      .query({ state: 'all' })
      .reply(200, {
        items: [
          {
            id: '11', emails: ['ada@acme.com'], office_id: '1', license: 'agents',
            group_details: [
              { group_id: '601', group_type: 'callcenter', role: 'supervisor', do_not_disturb: false },
              { group_id: '501', group_type: 'department', role: 'operator', do_not_disturb: false },
              { group_id: '1', group_type: 'office', role: 'admin', do_not_disturb: false },
            ],
          },
        ],
      });
    const live = await fetchLive(client());
    expect(live.incomplete).toEqual([]);
    expect(live.tenant.groups).toEqual([
      { key: 'call_center:601', type: 'call_center', id: '601', name: 'Support', office: 'id:1' },
      { key: 'department:501', type: 'department', id: '501', name: 'Sales', office: 'id:1' },
    ]);
    const [ada] = live.tenant.users;
    expect(ada?.departments).toEqual([{ group: 'department:501', role: 'operator' }]);
    expect(ada?.callCenters).toEqual([{ group: 'call_center:601', role: 'supervisor' }]);
  });

  it('reads phase 1, then what the scope asks for, and normalizes it into the Tenant model, keyed by live ids', async () => {
    mockCompanyAndOffices();
    mockPhaseTwo();
    nock(BASE)
      .get('/api/v2/users')
      .query({ state: 'all' })
      .reply(200, {
        items: [
          { id: '12', emails: ['Zed@Acme.com'], first_name: 'Zed', last_name: 'Z', office_id: '2', license: 'agents', state: 'suspended' },
          {
            id: '11', emails: ['Ada@Acme.com', 'ada.old@acme.com'], first_name: 'Ada', last_name: 'Lovelace', office_id: '1',
            license: 'talk', state: 'active', is_super_admin: true, admin_office_ids: ['2', '1'], phone_numbers: ['+14155550101'],
          },
        ],
      });
    const seen: LiveState[] = [];
    const live = await fetchLive(client(), scopeOfPhaseTwo(seen));
    expect(live.incomplete).toEqual([]);
    expect(nock.isDone()).toBe(true);
    expect(seen.map((s) => s.tenant.offices.map((o) => o.licenses.talk))).toEqual([[0, 0]]);
    expect(live.tenant.company).toEqual({ id: '100', name: 'Acme', accountType: 'pro' });
    // Office 2 has no more talk lines than declared: its available licenses are not read.
    expect(live.tenant.offices).toEqual([
      { key: 'id:1', id: '1', name: 'acme hq', country: 'US', licenses: lines({ talk: 10, sell: 2, ai_meetings: 4, fax: 1 }), available: lines({ talk: 3, ai_meetings: 2 }), primary: true },
      { key: 'id:2', id: '2', name: 'Acme London', country: 'GB', licenses: lines({ talk: 5, contact_center: 1 }) },
    ]);
    expect(live.tenant.users).toEqual([
      {
        email: 'ada@acme.com', id: '11', firstName: 'Ada', lastName: 'Lovelace', office: 'id:1', license: 'talk',
        admin: { company: true, offices: ['id:1', 'id:2'] }, state: 'active', numbers: ['+14155550101'],
      },
      {
        email: 'zed@acme.com', id: '12', firstName: 'Zed', lastName: 'Z', office: 'id:2', license: 'agents',
        admin: { company: false, offices: [] }, state: 'suspended', numbers: [],
      },
    ]);
    expect(live.tenant.numbers).toEqual([
      { number: '+14155550100', status: 'available', office: 'id:1', type: 'local' },
      { number: '+14155550199', status: 'office', office: 'id:1', targetType: 'office', targetId: '1', type: 'local' },
    ]);
  });

  it('reads available licenses of an office with more licenses than declared, and leaves out a number the company does not have (issue 15 #1)', async () => {
    mockCompanyAndOffices();
    nock(BASE).get('/api/v2/users').query({ state: 'all' }).reply(200, { items: [] });
    nock(BASE).get('/api/v2/offices/2/plan').reply(200, { talk_lines: '7' });
    nock(BASE).get('/api/v2/offices/2/available_licenses').reply(200, { talk_lines: '2' });
    nock(BASE).get('/api/v2/numbers/%2B14155550177').reply(404, { error: { message: 'not found' } });
    const scope: LiveReadScope = { followUp: () => ({ offices: [{ id: '2', available: { talk: 5 } }], numbers: ['+14155550177'] }) };
    const live = await fetchLive(client(), scope);
    expect(nock.isDone()).toBe(true);
    expect(live.incomplete).toEqual([]);
    expect(live.tenant.offices.find((o) => o.id === '2')).toMatchObject({ licenses: { talk: 7 }, available: { talk: 2 } });
    expect(live.tenant.offices.find((o) => o.id === '1')).toMatchObject({ licenses: lines({}) });
    expect(live.tenant.numbers.map((n) => n.number)).toEqual(['+14155550100']);
  });

  it('reads an office asked for early and again in phase 2 once, adding only what phase 2 adds (issue 15 #1)', async () => {
    mockCompanyAndOffices();
    nock(BASE).get('/api/v2/users').query({ state: 'all' }).reply(200, { items: [] });
    nock(BASE).get('/api/v2/offices/2/plan').once().reply(200, { talk_lines: '5' });
    nock(BASE).get('/api/v2/offices/2/available_licenses').once().reply(200, { talk_lines: '1' });
    const scope: LiveReadScope = {
      early: () => ({ offices: [{ id: '2', available: { talk: 5 } }], numbers: [] }),
      followUp: () => ({ offices: [{ id: '2', available: true }], numbers: [] }),
    };
    const live = await fetchLive(client(), scope);
    expect(nock.isDone()).toBe(true);
    expect(live.incomplete).toEqual([]);
    expect(live.tenant.offices.find((o) => o.id === '2')).toMatchObject({ licenses: { talk: 5 }, available: { talk: 1 } });
  });

  it('records a failed phase-2 read in incomplete (issue 15 #1)', async () => {
    mockCompanyAndOffices();
    nock(BASE).get('/api/v2/users').query({ state: 'all' }).reply(200, { items: [] });
    nock(BASE).get('/api/v2/offices/1/plan').times(2).reply(503, { error: { message: 'down' } });
    const live = await fetchLive(client(), { followUp: () => ({ offices: [{ id: '1', available: false }], numbers: [] }) });
    expect(live.incomplete).toHaveLength(1);
    expect(live.incomplete[0]).toMatch(/^office acme hq \(1\) plan: .*HTTP 503: down/);
  });

  it('records a list that fails part way in incomplete and keeps what was read', async () => {
    mockCompanyAndOffices();
    nock(BASE).get('/api/v2/users').query({ state: 'all' }).reply(200, { items: [{ id: '11', emails: ['ada@acme.com'], office_id: '1' }], cursor: 'p2' });
    nock(BASE).get('/api/v2/users').query({ state: 'all', cursor: 'p2' }).times(2).reply(500, { error: { message: 'boom' } });
    const live = await fetchLive(client());
    expect(live.tenant.users.map((u) => u.email)).toEqual(['ada@acme.com']);
    expect(live.incomplete).toHaveLength(1);
    expect(live.incomplete[0]).toMatch(/^users after reading 1 item\(s\): .*users\.list.*HTTP 500: boom/);
  });

  it('a skill read that answers no skill_level is an incomplete read, and the plan is blocked (issue 19 review #2)', async () => {
    nock(BASE).get('/api/v2/company').reply(200, { id: '100', name: 'Acme', account_type: 'pro' });
    nock(BASE).get('/api/v2/offices').reply(200, { items: [{ id: '1', name: 'Acme HQ', country: 'us' }] });
    nock(BASE).get('/api/v2/numbers').query({ status: 'available' }).reply(200, { items: [] });
    mockGroups([], [{ id: '601', name: 'Support', office_id: '1' }]);
    nock(BASE)
      .get('/api/v2/users')
      .query({ state: 'all' })
      .reply(200, {
        items: [
          {
            id: '11', emails: ['ada@acme.com'], first_name: 'ada', last_name: 'Test', office_id: '1', license: 'agents', state: 'active',
            group_details: [{ group_id: '601', group_type: 'callcenter', role: 'operator' }],
          },
        ],
      });
    nock(BASE).get('/api/v2/callcenters/601/operators/11/skill').reply(200, {});
    const desired = desiredState({
      offices: [office('hq', { name: 'Acme HQ' })],
      groups: [group('support', 'call_center', { name: 'Support' })],
      users: [user('ada@acme.com', { license: 'agents', callCenters: [{ group: 'support', role: 'supervisor', skill: 80 }] })],
    });
    const { plan, read } = await planAgainstLive({ client: client(), desired, now: new Date('2026-01-01T00:00:00Z') });
    expect(nock.isDone()).toBe(true);
    expect(read.incomplete).toHaveLength(1);
    expect(read.incomplete[0]).toMatch(/^skill level of user 11 in call center 601: .*has no skill_level/);
    expect(plan.violations.map((v) => v.code)).toContain('incomplete_live_read');
  });

  it('throws on 401 instead of returning an empty tenant', async () => {
    nock(BASE).get(/.*/).times(10).reply(401, { error: { message: 'invalid api key' } });
    const err = await fetchLive(client()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe('unauthorized');
  });
});
