/** /api/v2/users/{id}/caller_id: the number a user presents on outbound calls (`CallerIdProto`). */
import { assertOfficeAccess } from './auth.js';
import { badRequest } from './http-failure.js';
import type { Route, RouteContext } from './router.js';
import { assertLiveUser } from './rules.js';
import type { Store } from './store.js';
import type { FixtureUser } from './types.js';
import { assertKnownFields, compact, readString } from './wire.js';

/** The numbers `user` may present: their own, their office's main line, each of their groups' first number (also the console's choices). */
export function listCallerIdChoices(store: Store, user: FixtureUser): { phoneNumbers: string[]; officeMainLine?: string; groups: { caller_id: string; display_name: string }[] } {
  const mainLine = store.findOffice(user.office_id)?.phone_numbers?.[0];
  const groups = [...(store.state.departments ?? []), ...(store.state.call_centers ?? [])]
    .filter((g) => g.operators.some((o) => o.user_id === user.id))
    .flatMap((g) => (g.phone_numbers ?? []).slice(0, 1).map((n) => ({ caller_id: n, display_name: g.name })));
  return { phoneNumbers: user.phone_numbers ?? [], ...(mainLine === undefined ? {} : { officeMainLine: mainLine }), groups };
}

function toCallerIdProto(store: Store, user: FixtureUser): Record<string, unknown> {
  const choices = listCallerIdChoices(store, user);
  return compact({
    id: user.id,
    caller_id: user.caller_id ?? choices.phoneNumbers[0],
    primary_phone: choices.phoneNumbers[0],
    phone_numbers: choices.phoneNumbers,
    office_main_line: choices.officeMainLine,
    forwarding_numbers: user['forwarding_numbers'],
    groups: choices.groups,
  }) as Record<string, unknown>;
}

function getUser(ctx: RouteContext): FixtureUser {
  const user = ctx.store.getUser(ctx.params['id'] ?? '');
  assertOfficeAccess(ctx.principal, user.office_id);
  return user;
}

/** POST: `blocked`, or a number the user, their office or one of their groups holds; anything else is a 400. */
function setCallerId(ctx: RouteContext): FixtureUser {
  assertKnownFields(ctx.body, ['caller_id'], 'SetCallerIdMessage');
  const user = getUser(ctx);
  assertLiveUser(user);
  const wanted = readString(ctx.body, 'caller_id');
  if (wanted === undefined) throw badRequest('caller_id is required');
  if (wanted !== 'blocked') {
    const c = listCallerIdChoices(ctx.store, user);
    const held = [...c.phoneNumbers, ...(c.officeMainLine === undefined ? [] : [c.officeMainLine]), ...c.groups.map((g) => g.caller_id)];
    if (!held.includes(wanted)) throw badRequest(`caller_id ${wanted} is not a number this user, their office or one of their groups holds`);
  }
  user.caller_id = wanted;
  ctx.store.touch();
  return user;
}

export const callerIdRoutes: Route[] = [
  { method: 'GET', template: '/api/v2/users/{id}/caller_id', handle: (ctx) => ({ body: toCallerIdProto(ctx.store, getUser(ctx)) }) },
  { method: 'POST', template: '/api/v2/users/{id}/caller_id', handle: (ctx) => ({ body: toCallerIdProto(ctx.store, setCallerId(ctx)) }) },
];
