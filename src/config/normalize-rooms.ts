/** `rooms:` entries into the model's `Room`s (docs/rooms.md). */
import { compareCodeUnits } from '../model/compare.js';
import type { Room } from '../model/tenant.js';
import { normalizeFields, type Fields } from './normalize.js';
import type { RawRoom } from './raw-types.js';

const ROOM_FIELDS: Fields<RawRoom, Room> = {
  name: (v) => ({ name: v }),
  office: (v) => ({ office: v }),
  id: (v) => (v === undefined ? {} : { id: v }),
  // Absent: the room's numbers are not managed; the order is kept (the first is the primary).
  numbers: (v) => (v === undefined ? {} : { numbers: [...v] }),
};

/** The rooms of a `rooms:` section, sorted by key; `sourceOf(key)` is where each is declared. */
export function normalizeRooms(raw: Record<string, RawRoom>, sourceOf: (key: string) => string): Room[] {
  return Object.entries(raw)
    .map(([key, room]) => ({ key, ...normalizeFields(room, ROOM_FIELDS), source: sourceOf(key) }) as Room)
    .sort((a, b) => compareCodeUnits(a.key, b.key));
}
