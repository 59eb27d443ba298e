/**
 * `status --view rooms`: each room (a shared phone in an office, docs/rooms.md) with its office,
 * numbers and desk phones. No read of phase 1 brings rooms, so the view costs the rooms list
 * (`GET /rooms`, paginated), read only when asked for (`readForRoomsStatus`; a config that manages
 * rooms reads it already, and then it is not read twice), and one request per room for its desk
 * phones (`readRoomDeskPhones`).
 */
import { compareCodeUnits } from '../model/compare.js';
import type { LiveState } from '../model/tenant.js';
import type { FollowUpReads, LiveReadScope } from '../dialpad/fetch-live.js';
import type { ApiDeskPhone } from '../dialpad/client-deskphones.js';
import type { StatusSearch } from './search-status.js';

/** A desk phone as the view shows it (an inventory: never written). */
export interface StatusDeskPhone {
  name: string;
  /** `yealink`, `polycom`, `obi`, … */
  type: string | null;
  model: string | null;
  mac_address: string | null;
  number: string | null;
}

export interface StatusRoom {
  name: string;
  office: string;
  /** E.164, primary first. */
  numbers: string[];
  /** `null`: not read (the read failed: `incomplete` says so). */
  deskphones: StatusDeskPhone[] | null;
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
export function listStatusRooms(input: { live: LiveState; deskPhones: ReadonlyMap<string, readonly ApiDeskPhone[]>; matches: StatusSearch; officeOf: (key: string) => string }): StatusRoom[] {
  const { live, deskPhones, matches, officeOf } = input;
  return (live.tenant.rooms ?? [])
    .map((r): StatusRoom => {
      const phones = deskPhones.get(r.key);
      return { name: r.name, office: officeOf(r.office), numbers: [...(r.numbers ?? [])], deskphones: phones === undefined ? null : phones.map(toStatusDeskPhone) };
    })
    .filter((r) => matches({ fields: [r.name, r.office, 'room', ...(r.deskphones ?? []).flatMap((d) => [d.name, d.type ?? '', d.model ?? '', d.mac_address ?? ''])], numbers: r.numbers }))
    .sort((a, b) => compareCodeUnits(a.office, b.office) || compareCodeUnits(a.name, b.name));
}

/** A desk phone read (`ApiDeskPhone`) as a view shows it. */
export function toStatusDeskPhone(d: ApiDeskPhone): StatusDeskPhone {
  return { name: d.name ?? d.id ?? '', type: d.type ?? null, model: d.device_model ?? null, mac_address: d.mac_address ?? null, number: d.phone_number ?? null };
}
