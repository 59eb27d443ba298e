import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, parseFixture, type RunningEmulator } from '../../src/emulator/index.js';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { ROOM_SHAPE } from '../../src/dialpad/client-rooms.js';
import { NEWER_SPEC_FIELDS, createContractChecker, readContract } from '../support/contract.js';

/**
 * The room endpoints against Dialpad's OpenAPI description (`dialpad-rooms-contract.json`, derived
 * by `scripts/derive-contract.ts … emulator-rooms`): every request the client sends is the
 * official message (strict), and every emulator answer validates strictly against the official
 * response schema. The client drives the calls, so what dialform sends is what is checked.
 */
const roomsContract = readContract('dialpad-rooms-contract.json');
const checker = createContractChecker(roomsContract);

const HQ = '6100000000000001';
const FIXTURE = {
  company: { id: '5000000000000001', name: 'Acme Inc', account_type: 'pro' },
  offices: [{ id: HQ, name: 'Acme HQ', country: 'us', is_primary_office: true, licenses: { talk_lines: 1, room_lines: 2, additional_number_lines: 1 } }],
  users: [{ id: '7100000000000001', emails: ['ceo@acme.com'], first_name: 'Cee', last_name: 'Eo', office_id: HQ, license: 'talk', is_super_admin: true }],
  numbers: [
    { number: '+14155550150', status: 'available', office_id: HQ },
    { number: '+14155550151', status: 'available', office_id: HQ },
  ],
  rooms: [{ id: '8300000000000001', name: 'Board Room', office_id: HQ, phone_numbers: ['+14155550160'] }],
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

beforeAll(async () => {
  const emulator = createEmulator({ fixture: parseFixture(JSON.stringify(FIXTURE), 'rooms-contract.json'), rateLimit: 0 });
  running = await emulator.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await running?.close();
});

/** Every exchange checked against the contract; the problems found. */
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

describe('room endpoints against the official OpenAPI description (issue 32)', () => {
  it('the client sends official messages for every room operation, and the emulator answers official shapes', async () => {
    const client = createDialpadClient({
      baseUrl: running.url,
      apiKey: 'contract-key',
      rateLimit: Infinity,
      onRequest: (e) => {
        if (!e.path.includes('/rooms') || e.status === undefined) return;
        exchanges.push({ method: e.method, path: e.path, query: e.query, body: e.body, status: e.status, response: e.response });
      },
    });
    const lobby = await client.createRoom({ name: 'Lobby', office_id: HQ });
    const id = String(lobby.id);
    expect((await client.listRooms()).map((r) => r.name).sort()).toEqual(['Board Room', 'Lobby']);
    await client.getRoom(id);
    await client.renameRoom(id, 'Front Lobby');
    await client.assignRoomNumber(id, { number: '+14155550150', primary: true });
    await client.assignRoomNumber(id, { number: '+14155550151', primary: false });
    await client.unassignRoomNumber(id, '+14155550151');
    await client.deleteRoom(id);

    expect(checkExchanges()).toEqual([]);
    const covered = new Set(exchanges.map((e) => checker.matchOperation(e.method, e.path)?.op.operationId));
    expect([...covered].sort()).toEqual(roomsContract.operations.map((o) => o.operationId).sort());
  });
});

describe('the run-time room check agrees with the contract (issue 32)', () => {
  it('each field ROOM_SHAPE checks has the type RoomProto gives it', () => {
    const properties = (roomsContract.schemas['schemas.room.RoomProto'] as { properties: Record<string, { type?: string; format?: string; items?: { type?: string } }> }).properties;
    const typeOf = (s: { type?: string; format?: string; items?: { type?: string } } | undefined): string =>
      s === undefined ? 'not in the contract' : s.type === 'integer' && s.format === 'int64' ? 'int64' : s.type === 'array' && s.items?.type === 'string' ? 'string[]' : (s.type ?? 'unknown');
    const expected = Object.fromEntries(Object.keys(ROOM_SHAPE.fields).map((f) => [f, typeOf(properties[f])]));
    expect(ROOM_SHAPE.fields).toEqual(expected);
  });
});
