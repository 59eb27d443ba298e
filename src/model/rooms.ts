/**
 * Room facts (docs/rooms.md): a room's identity, how live rooms are matched to config, and the
 * license a room holds.
 */
import { compareCodeUnits } from './compare.js';
import { compareIds } from './ids.js';
import type { LineType, LiveState, Room } from './tenant.js';

/**
 * The license line a room holds in its office (`PlanProto.room_lines`: "a new room with a
 * dedicated number", dialpad-api.md §4.3). dialform counts one per room, numbered or not, as the
 * emulator does: a room without a number is still a room Dialpad bills.
 */
export const ROOM_LINE: LineType = 'rooms';

/** The key of a live room no config room matches. */
export function liveRoomKey(id: string): string {
  return `room:${id}`;
}

/** A room name as rooms are told apart by name: trimmed, case-insensitive (as group names). */
export function roomNameOf(name: string): string {
  return name.trim().toLowerCase();
}

const nameKey = (r: Pick<Room, 'office' | 'name'>): string => `${r.office}\u0000${roomNameOf(r.name)}`;

/**
 * Assigns each live room a key: the config room that pins its `id`, else the config room of the
 * same office and name (`roomNameOf`), else `room:<id>`; each config room matches at most one live
 * room, smaller ids first (as `matchGroups`). A config room pinning an id no live room has is
 * matched by name after unpinned ones.
 */
export function matchRooms(desired: readonly Room[], live: readonly Room[]): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  const liveKeys = new Set(live.map((r) => r.key));
  for (const r of desired) {
    const key = r.id === undefined ? undefined : liveRoomKey(r.id);
    if (key !== undefined && liveKeys.has(key) && !keys.has(key)) {
      keys.set(key, r.key);
      taken.add(r.key);
    }
  }
  const byName = new Map<string, Room>();
  const unmatched = desired.filter((r) => !taken.has(r.key));
  for (const r of [...unmatched.filter((x) => x.id === undefined), ...unmatched.filter((x) => x.id !== undefined)]) {
    if (!byName.has(nameKey(r))) byName.set(nameKey(r), r);
  }
  for (const r of [...live].sort((a, b) => compareIds(a.id ?? '', b.id ?? ''))) {
    if (keys.has(r.key)) continue;
    const match = byName.get(nameKey(r));
    if (match !== undefined && !taken.has(match.key)) {
      keys.set(r.key, match.key);
      taken.add(match.key);
    } else {
      keys.set(r.key, r.key);
    }
  }
  return keys;
}

/** The live state with its rooms under the keys of the config rooms they match. Pure; after `keyLiveOffices`. */
export function keyLiveRooms(live: LiveState, desired: readonly Room[]): LiveState {
  const rooms = live.tenant.rooms;
  if (rooms === undefined || rooms.length === 0) return live;
  const keys = matchRooms(desired, rooms);
  const keyed = rooms.map((r) => ({ ...r, key: keys.get(r.key) ?? r.key })).sort((a, b) => compareCodeUnits(a.key, b.key));
  return { ...live, tenant: { ...live.tenant, rooms: keyed } };
}
