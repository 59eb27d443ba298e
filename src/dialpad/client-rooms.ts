/**
 * The room endpoints of the Dialpad client (`createDialpadClient` composes them): list, create,
 * rename, delete, and a room's numbers (`assign_number` of a named reserved-pool number,
 * `unassign_number` to the pool). Writes that are not absolute values re-read on an ambiguous
 * failure, as the user and group writes do.
 */
import { liveOfficeKey } from '../model/match-offices.js';
import { compareCodeUnits } from '../model/compare.js';
import { liveRoomKey, roomNameOf } from '../model/rooms.js';
import type { Room } from '../model/tenant.js';
import { ApiError } from './api-error.js';
import type { ApiNumber, ApiRoom, Int64 } from './api-types.js';
import type { RecordShape } from './response-shape.js';
import type { CallSpec } from './transport.js';

/** `CreateRoomMessage`. */
export interface ApiCreateRoom {
  name: string;
  office_id: Int64;
}

/** `RoomProto`, checked at run time as the other records are (`response-shape.ts`). */
export const ROOM_SHAPE: RecordShape<ApiRoom> = {
  noun: 'room',
  fields: { id: 'int64', name: 'string', office_id: 'int64', phone_numbers: 'string[]', state: 'string' },
  required: [['id']],
  keyOf: (r) => String(r.id),
  matchedOn: () => ['name', 'office_id'],
};

/** Rooms as the model keys them before matching (`room:<id>`, offices `id:<id>`), sorted; a room without an id is left out. */
export function normalizeRooms(rooms: readonly ApiRoom[]): Room[] {
  return rooms
    .flatMap((r): Room[] => {
      if (r.id === undefined) return [];
      const id = String(r.id);
      return [{ key: liveRoomKey(id), id, name: r.name ?? '', office: r.office_id === undefined ? '' : liveOfficeKey(String(r.office_id)), numbers: [...(r.phone_numbers ?? [])] }];
    })
    .sort((a, b) => compareCodeUnits(a.key, b.key));
}

interface Options {
  label?: string;
}

/** The client's room methods (see `DialpadClient`). */
export interface RoomEndpoints {
  /** Every room of the company (`rooms.list`). */
  listRooms(): Promise<ApiRoom[]>;
  getRoom(id: Int64): Promise<ApiRoom>;
  createRoom(body: ApiCreateRoom, opts?: Options): Promise<ApiRoom>;
  /** `PATCH` of the name: an absolute value, repeated harmlessly. */
  renameRoom(id: Int64, name: string, opts?: Options): Promise<ApiRoom>;
  deleteRoom(id: Int64, opts?: Options): Promise<unknown>;
  /** `POST /rooms/{id}/assign_number` of a named reserved-pool number. */
  assignRoomNumber(roomId: Int64, body: { number: string; primary: boolean }, opts?: Options): Promise<ApiNumber>;
  unassignRoomNumber(roomId: Int64, number: string, opts?: Options): Promise<ApiNumber>;
}

/** What the room endpoints need from the client they are part of. */
export interface RoomClientParts {
  send<T>(spec: CallSpec<T>): Promise<T>;
  read<T>(shape: RecordShape<T>, spec: Omit<CallSpec<unknown>, 'idempotent' | 'method'>): Promise<T>;
  paginate<T>(shape: RecordShape<T>, spec: Omit<CallSpec<unknown>, 'idempotent' | 'method'>): Promise<T[]>;
  created<T>(shape: RecordShape<T>, spec: { operation: string; label?: string }, record: unknown): T;
  getNumber(number: string): Promise<ApiNumber>;
}

const seg = (v: Int64): string => encodeURIComponent(String(v));
const withLabel = (o: Options | undefined): { label?: string } => (o?.label === undefined ? {} : { label: o.label });

export function createRoomEndpoints(parts: RoomClientParts): RoomEndpoints {
  const { send, read, paginate, created } = parts;
  const endpoints: RoomEndpoints = {
    listRooms: () => paginate(ROOM_SHAPE, { operation: 'rooms.list', path: '/api/v2/rooms' }),
    getRoom: (id) => read(ROOM_SHAPE, { operation: 'rooms.get', path: `/api/v2/rooms/${seg(id)}` }),
    createRoom: async (body, o) => {
      const spec = { operation: 'rooms.post', ...withLabel(o) };
      const room = await send<ApiRoom>({
        ...spec,
        method: 'POST',
        path: '/api/v2/rooms',
        body,
        idempotent: false,
        // Took effect if a room of this name is in this office now.
        confirm: async () => (await endpoints.listRooms()).find((r) => roomNameOf(r.name ?? '') === roomNameOf(body.name) && String(r.office_id) === String(body.office_id)),
      });
      return created(ROOM_SHAPE, spec, room);
    },
    renameRoom: (id, name, o) => send({ operation: 'rooms.patch', ...withLabel(o), method: 'PATCH', path: `/api/v2/rooms/${seg(id)}`, body: { name }, idempotent: true }),
    deleteRoom: (id, o) =>
      send({
        operation: 'rooms.delete',
        ...withLabel(o),
        method: 'DELETE',
        path: `/api/v2/rooms/${seg(id)}`,
        idempotent: false,
        confirm: async () => {
          try {
            await endpoints.getRoom(id);
            return undefined;
          } catch (err) {
            if (err instanceof ApiError && err.kind === 'not_found') return { id };
            throw err;
          }
        },
      }),
    assignRoomNumber: (roomId, body, o) =>
      send({
        operation: 'numbers.assign_room_number.post',
        ...withLabel(o),
        method: 'POST',
        path: `/api/v2/rooms/${seg(roomId)}/assign_number`,
        body,
        idempotent: false,
        confirm: async () => {
          const n = await parts.getNumber(body.number);
          return n.target_type === 'room' && String(n.target_id) === String(roomId) ? n : undefined;
        },
      }),
    unassignRoomNumber: (roomId, number, o) =>
      send({
        operation: 'numbers.room_unassign_number.post',
        ...withLabel(o),
        method: 'POST',
        path: `/api/v2/rooms/${seg(roomId)}/unassign_number`,
        body: { number },
        idempotent: false,
        // Took effect if the number is back in the pool, or gone (with no reserved pool Dialpad releases it).
        confirm: async () => {
          try {
            const n = await parts.getNumber(number);
            return n.status === 'available' && n.target_id === undefined ? n : undefined;
          } catch (err) {
            if (err instanceof ApiError && err.kind === 'not_found') return { number };
            throw err;
          }
        },
      }),
  };
  return endpoints;
}
