import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, parseFixture, type RunningEmulator } from '../../src/emulator/index.js';
import { createContractChecker, readContract } from '../support/contract.js';

/**
 * The emulator's caller-ID endpoints against Dialpad's OpenAPI description
 * (`dialpad-caller-id-contract.json`, derived by `scripts/derive-contract.ts … emulator-caller-id`):
 * request bodies are the official message, answers validate strictly against `CallerIdProto`, and
 * a caller ID is only a number the user, their office or one of their groups holds, or `blocked`.
 */
const contract = readContract('dialpad-caller-id-contract.json');
const checker = createContractChecker(contract);
const HQ = '6100000000000001';
const AGENT = '7100000000000002';

const FIXTURE = {
  company: { id: '5000000000000001', name: 'Acme Inc', account_type: 'pro' },
  offices: [{ id: HQ, name: 'Acme HQ', country: 'us', is_primary_office: true, phone_numbers: ['+14155550100'], licenses: { talk_lines: 3, sell_lines: 1 } }],
  users: [
    { id: '7100000000000001', emails: ['ceo@acme.com'], first_name: 'Cee', last_name: 'Eo', office_id: HQ, license: 'talk', phone_numbers: ['+14155550101'] },
    { id: AGENT, emails: ['agent@acme.com'], first_name: 'Ann', last_name: 'Agent', office_id: HQ, license: 'agents', phone_numbers: ['+14155550102'] },
  ],
  numbers: [
    { number: '+14155550101', status: 'user', office_id: HQ, target_type: 'user', target_id: '7100000000000001' },
    { number: '+14155550102', status: 'user', office_id: HQ, target_type: 'user', target_id: AGENT },
    { number: '+14155550177', status: 'call_center', office_id: HQ, target_type: 'callcenter', target_id: '8200000000000001' },
  ],
  call_centers: [{ id: '8200000000000001', name: 'Support', office_id: HQ, phone_numbers: ['+14155550177'], operators: [{ user_id: AGENT, role: 'operator' }] }],
};

let running: RunningEmulator;

async function call(method: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const path = `/api/v2/users/${AGENT}/caller_id`;
  const res = await fetch(`${running.url}${path}`, {
    method,
    headers: { authorization: 'Bearer contract-key', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = { status: res.status, body: (await res.json()) as Record<string, unknown> };
  const m = checker.matchOperation(method, path);
  expect(m, `${method} ${path} is a contract operation`).toBeDefined();
  if (m !== undefined) {
    expect(checker.validateRequest(m.op, body).errors).toEqual([]);
    if (answer.status === 200) expect(checker.validateResponse(m.op, answer.body, { strict: true }).errors).toEqual([]);
  }
  return answer;
}

beforeAll(async () => {
  running = await createEmulator({ fixture: parseFixture(JSON.stringify(FIXTURE), 'caller-id-contract.json'), rateLimit: 0 }).listen(0, '127.0.0.1');
});

afterAll(async () => {
  await running?.close();
});

describe('caller-ID endpoints against the official OpenAPI description (issue 29)', () => {
  it('shows what the user may present, and sets a group number, the office line and blocked', async () => {
    const read = await call('GET');
    expect(read).toMatchObject({
      status: 200,
      body: { caller_id: '+14155550102', office_main_line: '+14155550100', phone_numbers: ['+14155550102'], groups: [{ caller_id: '+14155550177', display_name: 'Support' }] },
    });
    for (const number of ['+14155550177', '+14155550100', 'blocked', '+14155550102']) {
      expect(await call('POST', { caller_id: number })).toMatchObject({ status: 200, body: { caller_id: number } });
      expect((await call('GET')).body['caller_id']).toBe(number);
    }
  });

  it('refuses a number nobody the user presents for holds, and another user number', async () => {
    for (const number of ['+14155550199', '+14155550101']) {
      const refused = await call('POST', { caller_id: number });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('is not a number this user, their office or one of their groups holds');
    }
  });

  it('keeps the caller ID out of the user read, where the spec has no such field', async () => {
    const res = await fetch(`${running.url}/api/v2/users/${AGENT}`, { headers: { authorization: 'Bearer contract-key' } });
    expect(Object.keys((await res.json()) as object)).not.toContain('caller_id');
  });
});
