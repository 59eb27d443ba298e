import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * A config room pinning an `id` Dialpad does not have (deleted, or recreated with a new id), as
 * `group_id_not_found` is for groups: creating it could duplicate a recreated room, so the diff
 * plans none (`diffRooms`) and this rule blocks the plan until config says which room it means.
 * Silent when rooms were not read or the read is partial (`incomplete_live_read` blocks it).
 */
export function checkRoomIdNotFound(ctx: RuleContext): Violation[] {
  const live = ctx.live.tenant.rooms;
  if (ctx.live.incomplete.length > 0 || live === undefined) return [];
  const ids = new Set(live.map((r) => r.id));
  return (ctx.desired.tenant.rooms ?? []).flatMap((room) => {
    if (room.id === undefined || ids.has(room.id)) return [];
    const byName = live.find((r) => r.key === room.key);
    const found = byName === undefined ? 'Dialpad has no room of that id' : `Dialpad has no room of that id; its room "${byName.name}" in office ${byName.office} has id ${byName.id ?? '?'}`;
    return [
      {
        code: 'room_id_not_found',
        severity: 'error',
        message:
          `room "${room.key}" pins id ${room.id}${at(room.source)}, but ${found}. Was it deleted or recreated in Dialpad? ` +
          `Fix the id (rooms.${room.key}.id), or unpin it (remove id:) to match the room by office and name.`,
        operation_ids: ctx.operations.filter((op) => op.target.type === 'room' && op.target.key === room.key).map((op) => op.id),
      },
    ];
  });
}
