import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDialpadClient, fetchLive, type RequestEvent } from '../../src/dialpad/index.js';
import { READ_EVERY_OFFICE } from '../support/read-scopes.js';
import { contract, matchOperation, validateParameters, validateRequest, validateResponse } from '../support/contract.js';

const BASE = 'https://dialpad.test';

const user = { id: '11', company_id: '100', office_id: '1', emails: ['ada@acme.com'], first_name: 'Ada', last_name: 'L', license: 'talk', state: 'active', phone_numbers: ['+14155550101'], admin_office_ids: ['1'], is_super_admin: false };
const office = { id: '1', office_id: '1', name: 'Acme HQ', country: 'us', is_primary_office: true, state: 'active' };
const number = { number: '+14155550101', office_id: '1', company_id: '100', status: 'user', target_id: '11', target_type: 'user', type: 'local' };
const plan = { talk_lines: '10', sell_lines: '2', contact_center_lines: '0', balance: '0.00' };
const department = { id: '501', name: 'Sales', office_id: '1', phone_numbers: [], state: 'active' };
const callCenter = { id: '601', name: 'Support', office_id: '1', phone_numbers: [], state: 'active' };
const operator = { id: '11', company_id: '100', office_id: '1', name: 'Ada L', state: 'active', phone_numbers: [] };
const e911 = { address: '3001 BISHOP DR', address2: 'ste 120', city: 'SAN RAMON', country: 'us', state: 'ca', zip: '94583' };
const skill = { call_center_id: '601', user_id: '11', skill_level: '80' };

