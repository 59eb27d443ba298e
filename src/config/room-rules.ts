/**
 * Semantic rules for `rooms:` (docs/rooms.md). Number format and one owner per number are checked
 * with every other number (`listNumbers` in `semantic-rules.ts`).
 */
import type { Problem } from '../errors.js';
import { roomNameOf } from '../model/rooms.js';
import type { MergedConfig } from './merge-files.js';
import { name, problemAt, where } from './problem-at.js';

/** Every room rule, in order. */
export function checkRooms(config: MergedConfig): Problem[] {
  const declared = Object.keys(config.raw.offices ?? {}).sort();
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const [key, room] of Object.entries(config.raw.rooms ?? {})) {
    if (typeof room !== 'object' || room === null) continue;
    if (typeof room.office === 'string' && !declared.includes(room.office)) {
      const path = ['rooms', key, 'office'];
      problems.push(problemAt(config, path, `${name(config, path)} "${room.office}" is not a declared office (declared: ${declared.join(', ') || 'none'})`));
    }
    // Live rooms without a pinned id are matched by office and name, so that pair names one entry.
    if (typeof room.name !== 'string' || typeof room.office !== 'string' || room.id !== undefined) continue;
    const identity = `${room.office}\u0000${roomNameOf(room.name)}`;
    const first = seen.get(identity);
    if (first === undefined) {
      seen.set(identity, key);
      continue;
    }
    problems.push(
      problemAt(config, ['rooms', key, 'name'], `room "${key}" has the same name "${room.name}" in office ${room.office} as "${first}" (${where(config, ['rooms', first, 'name'])}): live rooms are matched by name within an office, so it must be unique there among rooms without an id (pin each with id: to keep both)`),
    );
  }
  return problems;
}
