/**
 * Lookups in a fresh read of Dialpad (`LiveState` as `fetchLive` returns it, keyed by live ids)
 * for the kinds' `landed` checks (`KindSpec.landed`): whether a write apply started and never saw
 * finish already shows.
 */
import { groupNameOf, liveGroupKey, membershipsOf } from '../../model/groups.js';
import { liveOfficeKey } from '../../model/match-offices.js';
import { liveRoomKey, roomNameOf } from '../../model/rooms.js';
import type { LiveState, Room, User } from '../../model/tenant.js';
import type { GroupRef, RoomRef, UserTarget } from '../types.js';

/** The live user an operation targets: by id when the plan knows it, else by (primary) email. */
export function readUser(live: LiveState, target: UserTarget): User | undefined {
  const users = live.tenant.users;
  if (target.id !== undefined) return users.find((u) => u.id === target.id);
  const email = target.email.toLowerCase();
  return users.find((u) => u.email === email && u.state !== 'deleted') ?? users.find((u) => u.email === email);
}

/** The live group a reference names: by id when the plan knows it, else by type, name and office. */
export function readGroup(live: LiveState, ref: GroupRef) {
  const groups = live.tenant.groups ?? [];
  if (ref.id !== undefined) return groups.find((g) => g.key === liveGroupKey(ref.group_type, ref.id as string) || g.id === ref.id);
  const name = groupNameOf(ref.name);
  // The office as the id-keyed read names it, when the plan knows its id (an office created in the run has none).
  const office = ref.office.id === undefined ? undefined : liveOfficeKey(ref.office.id);
  return groups.find((g) => g.type === ref.group_type && groupNameOf(g.name) === name && (office === undefined || g.office === office));
}

/** The membership of the user `target` names in the group `ref` names, if both exist and it does. */
export function readMembership(live: LiveState, target: UserTarget, ref: GroupRef) {
  const user = readUser(live, target);
  const group = readGroup(live, ref);
  if (user === undefined || group === undefined) return undefined;
  return (membershipsOf(user, ref.group_type) ?? []).find((m) => m.group === group.key);
}

/** The live room a reference names: by id when the plan knows it, else by name (and office, when its id is known). */
export function readRoom(live: LiveState, ref: RoomRef): Room | undefined {
  const rooms = live.tenant.rooms ?? [];
  if (ref.id !== undefined) return rooms.find((r) => r.key === liveRoomKey(ref.id as string) || r.id === ref.id);
  const office = ref.office.id === undefined ? undefined : liveOfficeKey(ref.office.id);
  return rooms.find((r) => roomNameOf(r.name) === roomNameOf(ref.name) && (office === undefined || r.office === office));
}
