/**
 * Room changes (docs/rooms.md): config rooms to create or rename, live rooms to delete
 * (`policy.unmanaged_rooms: delete`, only with a `rooms:` section), and rooms whose numbers differ.
 * Without a `rooms:` section nothing here is managed. Pure; `live` keyed by `keyLive`.
 */
import type { DesiredState, LiveState, Room } from '../model/tenant.js';
import { change, type Change } from './types.js';

/**
 * Config's rooms the plan reconciles, by key: a room pinning an id Dialpad does not have is left
 * out (creating it could duplicate a room recreated in Dialpad; `room_id_not_found` blocks the plan).
 */
function listPlannedRooms(desired: DesiredState, live: LiveState): Map<string, Room> {
  const liveIds = new Set((live.tenant.rooms ?? []).map((r) => r.id));
  return new Map((desired.tenant.rooms ?? []).filter((r) => r.id === undefined || liveIds.has(r.id)).map((r) => [r.key, r]));
}

/** The live rooms the plan deletes: under `unmanaged_rooms: delete`, those a `rooms:` section does not list. */
export function listDeletedRooms(desired: DesiredState, live: LiveState): Room[] {
  if (desired.tenant.rooms === undefined || desired.policy.unmanagedRooms !== 'delete') return [];
  // A live room matched to a config entry by name, under a stale pinned id, is not deleted either (`room_id_not_found`).
  const listed = new Set((desired.tenant.rooms ?? []).map((r) => r.key));
  return (live.tenant.rooms ?? []).filter((r) => !listed.has(r.key));
}

/** Same primary and the same set (the order of the others does not matter), as for users. */
function sameNumbers(held: readonly string[], want: readonly string[]): boolean {
  return held[0] === want[0] && held.length === want.length && want.every((n) => held.includes(n));
}

export function diffRooms(desired: DesiredState, live: LiveState): Change[] {
  if (desired.tenant.rooms === undefined) return [];
  const liveRooms = new Map((live.tenant.rooms ?? []).map((r) => [r.key, r]));
  const changes: Change[] = [];
  for (const room of listPlannedRooms(desired, live).values()) {
    const found = liveRooms.get(room.key);
    if (found === undefined) changes.push(change.createRoom(room));
    else if (found.name !== room.name) changes.push(change.renameRoom(room, found));
    const held = found?.numbers ?? [];
    if (room.numbers !== undefined && !sameNumbers(held, room.numbers)) changes.push(change.roomNumbers(room, held, room.numbers, found));
  }
  for (const room of listDeletedRooms(desired, live)) changes.push(change.deleteRoom(room));
  return changes;
}

/** The numbers rooms send to the reserved pool in this plan: a deleted room's, and those config takes from a room. */
export function listRoomNumbersToPool(desired: DesiredState, live: LiveState): string[] {
  if (desired.tenant.rooms === undefined) return [];
  const out = listDeletedRooms(desired, live).flatMap((r) => r.numbers ?? []);
  const liveRooms = new Map((live.tenant.rooms ?? []).map((r) => [r.key, r]));
  for (const room of listPlannedRooms(desired, live).values()) {
    if (room.numbers === undefined) continue;
    for (const n of liveRooms.get(room.key)?.numbers ?? []) if (!room.numbers.includes(n)) out.push(n);
  }
  return out;
}
