/** The `rooms:` section import writes (docs/rooms.md). */
import type { RawConfig, RawRoom } from '../config/raw-types.js';
import { compareCodeUnits } from '../model/compare.js';
import type { Room } from '../model/tenant.js';

/**
 * Every live room, pinned by its live id (a rename is then an update) with its numbers, under a
 * key from its name made unique; absent when the company has none (rooms stay unmanaged, and
 * unread, until config adds a section). `rooms` undefined: not read.
 */
export function rawRooms(rooms: readonly Room[] | undefined, offices: Map<string, string>, assignKeys: (items: Room[], fallback: string) => Map<string, string>): Pick<RawConfig, 'rooms'> {
  if (rooms === undefined || rooms.length === 0) return {};
  const keys = assignKeys([...rooms], 'room');
  const entries = [...rooms]
    .sort((a, b) => compareCodeUnits(keys.get(a.key) ?? '', keys.get(b.key) ?? ''))
    .map((r): [string, RawRoom] => [
      keys.get(r.key) ?? r.key,
      { name: r.name, office: offices.get(r.office) ?? r.office, ...(r.id === undefined ? {} : { id: r.id }), numbers: [...(r.numbers ?? [])] },
    ]);
  return { rooms: Object.fromEntries(entries) };
}
