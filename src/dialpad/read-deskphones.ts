/**
 * The desk phones of every room read (`status --view rooms`, `import --with deskphones`): one
 * request per room (`GET /rooms/{id}/deskphones`), through the client's rate limiter. Read only:
 * no plan ever registers, changes or removes a desk phone.
 */
import type { Room } from '../model/tenant.js';
import { ApiError } from './api-error.js';
import type { ApiDeskPhone } from './client-deskphones.js';
import type { DialpadClient } from './client.js';

export interface RoomDeskPhones {
  /** By room key; a room whose read failed is absent. */
  byRoom: Map<string, ApiDeskPhone[]>;
  /** Reads that failed, as `fetchLive` names them (`LiveState.incomplete`). */
  incomplete: string[];
}

/** Each room's desk phones; a failed read is recorded, as `fetchLive` records one, except an auth failure, which is thrown. */
export async function readRoomDeskPhones(client: Pick<DialpadClient, 'listRoomDeskPhones'>, rooms: readonly Room[]): Promise<RoomDeskPhones> {
  const byRoom = new Map<string, ApiDeskPhone[]>();
  const incomplete: string[] = [];
  await Promise.all(
    rooms.map(async (room) => {
      if (room.id === undefined) return;
      try {
        byRoom.set(room.key, await client.listRoomDeskPhones(room.id));
      } catch (err) {
        if (!(err instanceof ApiError) || err.kind === 'unauthorized' || err.kind === 'forbidden') throw err;
        incomplete.push(`desk phones of room ${room.id}: ${err.message}`);
      }
    }),
  );
  return { byRoom, incomplete: incomplete.sort() };
}

/** One desk phone in a line: `Table phone (yealink, T54W, 805ec0a1b2c3, +14155550160)`. */
export function describeDeskPhone(d: ApiDeskPhone): string {
  const details = [d.type, d.device_model, d.mac_address, d.phone_number].filter((x): x is string => x !== undefined && x !== '');
  return `${d.name ?? d.id ?? 'unnamed'}${details.length === 0 ? '' : ` (${details.join(', ')})`}`;
}
