/**
 * /api/v2/rooms routes: list (all, or one office's), create, get, update (`name`, and
 * `phone_numbers` to reorder or unassign), delete, and a room's `assign_number` /
 * `unassign_number`. A room holds a `room_lines` license of its office (`getAssigned`), so a
 * create in an office with none free is refused (400), as `available_licenses` documents ("0
 * means a new user/room of that type can't be added without buying more"). A deleted room's
 * numbers go to the reserved pool, as a deleted user's do.
 */
import { assertOfficeAccess, canSeeOffice } from './auth.js';
import { GROUP_NAME_MAX } from './groups.js';
import { badRequest, conflict } from './http-failure.js';
import { assertFreeAdditionalNumberLine, getAvailable } from './licenses.js';
import { compareIds } from '../model/ids.js';
import { paginate } from './pagination.js';
import type { Route, RouteContext } from './router.js';
import type { Store } from './store.js';
import { ROOM_EMULATOR_FIELDS, type FixtureNumber, type FixtureRoom } from './types.js';
import { assertKnownFields, compact, omit, readBoolean, readInt64, readString, toNumberProto, type Wire } from './wire.js';

/** `RoomProto`. */
export function toRoomProto(store: Store, r: FixtureRoom): Wire {
  return compact({
    ...omit(r, ROOM_EMULATOR_FIELDS),
    id: r.id,
    company_id: store.state.company.id,
    name: r.name,
    office_id: r.office_id,
    country: store.findOffice(r.office_id)?.country.toLowerCase(),
    is_free: false,
    is_on_duty: false,
    phone_numbers: r.phone_numbers ?? [],
    state: (r['state'] as string | undefined) ?? 'active',
  });
}

function getVisibleRoom(ctx: RouteContext): FixtureRoom {
  const r = ctx.store.getRoom(ctx.params['id'] ?? '');
  assertOfficeAccess(ctx.principal, r.office_id);
  return r;
}

function readName(body: Wire, required: boolean): string | undefined {
  const name = readString(body, 'name');
  if (name === undefined) {
    if (required) throw badRequest('name is required');
    return undefined;
  }
  if (name.trim() === '' || /[\r\n]/.test(name) || name.length > GROUP_NAME_MAX) throw badRequest(`name must be a single line of 1 to ${GROUP_NAME_MAX} characters`);
  return name;
}

function createRoom(ctx: RouteContext): FixtureRoom {
  assertKnownFields(ctx.body, ['name', 'office_id'], 'CreateRoomMessage');
  const name = readName(ctx.body, true) as string;
  const officeId = readInt64(ctx.body, 'office_id');
  if (officeId === undefined) throw badRequest('office_id is required');
  const office = ctx.store.findOffice(officeId);
  if (!office) throw badRequest(`office_id: office ${officeId} does not exist`);
  assertOfficeAccess(ctx.principal, office.id);
  if (getAvailable(ctx.store.state, office).room_lines < 1) {
    throw badRequest(`office ${office.id} (${office.name}) has no unassigned room_lines for a new room; transfer or buy licenses first`);
  }
  const room: FixtureRoom = { id: ctx.store.mintId(), name, office_id: office.id, phone_numbers: [] };
  (ctx.store.state.rooms ??= []).push(room);
  ctx.store.touch();
  return room;
}

/** `name`, and `phone_numbers`: the room's numbers reordered, or some left out (those go to the reserved pool); none added. */
function updateRoom(ctx: RouteContext): FixtureRoom {
  assertKnownFields(ctx.body, ['name', 'phone_numbers'], 'UpdateRoomMessage');
  const room = getVisibleRoom(ctx);
  const name = readName(ctx.body, false);
  const numbers = ctx.body['phone_numbers'];
  if (numbers !== undefined && numbers !== null) {
    if (!Array.isArray(numbers) || numbers.some((n) => typeof n !== 'string')) throw badRequest('phone_numbers must be a list of numbers');
    const held = room.phone_numbers ?? [];
    const extra = (numbers as string[]).filter((n) => !held.includes(n));
    if (extra.length > 0) throw badRequest(`phone_numbers: ${extra.join(', ')} not assigned to room ${room.id}; use assign_number`);
    for (const n of held.filter((x) => !(numbers as string[]).includes(x))) ctx.store.detachNumber(ctx.store.getNumber(n));
    room.phone_numbers = [...(numbers as string[])];
  }
  if (name !== undefined) room.name = name;
  ctx.store.touch();
  return room;
}

function deleteRoom(ctx: RouteContext): FixtureRoom {
  const room = getVisibleRoom(ctx);
  for (const n of [...(room.phone_numbers ?? [])]) {
    const found = ctx.store.state.numbers.find((x) => x.number === n);
    if (found) ctx.store.detachNumber(found);
  }
  ctx.store.state.rooms = (ctx.store.state.rooms ?? []).filter((r) => r !== room);
  ctx.store.touch();
  return room;
}

