/**
 * `status --view rooms`: each room (a shared phone in an office, docs/rooms.md) with its office
 * and numbers. No read of phase 1 brings rooms, so the view costs the rooms list (`GET /rooms`,
 * paginated), read only when asked for (`readForRoomsStatus`); a config that manages rooms reads
 * it already, and then it is not read twice.
 */
import { compareCodeUnits } from '../model/compare.js';
import type { LiveState } from '../model/tenant.js';
import type { FollowUpReads, LiveReadScope } from '../dialpad/fetch-live.js';
import type { StatusSearch } from './search-status.js';

export interface StatusRoom {
  name: string;
  office: string;
  /** E.164, primary first. */
  numbers: string[];
}

/** `scope` plus the rooms list. */
export function readForRoomsStatus(scope: LiveReadScope): LiveReadScope {
  return {
    ...scope,
    followUp: async (phaseOne): Promise<FollowUpReads> => ({
      ...(await scope.followUp(phaseOne)),
      rooms: true,
    }),
  };
}

/** The rooms of `live` (read with `readForRoomsStatus`) filtered by `matches`, by office then name; none when they were not read. */
export function listStatusRooms(input: { live: LiveState; matches: StatusSearch; officeOf: (key: string) => string }): StatusRoom[] {
  const { live, matches, officeOf } = input;
  return (live.tenant.rooms ?? [])
    .map((r): StatusRoom => ({
      name: r.name,
      office: officeOf(r.office),
      numbers: [...(r.numbers ?? [])],
    }))
    .filter((r) => matches({ fields: [r.name, r.office, 'room'], numbers: r.numbers }))
    .sort((a, b) => compareCodeUnits(a.office, b.office) || compareCodeUnits(a.name, b.name));
}
