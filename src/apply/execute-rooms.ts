/**
 * How apply carries out the room kinds (whether each one's write landed is its
 * `KindSpec.landed`). Rooms created earlier in the same run have no id in the
 * plan: they are resolved by name and office and remembered.
 */
import { DialformError } from '../errors.js';
import type { OfficeRef, OperationOf, RoomRef } from '../plan/types.js';
import type { ApplyApi, OperationOutcome } from './types.js';

type RoomKind = 'create_room' | 'rename_room' | 'delete_room' | 'assign_room_number' | 'unassign_room_number';

/** What the room executors need of apply's context. */
export interface RoomExecution {
  api: ApplyApi;
  roomIds: Map<string, string>;
  resolveOffice(ref: OfficeRef): Promise<string>;
}

const DONE: OperationOutcome = { status: 'done' };

export const ROOM_EXECUTORS: { [K in RoomKind]: (op: OperationOf<K>, ctx: RoomExecution) => Promise<OperationOutcome> } = {
  async create_room(op, ctx) {
    const { id } = await ctx.api.createRoom({ name: op.room.name, officeId: await ctx.resolveOffice(op.room.office) });
    ctx.roomIds.set(op.room.key, id);
    return DONE;
  },
  async rename_room(op, ctx) {
    await ctx.api.renameRoom(await resolveRoom(op.target, ctx), op.name);
    return DONE;
  },
  async delete_room(op, ctx) {
    await ctx.api.deleteRoom(await resolveRoom(op.target, ctx));
    return DONE;
  },
  async assign_room_number(op, ctx) {
    await ctx.api.assignRoomNumber(await resolveRoom(op.target, ctx), op.number, op.primary);
    return DONE;
  },
  async unassign_room_number(op, ctx) {
    await ctx.api.unassignRoomNumber(await resolveRoom(op.target, ctx), op.number);
    return DONE;
  },
};

async function resolveRoom(ref: RoomRef, ctx: RoomExecution): Promise<string> {
  const known = ctx.roomIds.get(ref.key) ?? ref.id;
  if (known !== undefined) return known;
  // A room created by this plan (possibly in an earlier run of it): found by name and office.
  const found = await ctx.api.findRoomByName(ref.name, await ctx.resolveOffice(ref.office));
  if (found === undefined) throw new DialformError('room_not_found', `room "${ref.name}" does not exist in Dialpad`);
  ctx.roomIds.set(ref.key, found);
  return found;
}
