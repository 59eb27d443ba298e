/** Room changes into operations (docs/rooms.md): the constructors of the room kinds, and `roomOperations`. */
import type { Change } from '../diff/types.js';
import type { DesiredState, LiveState } from '../model/tenant.js';
import { describeGroupNumbers } from './describe-numbers.js';
import type { OfficeBook } from './office-refs.js';
import { base } from './operations.js';
import type { Operation, OperationOf, RoomRef, RoomTarget } from './types.js';

/**
 * Room references for operations: the config's name (the live one for a room absent from config),
 * the live id when the room exists. Keys are those of the keyed live read (`keyLiveRooms`).
 */
export function createRoomBook(desired: DesiredState, live: LiveState, offices: OfficeBook): (key: string) => RoomRef {
  const want = new Map((desired.tenant.rooms ?? []).map((r) => [r.key, r]));
  const have = new Map((live.tenant.rooms ?? []).map((r) => [r.key, r]));
  return (key) => {
    const room = want.get(key) ?? have.get(key);
    const id = have.get(key)?.id;
    const ref = { key, name: room?.name ?? key, office: offices.ref(room?.office ?? '') };
    return id === undefined ? ref : { ...ref, id };
  };
}

const roomTarget = (r: RoomRef): RoomTarget => ({ type: 'room', ...r });

export const roomOperation = {
  createRoom(i: { room: RoomRef; source: string }): OperationOf<'create_room'> {
    return {
      ...base('create_room', roomTarget(i.room), { ...i, changes: [{ field: 'name', to: i.room.name }, { field: 'office', to: i.room.office.key }], notes: ['Takes a room license of the office.'] }, {
        summary: `create room ${i.room.name} in ${i.room.office.name}`,
      }),
      room: i.room,
    };
  },
  renameRoom(i: { room: RoomRef; name: string; source: string }): OperationOf<'rename_room'> {
    return {
      ...base('rename_room', roomTarget(i.room), { ...i, changes: [{ field: 'name', from: i.room.name, to: i.name }] }, { summary: `rename room ${i.room.name} to ${i.name}` }),
      name: i.name,
    };
  },
  /** Irreversible: the API has no restore for a deleted room. */
  deleteRoom(i: { room: RoomRef; numbersToPool: readonly string[]; source: string; notes: string[] }): OperationOf<'delete_room'> {
    return {
      ...base('delete_room', roomTarget(i.room), i, { reversible: 'no', summary: `delete room ${i.room.name}` }),
      ...(i.numbersToPool.length === 0 ? {} : { numbers_to_pool: [...i.numbersToPool] }),
    };
  },
  assignRoomNumber(i: { room: RoomRef; number: string; primary: boolean; source: string }): OperationOf<'assign_room_number'> {
    return {
      ...base('assign_room_number', roomTarget(i.room), { ...i, changes: [{ field: 'numbers', to: i.number }] }, {
        summary: `assign ${i.number} to room ${i.room.name}${i.primary ? ' (primary)' : ''}`,
      }),
      number: i.number,
      primary: i.primary,
    };
  },
  unassignRoomNumber(i: { room: RoomRef; number: string; source: string }): OperationOf<'unassign_room_number'> {
    return {
      ...base('unassign_room_number', roomTarget(i.room), { ...i, changes: [{ field: 'numbers', from: i.number }] }, { summary: `unassign ${i.number} from room ${i.room.name} (to the reserved pool)` }),
      number: i.number,
    };
  },
};

export type RoomChange = Extract<Change, { kind: 'create_room' | 'rename_room' | 'delete_room' | 'room_numbers' }>;

/** The operations of one room change; `released`: numbers the plan releases, for a deletion's note. */
export function roomOperations(c: RoomChange, ctx: { roomRef: (key: string) => RoomRef; released: ReadonlySet<string> }): Operation[] {
  switch (c.kind) {
    case 'create_room':
      return [roomOperation.createRoom({ room: ctx.roomRef(c.room.key), source: c.room.source ?? 'config' })];
    case 'rename_room':
      // The target as Dialpad names it now; `name` is the new one.
      return [roomOperation.renameRoom({ room: { ...ctx.roomRef(c.live.key), name: c.live.name }, name: c.room.name, source: c.room.source ?? 'config' })];
    case 'delete_room': {
      const numbers = [...(c.live.numbers ?? [])].sort();
      return [
        roomOperation.deleteRoom({
          room: ctx.roomRef(c.live.key),
          numbersToPool: numbers,
          source: 'unmanaged',
          notes: ['Not in config and policy.unmanaged_rooms is delete. Irreversible: the API cannot restore a room; its room license is freed.', ...describeGroupNumbers(numbers, ctx.released)],
        }),
      ];
    }
    case 'room_numbers': {
      const room = ctx.roomRef(c.room.key);
      const source = c.room.source ?? 'config';
      const primary = c.to[0];
      // A new primary the room holds already steps through the pool (no endpoint reorders).
      const reprimary = primary !== undefined && c.from.includes(primary) && c.from[0] !== primary;
      const ops: Operation[] = [];
      for (const n of c.from) if (!c.to.includes(n) || (reprimary && n === primary)) ops.push(roomOperation.unassignRoomNumber({ room, number: n, source }));
      for (const n of c.to) if (!c.from.includes(n) || (reprimary && n === primary)) ops.push(roomOperation.assignRoomNumber({ room, number: n, primary: n === primary, source }));
      return ops;
    }
    default: {
      const _never: never = c;
      return _never;
    }
  }
}
