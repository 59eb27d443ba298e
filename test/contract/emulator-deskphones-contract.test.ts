import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, parseFixture, type RunningEmulator } from '../../src/emulator/index.js';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { DESK_PHONE_SHAPE } from '../../src/dialpad/client-deskphones.js';
import { NEWER_SPEC_FIELDS, createContractChecker, readContract } from '../support/contract.js';

/**
 * The desk-phone reads against Dialpad's OpenAPI description (`dialpad-deskphones-contract.json`,
 * derived by `scripts/derive-contract.ts … emulator-deskphones`): every emulator answer validates
 * strictly against the official `DeskPhoneCollection`, and the client keeps the inventory fields
 * and never the device's SIP password.
 */
const contract = readContract('dialpad-deskphones-contract.json');
const checker = createContractChecker(contract);

const HQ = '6100000000000001';
const ROOM = '8300000000000001';
const USER = '7100000000000001';
const FIXTURE = {
  company: { id: '5000000000000001', name: 'Acme Inc', account_type: 'pro' },
  offices: [
    {
      id: HQ,
      name: 'Acme HQ',
      country: 'us',
      is_primary_office: true,
      licenses: { talk_lines: 1, room_lines: 1 },
    },
  ],
  users: [
    {
      id: USER,
      emails: ['ceo@acme.com'],
      first_name: 'Cee',
      last_name: 'Eo',
      office_id: HQ,
      license: 'talk',
      is_super_admin: true,
      phone_numbers: ['+14155550101'],
      deskphones: [
        {
          name: 'Desk',
          type: 'polycom',
          device_model: 'VVX 450',
          mac_address: '0004f2a1b2c3',
          phone_number: '+14155550101',
          password: 'sip-secret-1',
          realm: 'sip.example.net',
          port: 5061,
        },
      ],
    },
  ],
  numbers: [
    {
      number: '+14155550101',
      status: 'user',
      target_type: 'user',
      target_id: USER,
      office_id: HQ,
    },
    {
      number: '+14155550160',
      status: 'room',
      target_type: 'room',
      target_id: ROOM,
      office_id: HQ,
    },
  ],
  rooms: [
    {
      id: ROOM,
      name: 'Board Room',
      office_id: HQ,
      phone_numbers: ['+14155550160'],
      deskphones: [
        {
          id: '+14155550160-room-1-yealink-a',
          name: 'Table phone',
          type: 'yealink',
          mac_address: '805ec0a1b2c3',
          phone_number: '+14155550160',
          password: 'sip-secret-2',
          byod: false,
        },
        { name: 'Wall phone', type: 'obi' },
      ],
    },
  ],
};

interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  response: unknown;
}

let running: RunningEmulator;
const exchanges: Exchange[] = [];

beforeAll(async () => {
  const emulator = createEmulator({
    fixture: parseFixture(JSON.stringify(FIXTURE), 'deskphones-contract.json'),
    rateLimit: 0,
  });
  running = await emulator.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await running?.close();
});

describe('desk-phone reads against the official OpenAPI description (issue 32)', () => {
  it('the emulator answers official DeskPhoneCollections, and the client keeps the inventory without the SIP password', async () => {
    const client = createDialpadClient({
      baseUrl: running.url,
      apiKey: 'contract-key',
      rateLimit: Infinity,
      onRequest: (e) => {
        if (!e.path.includes('/deskphones') || e.status === undefined) return;
        exchanges.push({
          method: e.method,
          path: e.path,
          query: e.query,
          status: e.status,
          response: e.response,
        });
      },
    });
    const room = await client.listRoomDeskPhones(ROOM);
    const user = await client.listUserDeskPhones(USER);
    expect(room).toEqual([
      {
        id: '+14155550160-room-1-yealink-a',
        name: 'Table phone',
        type: 'yealink',
        mac_address: '805ec0a1b2c3',
        phone_number: '+14155550160',
      },
      { id: `none-room-${ROOM}-obi-1`, name: 'Wall phone', type: 'obi' },
    ]);
    expect(user).toEqual([
      {
        id: `+14155550101-user-${USER}-polycom-0`,
        name: 'Desk',
        type: 'polycom',
        device_model: 'VVX 450',
        mac_address: '0004f2a1b2c3',
        phone_number: '+14155550101',
      },
    ]);
    expect(JSON.stringify([room, user])).not.toContain('sip-secret');

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
        checker.validateResponse(m.op, e.response, {
          strict: true,
          allowExtra: NEWER_SPEC_FIELDS,
        }),
      ]) {
        problems.push(...r.errors.map((err) => `${id}: ${err}`));
      }
    }
    expect(problems).toEqual([]);
    const covered = new Set(exchanges.map((e) => checker.matchOperation(e.method, e.path)?.op.operationId));
    expect([...covered].sort()).toEqual(contract.operations.map((o) => o.operationId).sort());
  });

  it('a room or user the company does not have is a 404, and RoomProto and UserProto never carry the fixture’s deskphones', async () => {
    const client = createDialpadClient({
      baseUrl: running.url,
      apiKey: 'contract-key',
      rateLimit: Infinity,
    });
    await expect(client.listRoomDeskPhones('8399999999999999')).rejects.toMatchObject({ kind: 'not_found' });
    expect(Object.keys(await client.getRoom(ROOM))).not.toContain('deskphones');
    expect(Object.keys(await client.getUser(USER))).not.toContain('deskphones');
  });
});

describe('fixture desk phones are checked like other fixture fields (issue 32)', () => {
  it('refuses a desk phone without a type, of an unknown type, or with a malformed MAC address, naming where', () => {
    const withPhone = (phone: Record<string, unknown>) => JSON.stringify({ ...FIXTURE, rooms: [{ ...FIXTURE.rooms[0], deskphones: [phone] }] });
    expect(() => parseFixture(withPhone({ name: 'Wall phone' }), 'f.json')).toThrow(/rooms\/0\/deskphones\/0/);
    expect(() => parseFixture(withPhone({ name: 'Wall phone', type: 'rotary' }), 'f.json')).toThrow(/rooms\/0\/deskphones\/0\/type/);
    expect(() => parseFixture(withPhone({ name: 'Wall phone', type: 'obi', mac_address: '80:5E:C0:A1:B2:C3' }), 'f.json')).toThrow(/deskphones\/0\/mac_address/);
  });
});

describe('the run-time desk-phone check agrees with the contract (issue 32)', () => {
  it('each field DESK_PHONE_SHAPE checks has the type DeskPhone gives it', () => {
    const properties = (
      contract.schemas['schemas.deskphone.DeskPhone'] as {
        properties: Record<string, { type?: string }>;
      }
    ).properties;
    const expected = Object.fromEntries(Object.keys(DESK_PHONE_SHAPE.fields).map((f) => [f, properties[f]?.type ?? 'not in the contract']));
    expect(DESK_PHONE_SHAPE.fields).toEqual(expected);
  });
});
