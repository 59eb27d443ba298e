/**
 * The desk-phone reads of the Dialpad client (`createDialpadClient` composes them): a room's or
 * a user's desk phones (`deskphones.rooms.list`, `deskphones.users.list`), an inventory only:
 * dialform never registers, changes or removes a desk phone. `DeskPhone` carries the SIP
 * `password` of the device: the client keeps only the fields below, so it is never held, shown or
 * written.
 */
import type { Int64 } from './api-types.js';
import type { RecordShape } from './response-shape.js';
import type { CallSpec } from './transport.js';

/** `DeskPhone`: the inventory fields dialform keeps. */
export interface ApiDeskPhone {
  id?: string;
  name?: string;
  /** `yealink`, `polycom`, `obi`, … */
  type?: string;
  device_model?: string;
  mac_address?: string;
  phone_number?: string;
}

/** `DeskPhone`, checked at run time as the other records are (`response-shape.ts`). */
export const DESK_PHONE_SHAPE: RecordShape<ApiDeskPhone> = {
  noun: 'desk phone',
  fields: {
    id: 'string',
    name: 'string',
    type: 'string',
    device_model: 'string',
    mac_address: 'string',
    phone_number: 'string',
  },
  required: [],
};

const KEPT = Object.keys(DESK_PHONE_SHAPE.fields) as (keyof ApiDeskPhone)[];

/** The client's desk-phone methods (see `DialpadClient`). */
export interface DeskPhoneEndpoints {
  /** A room's desk phones (one request: `DeskPhoneCollection` has no cursor). */
  listRoomDeskPhones(roomId: Int64): Promise<ApiDeskPhone[]>;
  /** A user's desk phones (one request). */
  listUserDeskPhones(userId: Int64): Promise<ApiDeskPhone[]>;
}

/** What the desk-phone endpoints need from the client they are part of. */
export interface DeskPhoneClientParts {
  paginate<T>(shape: RecordShape<T>, spec: Omit<CallSpec<unknown>, 'idempotent' | 'method'>): Promise<T[]>;
}

const seg = (v: Int64): string => encodeURIComponent(String(v));

/** The inventory fields of `d`, and nothing else (no `password`, no SIP realm or port). */
function keepInventory(d: ApiDeskPhone): ApiDeskPhone {
  const kept: ApiDeskPhone = {};
  for (const f of KEPT) if (typeof d[f] === 'string') kept[f] = d[f];
  return kept;
}

export function createDeskPhoneEndpoints(parts: DeskPhoneClientParts): DeskPhoneEndpoints {
  const list = async (operation: string, path: string) => (await parts.paginate(DESK_PHONE_SHAPE, { operation, path })).map(keepInventory);
  return {
    listRoomDeskPhones: (roomId) => list('deskphones.rooms.list', `/api/v2/rooms/${seg(roomId)}/deskphones`),
    listUserDeskPhones: (userId) => list('deskphones.users.list', `/api/v2/users/${seg(userId)}/deskphones`),
  };
}
