import { describe, expect, it } from 'vitest';
import { diffRooms } from '../../src/diff/diff-rooms.js';
import { buildConsoleViews } from '../../src/emulator/console-views.js';
import { createEmulator, parseFixture } from '../../src/emulator/index.js';
import { Store } from '../../src/emulator/store.js';
import { matchRooms } from '../../src/model/rooms.js';
import type { Room } from '../../src/model/tenant.js';
import { choosePlanReads } from '../../src/plan/choose-live-reads.js';
import { desiredState, liveOffice, liveState, office } from '../support/builders.js';

const HQ = '6100000000000001';
const FIXTURE = {
  company: { id: '5000000000000001', name: 'Acme Inc', account_type: 'pro' },
  offices: [{ id: HQ, name: 'Acme HQ', country: 'us', is_primary_office: true, licenses: { talk_lines: 1, room_lines: 1 } }],
  users: [],
  numbers: [],
  rooms: [{ id: '8300000000000001', name: 'Board Room', office_id: HQ, phone_numbers: ['+14155550160'] }],
};

const liveRoom = (over: Partial<Room> = {}): Room => ({ key: 'room:83', id: '83', name: 'Board Room', office: 'hq', numbers: [], ...over });

describe('rooms are managed only where config says so (issue 32)', () => {
  it('without a rooms: section, unmanaged_rooms: delete deletes nothing', () => {
    const desired = desiredState({ offices: [office('hq')], policy: { unmanagedRooms: 'delete' } });
    const live = liveState({ offices: [liveOffice('hq')] });
    live.tenant.rooms = [liveRoom()];
    expect(diffRooms(desired, live)).toEqual([]);
    desired.tenant.rooms = [];
    expect(diffRooms(desired, live).map((c) => c.kind)).toEqual(['delete_room']);
  });

  it('under unmanaged_rooms: ignore (the default), a rooms: section leaves unlisted rooms alone', () => {
    const desired = desiredState({ offices: [office('hq')] });
    desired.tenant.rooms = [];
    const live = liveState({ offices: [liveOffice('hq')] });
    live.tenant.rooms = [liveRoom()];
    expect(diffRooms(desired, live)).toEqual([]);
  });

  it('a plan reads the rooms (and the room offices\' licenses) only when config has a rooms: section', () => {
    const desired = desiredState({ offices: [office('hq')] });
    const phaseOne = liveState({ offices: [liveOffice('hq', { key: 'id:6100' , id: '6100', name: 'Acme hq' })] });
    expect(choosePlanReads(desired, phaseOne)).not.toHaveProperty('rooms');
    desired.tenant.rooms = [{ key: 'lobby', name: 'Lobby', office: 'hq' }];
    const reads = choosePlanReads(desired, phaseOne);
    expect(reads.rooms).toBe(true);
    expect(reads.offices).toEqual([{ id: '6100', available: true }]);
  });

  it('matches a live room by pinned id, else by office and name (case and spaces aside)', () => {
    const desired: Room[] = [
      { key: 'board', name: 'Boardroom', office: 'hq', id: '83' },
      { key: 'lobby', name: 'lobby ', office: 'hq' },
    ];
    const keys = matchRooms(desired, [liveRoom(), liveRoom({ key: 'room:84', id: '84', name: 'Lobby' }), liveRoom({ key: 'room:85', id: '85', name: 'Lobby', office: 'ny' })]);
    expect(Object.fromEntries(keys)).toEqual({ 'room:83': 'board', 'room:84': 'lobby', 'room:85': 'room:85' });
  });
});

describe('the emulator holds a room license per room (issue 32)', () => {
  it('refuses a room in an office with no free room line, and accepts one once a room is deleted', async () => {
    const running = await createEmulator({ fixture: parseFixture(JSON.stringify(FIXTURE), 'rooms.json'), rateLimit: 0 }).listen(0, '127.0.0.1');
    try {
      const call = (method: string, path: string, body?: unknown) =>
        fetch(`${running.url}/api/v2${path}`, {
          method,
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const refused = await call('POST', '/rooms', { name: 'Lobby', office_id: HQ });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('no unassigned room_lines');
      expect((await call('DELETE', '/rooms/8300000000000001')).status).toBe(200);
      const number = (await (await call('GET', '/numbers/%2B14155550160')).json()) as { status: string };
      expect(number.status).toBe('available');
      expect((await call('POST', '/rooms', { name: 'Lobby', office_id: HQ })).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('the console shows the rooms with their numbers', () => {
    const store = new Store(parseFixture(JSON.stringify(FIXTURE), 'rooms.json'), () => new Date('2026-11-26T18:00:00Z'));
    expect(buildConsoleViews(store, undefined).rooms).toEqual([{ id: '8300000000000001', name: 'Board Room', office_id: HQ, numbers: ['+14155550160'] }]);
  });
});

describe('an emulator fixture with rooms is checked (issue 32)', () => {
  it('refuses a room in an unknown office, and more rooms than room licenses', () => {
    const unknownOffice = { ...FIXTURE, rooms: [{ id: '8300000000000001', name: 'Board Room', office_id: '999' }] };
    expect(() => parseFixture(JSON.stringify(unknownOffice), 'rooms.json')).toThrow(/rooms\/0\/office_id.*office "999" does not exist/s);
    const twoRooms = { ...FIXTURE, rooms: [...FIXTURE.rooms, { id: '8300000000000002', name: 'Lobby', office_id: HQ }] };
    expect(() => parseFixture(JSON.stringify(twoRooms), 'rooms.json')).toThrow(/2 room_lines are held/);
  });
});

describe('a room write in doubt is found in a read of the rooms (issue 32)', () => {
  it('create_room landed when the rooms read shows it in its office; never on a read without rooms', async () => {
    const { hasLanded } = await import('../../src/apply/execute-operation.js');
    const { roomOperation } = await import('../../src/plan/room-operations.js');
    const op = roomOperation.createRoom({ room: { key: 'lobby', name: 'Lobby', office: { key: 'hq', id: '61', name: 'Acme HQ' } }, source: 'rooms.yaml:1' });
    const live = liveState({ offices: [liveOffice('hq', { id: '61' })] });
    expect(hasLanded(op, live)).toBe(false);
    live.tenant.rooms = [{ key: 'room:83', id: '83', name: 'lobby', office: 'id:61', numbers: [] }];
    expect(hasLanded(op, live)).toBe(true);
    live.tenant.rooms = [{ key: 'room:83', id: '83', name: 'Lobby', office: 'id:62', numbers: [] }];
    expect(hasLanded(op, live)).toBe(false);
  });
});

describe('plan --scope cuts rooms to their offices (issue 32)', () => {
  it('keeps the rooms of the offices in scope, on both sides', async () => {
    const { cutToScope } = await import('../../src/owners/scope-plan.js');
    const desired = desiredState({ offices: [office('hq'), office('ny')] });
    desired.tenant.rooms = [{ key: 'lobby', name: 'Lobby', office: 'hq' }, { key: 'loft', name: 'Loft', office: 'ny' }];
    const live = liveState({ offices: [liveOffice('hq'), liveOffice('ny')] });
    live.tenant.rooms = [liveRoom({ office: 'ny', key: 'room:90', id: '90', name: 'Old' })];
    const cut = cutToScope(desired, live, { offices: ['hq'] });
    expect(cut.desired.tenant.rooms?.map((r) => r.key)).toEqual(['lobby']);
    expect(cut.live.tenant.rooms).toEqual([]);
  });
});
