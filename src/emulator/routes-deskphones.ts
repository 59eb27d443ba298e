/**
 * The desk phones of a room or a user (`GET /api/v2/rooms/{id}/deskphones`,
 * `GET /api/v2/users/{id}/deskphones`: `DeskPhoneCollection`, one page, no cursor), from the
 * fixture's `deskphones` of that room or user. Read only: dialform never registers or removes a
 * desk phone, so the emulator serves no write.
 */
import { assertOfficeAccess } from './auth.js';
import type { Route, RouteContext } from './router.js';
import type { FixtureDeskPhone } from './types.js';
import { compact, type Wire } from './wire.js';

/** `DeskPhone`; an id the fixture does not give is made as Dialpad's look (`<number>-<owner type>-<owner id>-<type>-<index>`). */
function toDeskPhone(d: FixtureDeskPhone, owner: { type: 'room' | 'user'; id: string }, index: number): Wire {
  return compact({
    ...d,
    id: d.id ?? `${d.phone_number ?? 'none'}-${owner.type}-${owner.id}-${d.type}-${index}`,
    owner_id: owner.id,
    owner_type: owner.type,
  });
}

function listRoomDeskPhones(ctx: RouteContext): Wire {
  const room = ctx.store.getRoom(ctx.params['parent_id'] ?? '');
  assertOfficeAccess(ctx.principal, room.office_id);
  return {
    items: (room.deskphones ?? []).map((d, i) => toDeskPhone(d, { type: 'room', id: room.id }, i)),
  };
}

function listUserDeskPhones(ctx: RouteContext): Wire {
  const user = ctx.store.getUser(ctx.params['parent_id'] ?? '');
  assertOfficeAccess(ctx.principal, user.office_id);
  return {
    items: ((user['deskphones'] as FixtureDeskPhone[] | undefined) ?? []).map((d, i) => toDeskPhone(d, { type: 'user', id: user.id }, i)),
  };
}

export const deskPhoneRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/v2/rooms/{parent_id}/deskphones',
    handle: (ctx) => ({ body: listRoomDeskPhones(ctx) }),
  },
  {
    method: 'GET',
    template: '/api/v2/users/{parent_id}/deskphones',
    handle: (ctx) => ({ body: listUserDeskPhones(ctx) }),
  },
];