/** Replies shaped like the spec's examples, for every endpoint the client calls. */
function mockEverything(): void {
  const scope = nock(BASE).persist();
  scope.get('/api/v2/company').reply(200, { id: '100', name: 'Acme', account_type: 'pro', office_count: '1', state: 'active' });
  scope.get('/api/v2/offices').query(true).reply(200, { items: [office] });
  scope.get('/api/v2/offices/1').reply(200, office);
  scope.post('/api/v2/offices').reply(200, { office: { ...office, id: '2', office_id: '2', name: 'Acme Paris', country: 'fr' }, plan });
  scope.get('/api/v2/offices/1/plan').reply(200, plan);
  scope.get('/api/v2/offices/1/available_licenses').reply(200, { talk_lines: '3' });
  scope.get('/api/v2/users').query(true).reply(200, { items: [user] });
  scope.get('/api/v2/users/11').reply(200, user);
  scope.post('/api/v2/users').reply(200, user);
  scope.patch('/api/v2/users/11').reply(200, user);
  scope.delete('/api/v2/users/11').reply(200, { ...user, state: 'deleted' });
  scope.patch('/api/v2/users/11/move_office').reply(200, user);
  const callerId = { id: '11', caller_id: '+14155550101', phone_numbers: ['+14155550101'], office_main_line: '+14155550100', groups: [{ caller_id: '+14155550177', display_name: 'Support' }] };
  scope.get('/api/v2/users/11/caller_id').reply(200, callerId);
  scope.post('/api/v2/users/11/caller_id').reply(200, { ...callerId, caller_id: 'blocked' });
  scope.post('/api/v2/users/11/assign_number').reply(200, number);
  scope.post('/api/v2/users/11/unassign_number').reply(200, { ...number, status: 'available', target_id: undefined, target_type: undefined });
  scope.get('/api/v2/numbers').query(true).reply(200, { items: [number] });
  scope.get('/api/v2/numbers/%2B14155550101').reply(200, number);
  scope.delete('/api/v2/numbers/%2B14155550101').query(true).reply(200, { ...number, deleted: true });
  for (const [kind, group] of [['departments', department], ['callcenters', callCenter]] as const) {
    scope.get(`/api/v2/${kind}`).query(true).reply(200, { items: [group] });
    scope.get(`/api/v2/${kind}/${group.id}`).reply(200, group);
    scope.post(`/api/v2/${kind}`).reply(200, group);
    scope.patch(`/api/v2/${kind}/${group.id}`).reply(200, group);
    scope.delete(`/api/v2/${kind}/${group.id}`).reply(200, group);
    scope.post(`/api/v2/${kind}/${group.id}/operators`).reply(200, operator);
    scope.delete(`/api/v2/${kind}/${group.id}/operators`).reply(200, operator);
  }
  scope.get('/api/v2/callcenters/601/operators/11/skill').reply(200, skill);
  scope.get('/api/v2/offices/1/e911').reply(200, e911);
  scope.put('/api/v2/offices/1/e911').reply(200, e911);
  scope.get('/api/v2/users/11/e911').reply(200, e911);
  scope.put('/api/v2/users/11/e911').reply(200, e911);
  scope.patch('/api/v2/callcenters/601/operators/11/skill').reply(200, skill);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

describe('every request the client makes matches the OpenAPI contract', () => {
  it('covers every contract operation, with valid parameters, bodies and (mocked) responses', async () => {
    mockEverything();
    const events: RequestEvent[] = [];
    const client = createDialpadClient({ baseUrl: BASE, apiKey: 'k', rateLimit: 1000, onRequest: (e) => events.push(e) });
    await fetchLive(client, READ_EVERY_OFFICE);
    await client.getOffice('1');
    await client.createOffice({
      name: 'Acme Paris', country: 'FR', currency: 'EUR', plan_period: 'monthly', annual_commit_monthly_billing: false,
      invoiced: false, unified_billing: true,
      billing_address: { address_line_1: '1 rue X', city: 'Paris', country: 'FR', postal_code: '75001', region: 'IDF' },
      e911_address: { address: '1 rue X', city: 'Paris', country: 'FR', state: 'IDF', zip: '75001' },
      timezone: 'Europe/Paris',
    });
    await client.listUsers({ email: 'ada@acme.com' });
    await client.getUser('11');
    await client.createUser({ email: 'ada@acme.com', office_id: '1', first_name: 'Ada', last_name: 'L', license: 'talk' });
    await client.updateUser('11', { first_name: 'Ada', emails: ['ada.l@acme.com', 'ada@acme.com'], license: 'agents', is_super_admin: true, admin_office_ids: ['1'], state: 'suspended' });
    await client.updateUser('11', { extension: '101', job_title: 'Engineer', forwarding_numbers: ['+14155550199'], international_dialing_enabled: false });
    await client.getCallerId('11');
    await client.setCallerId('11', 'blocked');
    await client.moveUserOffice('11', '1');
    await client.assignUserNumber('11', { number: '+14155550101', primary: true });
    await client.unassignUserNumber('11', '+14155550101');
    await client.listNumbers({ status: 'available' });
    await client.getNumber('+14155550101');
    await client.releaseNumber('+14155550101');
    await client.deleteUser('11');
    for (const kind of ['departments', 'callcenters'] as const) {
      const id = kind === 'departments' ? '501' : '601';
      await client.getGroup(kind, id);
      await client.createGroup(kind, { name: 'Support', office_id: '1' });
      await client.renameGroup(kind, id, 'Help');
      await client.removeOperator(kind, id, '11');
      await client.deleteGroup(kind, id);
    }
    await client.addDepartmentOperator('501', { operator_id: '11', operator_type: 'user', role: 'operator' });
    await client.addCallCenterOperator('601', { user_id: '11', role: 'supervisor', skill_level: 80, license_type: 'agents' });
    await client.getOperatorSkill('601', '11');
    await client.setOperatorSkill('601', '11', 90);
    const address = { address: '3001 Bishop Dr', address2: 'ste 120', city: 'San Ramon', state: 'CA', zip: '94583', country: 'US' };
    await client.getOfficeE911('1');
    await client.setOfficeE911('1', { ...address, update_all: false, use_validated_option: false });
    await client.getUserE911('11');
    await client.setUserE911('11', { ...address, use_validated_option: false });

    const covered = new Set<string>();
    const problems: string[] = [];
    for (const e of events) {
      const m = matchOperation(e.method, e.path);
      if (!m) {
        problems.push(`${e.method} ${e.path}: no such operation`);
        continue;
      }
      covered.add(m.op.operationId);
      const checks = [validateParameters(m.op, m.pathParams, e.query), validateRequest(m.op, e.body), validateResponse(m.op, e.response, { strict: true })];
      for (const r of checks) problems.push(...r.errors.map((err) => `${m.op.operationId}: ${err}`));
    }
    expect(problems).toEqual([]);
    expect([...covered].sort()).toEqual(contract.operations.map((o) => o.operationId).sort());
  });
});

describe('the contract catches renamed fields', () => {
  const op = (id: string) => {
    const found = contract.operations.find((o) => o.operationId === id);
    if (!found) throw new Error(id);
    return found;
  };

  it('accepts int64 as string or number and rejects non-numeric strings', () => {
    expect(validateRequest(op('users.create'), { email: 'a@b.c', office_id: '12' }).ok).toBe(true);
    expect(validateRequest(op('users.create'), { email: 'a@b.c', office_id: 12 }).ok).toBe(true);
    expect(validateRequest(op('users.create'), { email: 'a@b.c', office_id: 'hq' }).ok).toBe(false);
  });

  it('rejects first_name → firstname in a create_user body', () => {
    const r = validateRequest(op('users.create'), { email: 'a@b.c', office_id: '1', firstname: 'Ada' });
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toContain('firstname');
  });

  it('rejects a request missing a required field', () => {
    expect(validateRequest(op('users.create'), { email: 'a@b.c' }).ok).toBe(false);
  });

  it('rejects office_id → officeId in a user response when strict (the spec itself allows extra properties)', () => {
    const renamed = { id: '1', officeId: '2', emails: ['a@b.c'] };
    expect(validateResponse(op('users.get'), renamed).ok).toBe(true);
    const strict = validateResponse(op('users.get'), renamed, { strict: true });
    expect(strict.ok).toBe(false);
    expect(strict.errors.join('\n')).toContain('officeId');
    expect(validateResponse(op('users.get'), { id: '1', office_id: '2' }, { strict: true }).ok).toBe(true);
  });

  it('checks nested collection items and enums', () => {
    expect(validateResponse(op('users.list'), { items: [{ id: '1', state: 'gone' }] }).ok).toBe(false);
    expect(validateResponse(op('users.list'), { items: [{ id: '1', state: 'deleted' }], cursor: null }).ok).toBe(true);
  });

  it('flags an undeclared query parameter', () => {
    const m = matchOperation('GET', '/api/v2/users');
    expect(m).toBeDefined();
    expect(validateParameters(m!.op, m!.pathParams, { limit: '100' }).ok).toBe(false);
    expect(validateParameters(m!.op, m!.pathParams, { state: 'all', cursor: 'x' }).ok).toBe(true);
  });
});
