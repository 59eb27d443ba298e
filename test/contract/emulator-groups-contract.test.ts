import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, parseFixture, type RunningEmulator } from '../../src/emulator/index.js';
import { NEWER_SPEC_FIELDS, createContractChecker, readContract } from '../support/contract.js';

/**
 * The emulator's department and call-center endpoints against Dialpad's OpenAPI description
 * (`dialpad-groups-contract.json`, derived by `scripts/derive-contract.ts … emulator-groups`):
 * every request body sent is the official message (strict), and every answer validates strictly
 * against the official response schema.
 */
const groups = readContract('dialpad-groups-contract.json');
const checker = createContractChecker(groups);

const FIXTURE = {
  company: { id: '5000000000000001', name: 'Acme Inc', account_type: 'pro' },
  offices: [{ id: '6100000000000001', name: 'Acme HQ', country: 'us', is_primary_office: true, licenses: { talk_lines: 3, sell_lines: 2 } }],
  users: [
    { id: '7100000000000001', emails: ['ceo@acme.com'], first_name: 'Cee', last_name: 'Eo', office_id: '6100000000000001', license: 'talk',
      admin_office_ids: ['6100000000000001'], phone_numbers: ['+14155550101'] },
    { id: '7100000000000002', emails: ['agent@acme.com'], first_name: 'Ann', last_name: 'Agent', office_id: '6100000000000001', license: 'agents' },
    { id: '7100000000000003', emails: ['rep@acme.com'], first_name: 'Rep', last_name: 'Sales', office_id: '6100000000000001', license: 'talk' },
  ],
  numbers: [{ number: '+14155550177', status: 'department', office_id: '6100000000000001', target_type: 'department', target_id: '8100000000000001' }],
  departments: [{ id: '8100000000000001', name: 'Sales', office_id: '6100000000000001', operators: [{ user_id: '7100000000000001', role: 'admin' }] }],
  call_centers: [
    { id: '8200000000000001', name: 'Support', office_id: '6100000000000001', operators: [{ user_id: '7100000000000002', role: 'supervisor', skill_level: 80 }] },
  ],
};

interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  response: unknown;
}

let running: RunningEmulator;
const exchanges: Exchange[] = [];

async function call(method: string, pathAndQuery: string, body?: unknown): Promise<Record<string, unknown>> {
  const url = new URL(`${running.url}/api/v2${pathAndQuery}`);
  const res = await fetch(url, {
    method,
    headers: { authorization: 'Bearer contract-key', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = (await res.json()) as Record<string, unknown>;
  exchanges.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, status: res.status, response });
  return response;
}

beforeAll(async () => {
  running = await createEmulator({ fixture: parseFixture(JSON.stringify(FIXTURE), 'groups-contract.json'), rateLimit: 0 }).listen(0, '127.0.0.1');
});

afterAll(async () => {
  await running?.close();
});

/** Every recorded exchange checked against the contract; returns the problems found. */
function checkExchanges(): string[] {
  const problems: string[] = [];
  for (const e of exchanges) {
    const m = checker.matchOperation(e.method, e.path);
    if (!m) {
      problems.push(`${e.method} ${e.path}: not a contract operation`);
      continue;
    }
    const id = m.op.operationId;
    if (e.status !== 200) problems.push(`${id}: HTTP ${e.status} ${JSON.stringify(e.response)}`);
    for (const r of [
      checker.validateParameters(m.op, m.pathParams, e.query),
      checker.validateRequest(m.op, e.body),
      ...(e.status === 200 ? [checker.validateResponse(m.op, e.response, { strict: true, allowExtra: NEWER_SPEC_FIELDS })] : []),
    ]) {
      problems.push(...r.errors.map((err) => `${id}: ${err}`));
    }
  }
  return problems;
}

describe('department and call-center endpoints against the official OpenAPI description (issue 19 #13)', () => {
  it('sends official shapes for every operation, and accepts the official messages', async () => {
    const hq = '6100000000000001';
    const dept = await call('POST', '/departments', { name: 'Billing', office_id: hq, ring_seconds: 25, hours_on: false, group_description: 'Invoices' });
    const deptId = String(dept['id']);
    await call('GET', `/departments?office_id=${hq}&name_search=bill`);
    await call('GET', `/offices/${hq}/departments`);
    await call('GET', '/departments/8100000000000001');
    await call('PATCH', `/departments/${deptId}`, { name: 'Billing desk', auto_call_recording: true });
    await call('POST', `/departments/${deptId}/operators`, { operator_id: '7100000000000003', operator_type: 'user', role: 'operator' });
    await call('GET', `/departments/${deptId}/operators`);
    await call('DELETE', `/departments/${deptId}/operators`, { operator_id: '7100000000000003', operator_type: 'user' });
    await call('DELETE', `/departments/${deptId}`);

    const cc = await call('POST', '/callcenters', { name: 'Escalations', office_id: hq, ring_seconds: 30, hold_queue: { max_hold_count: 10, announce_position: true } });
    const ccId = String(cc['id']);
    await call('GET', `/callcenters?office_id=${hq}&name_search=esc`);
    await call('GET', `/offices/${hq}/callcenters`);
    await call('GET', `/callcenters/${ccId}`);
    await call('PATCH', `/callcenters/${ccId}`, { name: 'Escalation desk', group_description: 'Tier 2' });
    await call('POST', `/callcenters/${ccId}/operators`, { user_id: '7100000000000003', role: 'supervisor', skill_level: 70, license_type: 'agents', keep_paid_numbers: true });
    await call('GET', `/callcenters/${ccId}/operators`);
    await call('GET', `/callcenters/${ccId}/operators/7100000000000003/skill`);
    await call('PATCH', `/callcenters/${ccId}/operators/7100000000000003/skill`, { skill_level: 90 });
    await call('DELETE', `/callcenters/${ccId}/operators`, { user_id: '7100000000000003' });
    await call('DELETE', `/callcenters/${ccId}`);
    await call('GET', '/callcenters/8200000000000001/operators');

    expect(checkExchanges()).toEqual([]);
    const covered = new Set(exchanges.map((e) => checker.matchOperation(e.method, e.path)?.op.operationId));
    expect([...covered].sort()).toEqual(groups.operations.map((o) => o.operationId).sort());
  });
});