/**
 * POST /rooms/{id}/assign_number, as a user's: with `number`, that reserved-pool number (409 when
 * it is assigned, 400 when not the company's or not in the pool); without, a pool number of the
 * office's country, else a new one. A number beyond the room's first takes an additional-number line.
 */
function assignRoomNumber(ctx: RouteContext): FixtureNumber {
  assertKnownFields(ctx.body, ['number', 'area_code', 'primary'], 'AssignNumberMessage');
  const room = getVisibleRoom(ctx);
  const store = ctx.store;
  const wanted = readString(ctx.body, 'number');
  const primary = readBoolean(ctx.body, 'primary') ?? true;
  const office = store.getOffice(room.office_id);
  let n: FixtureNumber;
  if (wanted !== undefined) {
    const found = store.state.numbers.find((x) => x.number === wanted);
    if (!found) throw badRequest(`${wanted} is not in the company's reserved pool`);
    if (found.target_type === 'room' && found.target_id === room.id) throw conflict(`${wanted} is already assigned to this room`);
    if (found.target_id !== undefined) throw conflict(`${wanted} is assigned to ${found.target_type ?? 'a target'} ${found.target_id}`);
    if (!store.isInPool(found)) throw badRequest(`${wanted} is not in the company's reserved pool (status ${found.status})`);
    n = found;
  } else {
    n = store.takeNumber(office.country, readString(ctx.body, 'area_code'));
  }
  if ((room.phone_numbers ?? []).length > 0) assertFreeAdditionalNumberLine(store.state, office);
  n.status = 'room';
  n.target_type = 'room';
  n.target_id = room.id;
  n.office_id = room.office_id;
  delete n.last_user_email;
  delete n.unassigned_at;
  const list = (room.phone_numbers ?? []).filter((x) => x !== n.number);
  room.phone_numbers = primary ? [n.number, ...list] : [...list, n.number];
  store.touch();
  return n;
}

function unassignRoomNumber(ctx: RouteContext): FixtureNumber {
  assertKnownFields(ctx.body, ['number'], 'UnassignNumberMessage');
  const room = getVisibleRoom(ctx);
  const number = readString(ctx.body, 'number');
  if (!number) throw badRequest('number is required');
  if (!(room.phone_numbers ?? []).includes(number)) throw badRequest(`${number} is not assigned to room ${room.id}`);
  const n = ctx.store.getNumber(number);
  ctx.store.detachNumber(n);
  return n;
}

function listRooms(ctx: RouteContext): Wire {
  const officeId = ctx.query.get('office_id');
  if (officeId !== null && !/^\d+$/.test(officeId)) throw badRequest('query parameter office_id must be an integer id');
  const rooms = ctx.store.sortedView('rooms', ctx.store.state.rooms ?? [], (r) => r.id, compareIds);
  const page = paginate(rooms, {
    path: ctx.path,
    query: ctx.query,
    keyOf: (r) => r.id,
    compare: compareIds,
    filter: (r) => canSeeOffice(ctx.principal, r.office_id) && (officeId === null || r.office_id === officeId),
  });
  return { ...page, ...(page.items ? { items: page.items.map((r) => toRoomProto(ctx.store, r)) } : {}) };
}

export const roomRoutes: Route[] = [
  { method: 'GET', template: '/api/v2/rooms', handle: (ctx) => ({ body: listRooms(ctx) }) },
  { method: 'POST', template: '/api/v2/rooms', companyAdmin: true, handle: (ctx) => ({ body: toRoomProto(ctx.store, createRoom(ctx)) }) },
  { method: 'GET', template: '/api/v2/rooms/{id}', handle: (ctx) => ({ body: toRoomProto(ctx.store, getVisibleRoom(ctx)) }) },
  { method: 'PATCH', template: '/api/v2/rooms/{id}', companyAdmin: true, handle: (ctx) => ({ body: toRoomProto(ctx.store, updateRoom(ctx)) }) },
  { method: 'DELETE', template: '/api/v2/rooms/{id}', companyAdmin: true, handle: (ctx) => ({ body: toRoomProto(ctx.store, deleteRoom(ctx)) }) },
  { method: 'POST', template: '/api/v2/rooms/{id}/assign_number', handle: (ctx) => ({ body: toNumberProto(ctx.store, assignRoomNumber(ctx)) }) },
  { method: 'POST', template: '/api/v2/rooms/{id}/unassign_number', handle: (ctx) => ({ body: toNumberProto(ctx.store, unassignRoomNumber(ctx)) }) },
];
