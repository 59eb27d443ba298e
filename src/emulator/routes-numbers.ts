/** /api/v2/numbers routes and the user assign/unassign number routes. */
import { badRequest, conflict } from './http-failure.js';
import { assertOfficeAccess } from './auth.js';
import { compareStrings, paginate } from './pagination.js';
import type { Route, RouteContext } from './router.js';
import { assertFreeAdditionalNumberLine } from './licenses.js';
import { assertLiveUser } from './rules.js';
import type { FixtureNumber, FixtureUser } from './types.js';
import { assertKnownFields, readBoolean, readQueryBoolean, readString, toNumberProto } from './wire.js';

/** A number from a path segment; a leading `+` may be sent encoded (%2B) or left off. */
function readPathNumber(ctx: RouteContext): string {
  const raw = (ctx.params['number'] ?? '').trim();
  return raw.startsWith('+') ? raw : `+${raw}`;
}

function getUser(ctx: RouteContext): FixtureUser {
  const user = ctx.store.getUser(ctx.params['id'] ?? '');
  assertOfficeAccess(ctx.principal, user.office_id);
  assertLiveUser(user);
  return user;
}

/**
 * POST /users/{id}/assign_number. With `number`: that number, which must be in the reserved pool
 * (409 when it is assigned, 400 when it is not a company number or otherwise unavailable).
 * Without: a pool number in the user's office country (matching `area_code` when given), else a
 * new one. `primary` (default true) makes it the user's first number. A number beyond the user's
 * first needs a free `additional_number_lines` in their office (400 otherwise).
 */
function assignNumber(ctx: RouteContext): FixtureNumber {
  const b = ctx.body;
  assertKnownFields(b, ['number', 'area_code', 'primary'], 'AssignNumberMessage');
  const user = getUser(ctx);
  const store = ctx.store;
  const wanted = readString(b, 'number');
  const areaCode = readString(b, 'area_code');
  const primary = readBoolean(b, 'primary') ?? true;
  let n: FixtureNumber;
  if (wanted !== undefined) {
    const found = store.state.numbers.find((x) => x.number === wanted);
    if (!found) throw badRequest(`${wanted} is not in the company's reserved pool`);
    if (found.target_type === 'user' && found.target_id === user.id) throw conflict(`${wanted} is already assigned to this user`);
    if (found.target_id !== undefined) throw conflict(`${wanted} is assigned to ${found.target_type ?? 'a target'} ${found.target_id}`);
    if (!store.isInPool(found)) throw badRequest(`${wanted} is not in the company's reserved pool (status ${found.status})`);
    assertAdditionalLine(store, user);
    n = found;
  } else {
    assertAdditionalLine(store, user);
    n = store.takeNumber(store.getOffice(user.office_id).country, areaCode);
  }
  store.attachNumber(n, user, primary);
  return n;
}

/** A number beyond the user's first takes an additional-number line of their office (400 when none is free). */
function assertAdditionalLine(store: RouteContext['store'], user: FixtureUser): void {
  if ((user.phone_numbers ?? []).length > 0) assertFreeAdditionalNumberLine(store.state, store.getOffice(user.office_id));
}

/** POST /users/{id}/unassign_number: the number goes to the reserved pool. */
function unassignNumber(ctx: RouteContext): FixtureNumber {
  assertKnownFields(ctx.body, ['number'], 'UnassignNumberMessage');
  const user = getUser(ctx);
  const number = readString(ctx.body, 'number');
  if (!number) throw badRequest('number is required');
  if (!(user.phone_numbers ?? []).includes(number)) throw badRequest(`${number} is not assigned to user ${user.id}`);
  const n = ctx.store.getNumber(number);
  ctx.store.detachNumber(n);
  return n;
}

export const numberRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/v2/numbers',
    companyAdmin: true,
    handle: (ctx) => {
      const status = ctx.query.get('status');
      const numbers = ctx.store.sortedView('numbers', ctx.store.state.numbers, (n) => n.number, compareStrings);
      const page = paginate(numbers, {
        path: ctx.path,
        query: ctx.query,
        keyOf: (n) => n.number,
        compare: compareStrings,
        filter: (n) => status === null || n.status === status,
      });
      return { body: { ...page, ...(page.items ? { items: page.items.map((n) => toNumberProto(ctx.store, n)) } : {}) } };
    },
  },
  {
    method: 'GET',
    template: '/api/v2/numbers/{number}',
    companyAdmin: true,
    handle: (ctx) => ({ body: toNumberProto(ctx.store, ctx.store.getNumber(readPathNumber(ctx))) }),
  },
  {
    method: 'DELETE',
    template: '/api/v2/numbers/{number}',
    companyAdmin: true,
    handle: (ctx) => {
      const n = ctx.store.getNumber(readPathNumber(ctx));
      if (readQueryBoolean(ctx.query, 'release') === true) ctx.store.releaseNumber(n);
      else ctx.store.detachNumber(n);
      return { body: toNumberProto(ctx.store, n) };
    },
  },
  { method: 'POST', template: '/api/v2/users/{id}/assign_number', handle: (ctx) => ({ body: toNumberProto(ctx.store, assignNumber(ctx)) }) },
  { method: 'POST', template: '/api/v2/users/{id}/unassign_number', handle: (ctx) => ({ body: toNumberProto(ctx.store, unassignNumber(ctx)) }) },
];
