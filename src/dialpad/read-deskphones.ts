/**
 * The desk phones of every room read (`status --view rooms`, `import --with deskphones`): one
 * request per room (`GET /rooms/{id}/deskphones`), through the client's rate limiter; of users
 * (`status --with deskphones`), one request per user. Read only:
 * no plan ever registers, changes or removes a desk phone.
 */
import type { Room, User } from '../model/tenant.js';
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
  const { read: byRoom, incomplete } = await readEach(rooms, (room) => room.id, (room) => room.key, (id) => client.listRoomDeskPhones(id), 'room');
  return { byRoom, incomplete };
}

export interface UserDeskPhones {
  /** By user email (lower-cased, as the model keys users); a user whose read failed is absent. */
  byUser: Map<string, ApiDeskPhone[]>;
  /** Reads that failed, as `fetchLive` names them (`LiveState.incomplete`). */
  incomplete: string[];
}

/**
 * Each user's desk phones (`status --with deskphones`): one request per user
 * (`GET /users/{id}/deskphones`); failures as `readRoomDeskPhones` records them.
 */
export async function readUserDeskPhones(client: Pick<DialpadClient, 'listUserDeskPhones'>, users: readonly User[]): Promise<UserDeskPhones> {
  const { read: byUser, incomplete } = await readEach(users, (user) => user.id, (user) => user.email.toLowerCase(), (id) => client.listUserDeskPhones(id), 'user');
  return { byUser, incomplete };
}

/** One desk-phone read per owner with an id, at once (the client's rate limiter spaces them); the phones by `keyOf` owner. */
async function readEach<T>(owners: readonly T[], idOf: (owner: T) => string | undefined, keyOf: (owner: T) => string, list: (id: string) => Promise<ApiDeskPhone[]>, noun: string) {
  const read = new Map<string, ApiDeskPhone[]>();
  const incomplete: string[] = [];
  await Promise.all(
    owners.map(async (owner) => {
      const id = idOf(owner);
      if (id === undefined) return;
      try {
        read.set(keyOf(owner), await list(id));
      } catch (err) {
        if (!(err instanceof ApiError) || err.kind === 'unauthorized' || err.kind === 'forbidden') throw err;
        incomplete.push(`desk phones of ${noun} ${id}: ${err.message}`);
      }
    }),
  );
  return { read, incomplete: incomplete.sort() };
}

/** One desk phone in a line: `Table phone (yealink, T54W, 805ec0a1b2c3, +14155550160)`. */
export function describeDeskPhone(d: ApiDeskPhone): string {
  const details = [d.type, d.device_model, d.mac_address, d.phone_number].filter((x): x is string => x !== undefined && x !== '');
  return `${d.name ?? d.id ?? 'unnamed'}${details.length === 0 ? '' : ` (${details.join(', ')})`}`;
}
