import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, parseFixture, type RunningEmulator } from '../../src/emulator/index.js';
import { NEWER_SPEC_FIELDS, createContractChecker, readContract } from '../support/contract.js';

/**
 * How a department or call center answers (hours, routing, hold queue) through the emulator's
 * group endpoints, against Dialpad's OpenAPI description (`dialpad-groups-contract.json`): the
 * messages sent are the official ones (strict), the answers validate strictly, and what the spec
 * rules out is refused with 400.
 */
const checker = createContractChecker(readContract('dialpad-groups-contract.json'));

const FIXTURE = {
  company: { id: '5000000000000001', name: 'Acme Inc', account_type: 'pro' },
  offices: [{ id: '6100000000000001', name: 'Acme HQ', country: 'us', is_primary_office: true, licenses: { talk_lines: 3 } }],
  users: [{ id: '7100000000000001', emails: ['ceo@acme.com'], first_name: 'Cee', last_name: 'Eo', office_id: '6100000000000001', license: 'talk' }],
  numbers: [],
  departments: [{ id: '8100000000000001', name: 'Sales', office_id: '6100000000000001', operators: [] }],
  call_centers: [{ id: '8200000000000001', name: 'Support', office_id: '6100000000000001', operators: [] }],
};

let running: RunningEmulator;
const exchanges: { method: string; path: string; body: unknown; status: number; response: unknown }[] = [];

async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${running.url}/api/v2${path}`, {
    method,
    headers: { authorization: 'Bearer contract-key', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = (await res.json()) as Record<string, unknown>;
  exchanges.push({ method, path: `/api/v2${path}`, body, status: res.status, response });
  return response;
}

function checkExchanges(): string[] {
  return exchanges.flatMap((e) => {
    const m = checker.matchOperation(e.method, e.path);
    if (!m) return [`${e.method} ${e.path}: not a contract operation`];
    const id = m.op.operationId;
    if (e.status !== 200) return [`${id}: HTTP ${e.status} ${JSON.stringify(e.response)}`];
    return [checker.validateRequest(m.op, e.body), checker.validateResponse(m.op, e.response, { strict: true, allowExtra: NEWER_SPEC_FIELDS })].flatMap((r) =>
      r.errors.map((err) => `${id}: ${err}`),
    );
  });
}

beforeAll(async () => {
  running = await createEmulator({ fixture: parseFixture(JSON.stringify(FIXTURE), 'group-settings-contract.json'), rateLimit: 0 }).listen(0, '127.0.0.1');
});

afterAll(async () => {
  await running?.close();
});

describe('how a group answers, against the official OpenAPI description (issue 32)', () => {
  const settings = {
    hours_on: true,
    monday_hours: ['08:00', '12:00', '13:00', '18:00'],
    saturday_hours: [],
    ring_seconds: 20,
    routing_options: {
      open: { action: 'voicemail', try_dial_operators: true, operator_routing: 'longestidle' },
      closed: { action: 'department', try_dial_operators: false, action_target_type: 'department', action_target_id: '8100000000000001' },
    },
  };

  it('stores hours, hours_on, ring_seconds, routing_options and hold_queue on PATCH and answers them on GET, in the official shapes', async () => {
    await call('PATCH', '/callcenters/8200000000000001', { ...settings, hold_queue: { max_hold_count: 300, max_hold_seconds: 600, announce_position: true, queue_escape_dtmf: '*' } });
    await call('PATCH', '/departments/8100000000000001', { ...settings, auto_call_recording: true, hold_queue: { allow_queuing: true, max_hold_count: 50 } });
    const cc = await call('GET', '/callcenters/8200000000000001');
    const dept = await call('GET', '/departments/8100000000000001');
    expect(checkExchanges()).toEqual([]);
    expect(cc).toMatchObject({ hours_on: true, monday_hours: settings.monday_hours, ring_seconds: '20', routing_options: { closed: { action_target_id: '8100000000000001' } } });
    expect(cc['hold_queue']).toEqual({ max_hold_count: '300', max_hold_seconds: '600', announce_position: true, queue_escape_dtmf: '*' });
    expect(dept).toMatchObject({ auto_call_recording: true, hold_queue: { allow_queuing: true, max_hold_count: '50' } });
  });

  it.each([
    ['hours out of order', 'callcenters/8200000000000001', { monday_hours: ['18:00', '08:00'] }, 'monday_hours: times must be in increasing order'],
    ['an odd list of times', 'callcenters/8200000000000001', { monday_hours: ['08:00'] }, 'monday_hours must be a list of opening and closing times, in pairs'],
    ['a department queue over 50', 'departments/8100000000000001', { hold_queue: { max_hold_count: 51 } }, 'hold_queue.max_hold_count must be an integer from 1 to 50'],
    ['a call center field on a department queue', 'departments/8100000000000001', { hold_queue: { announce_position: true } }, 'hold_queue.announce_position is not a field of HoldQueueDepartment'],
    ['one routing state', 'callcenters/8200000000000001', { routing_options: { open: settings.routing_options.open } }, 'routing_options.closed is required (an object)'],
    [
      'a target that does not exist',
      'callcenters/8200000000000001',
      { routing_options: { ...settings.routing_options, closed: { ...settings.routing_options.closed, action_target_id: '8100000000000099' } } },
      'routing_options.closed.action_target_id: department 8100000000000099 does not exist',
    ],
  ])('refuses %s with 400', async (_what, path, body, message) => {
    const res = await fetch(`${running.url}/api/v2/${path}`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer contract-key', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain(message);
  });
});
