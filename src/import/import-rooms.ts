/** The `rooms:` section import writes (docs/rooms.md). */
import { isMap, isPair, isScalar, type Document, type YAMLMap } from 'yaml';
import type { RawConfig, RawRoom } from '../config/raw-types.js';
import type { ApiDeskPhone } from '../dialpad/client-deskphones.js';
import { describeDeskPhone } from '../dialpad/read-deskphones.js';
import { compareCodeUnits } from '../model/compare.js';
import type { Room } from '../model/tenant.js';

/**
 * Every live room, pinned by its live id (a rename is then an update) with its numbers, under a
 * key from its name made unique; absent when the company has none (rooms stay unmanaged, and
 * unread, until config adds a section). `rooms` undefined: not read. `keys`: the config key of each room, by room key.
 */
export function rawRooms(rooms: readonly Room[] | undefined, offices: Map<string, string>, keys: ReadonlyMap<string, string>): Pick<RawConfig, 'rooms'> {
  if (rooms === undefined || rooms.length === 0) return {};
  const entries = [...rooms]
    .sort((a, b) => compareCodeUnits(keys.get(a.key) ?? '', keys.get(b.key) ?? ''))
    .map((r): [string, RawRoom] => [
      keys.get(r.key) ?? r.key,
      { name: r.name, office: offices.get(r.office) ?? r.office, ...(r.id === undefined ? {} : { id: r.id }), numbers: [...(r.numbers ?? [])] },
    ]);
  return { rooms: Object.fromEntries(entries) };
}

/**
 * `import --with deskphones`: each room's desk phones as a comment on its key in `doc` (the main
 * file). An inventory for the reader, not config: dialform never manages desk phones, so nothing
 * plans from it. `keys` are the rooms' config keys (`rawRooms`'), by room key.
 */
export function commentDeskPhones(doc: Document, keys: ReadonlyMap<string, string>, deskPhones: ReadonlyMap<string, readonly ApiDeskPhone[]>): void {
  const rooms = doc.get('rooms', true);
  if (!isMap(rooms)) return;
  const byConfigKey = new Map([...keys].map(([roomKey, configKey]) => [configKey, deskPhones.get(roomKey)]));
  for (const pair of (rooms as YAMLMap).items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const phones = byConfigKey.get(String(pair.key.value));
    if (phones === undefined) continue;
    // One line per phone: a line break in a name (Dialpad's, set by whoever edits the device) is a space.
    const lines = phones.length === 0 ? ['no desk phone'] : phones.map((d) => describeDeskPhone(d).replace(/[\r\n\u0085\u2028\u2029]+/g, ' '));
    pair.key.commentBefore = ` desk phones (read only, not managed by dialform):\n${lines.map((l) => `   ${l}`).join('\n')}`;
  }
}
