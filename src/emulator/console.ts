/**
 * The emulator console under `/_emulator/`: what a person does in Dialpad's web UI, which the
 * API cannot do (transfer licenses, restore a deleted user, analytics and proxy permissions), plus
 * test controls (clock, state snapshot, reset, statistics), the views of the console page
 * (`views`) and its way to the API's own handlers (`api`). JSON in and out, no API key.
 */
import { API_ROUTES } from './api-routes.js';
import { buildConsoleViews } from './console-views.js';
import { HttpFailure, badRequest, notFound } from './http-failure.js';
import { matchRoute, type RouteResult } from './router.js';
import { assertLiveUser, restoreUser, transferLicenses } from './rules.js';
import { parseIsoTime, type Store } from './store.js';
import { LINE_FIELDS, type LineField } from './types.js';
import { assertKnownFields, readBoolean, readInt64, readString, toAvailableLicensesProto, toUserProto } from './wire.js';

export interface ConsoleContext {
  store: Store;
  body: Record<string, unknown>;
  query: URLSearchParams;
  /** Request statistics (GET /_emulator/stats). */
  readStats(): unknown;
}

function requireId(body: Record<string, unknown>, field: string): string {
  const id = readInt64(body, field);
  if (id === undefined) throw badRequest(`${field} is required`);
  return id;
}

function requireBoolean(body: Record<string, unknown>, field: string): boolean {
  const v = readBoolean(body, field);
  if (v === undefined) throw badRequest(`${field} is required`);
  return v;
}

/**
 * Sets a no-API permission for `user_id`, or for every user of `user_ids` (the bulk checkbox
 * action: all or nothing, every user is checked before any changes).
 */
function setUserFlag(ctx: ConsoleContext, flag: 'analytics' | 'proxy'): RouteResult {
  const b = ctx.body;
  assertKnownFields(b, ['user_id', 'user_ids', 'enabled'], flag);
  const enabled = requireBoolean(b, 'enabled');
  const single = b['user_ids'] === undefined;
  if (!single && b['user_id'] !== undefined) throw badRequest('send user_id or user_ids, not both');
  const ids = single ? [b['user_id']] : b['user_ids'];
  if (!Array.isArray(ids) || ids.length === 0) throw badRequest('user_ids must be a non-empty array of user ids');
  const field = (i: number): string => (single ? 'user_id' : `user_ids[${i}]`);
  const users = ids.map((id, i) => ctx.store.getUser(requireId({ [field(i)]: id }, field(i))));
  for (const user of users) assertLiveUser(user);
  for (const user of users) user[flag] = enabled;
  ctx.store.touch();
  return { body: single ? { user_id: users[0]?.id, [flag]: enabled } : { user_ids: users.map((u) => u.id), [flag]: enabled } };
}

/**
 * The console page's way to the API: runs the /api/v2 handler for `method` and `path` with a
 * company-admin principal, so a page action goes through the very code, rules and error messages
 * of the API call it stands for (delete, admin, move a user, assign or release a number).
 */
function callApi(ctx: ConsoleContext): RouteResult {
  const b = ctx.body;
  assertKnownFields(b, ['method', 'path', 'body'], 'api');
  const method = readString(b, 'method');
  const target = readString(b, 'path');
  if (method === undefined || target === undefined) throw badRequest('method and path are required');
  const url = new URL(target, 'http://emulator.invalid');
  const match = matchRoute(API_ROUTES, method, url.pathname);
  if (!match) throw notFound(`no such endpoint: ${method} ${url.pathname}`);
  if (!('route' in match)) throw new HttpFailure(405, `${method} is not allowed on ${url.pathname}`);
  const inner = b['body'] ?? {};
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) throw badRequest('body must be a JSON object');
  ctx.store.sweepDeletedUsers();
  return match.route.handle({
    store: ctx.store,
    principal: { scope: 'company' },
    params: match.params,
    query: url.searchParams,
    body: inner as Record<string, unknown>,
    path: url.pathname,
  });
}

function moveClock(ctx: ConsoleContext): RouteResult {
  const b = ctx.body;
  assertKnownFields(b, ['advance_seconds', 'now'], 'clock');
  const advance = b['advance_seconds'];
  const now = readString(b, 'now');
  if ((advance === undefined) === (now === undefined)) throw badRequest('send exactly one of advance_seconds or now');
  if (advance !== undefined) {
    if (typeof advance !== 'number' || !Number.isFinite(advance)) throw badRequest('advance_seconds must be a number');
    ctx.store.setClock(new Date(ctx.store.now().getTime() + advance * 1000));
  } else {
    const t = parseIsoTime(now ?? '');
    if (Number.isNaN(t)) throw badRequest('now must be an ISO date-time');
    ctx.store.setClock(new Date(t));
  }
  ctx.store.sweepDeletedUsers();
  return { body: { now: ctx.store.now().toISOString() } };
}

function transfer(ctx: ConsoleContext): RouteResult {
  const b = ctx.body;
  assertKnownFields(b, ['from_office_id', 'to_office_id', 'line', 'count'], 'transfer_licenses');
  const from = ctx.store.getOffice(requireId(b, 'from_office_id'));
  const to = ctx.store.getOffice(requireId(b, 'to_office_id'));
  const line = readString(b, 'line');
  if (!line || !(LINE_FIELDS as readonly string[]).includes(line)) throw badRequest(`line must be one of ${LINE_FIELDS.join(', ')}`);
  const count = b['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw badRequest('count must be a positive integer');
  transferLicenses(ctx.store, from, to, line as LineField, count);
  return {
    body: {
      from: { office_id: from.id, available_licenses: toAvailableLicensesProto(ctx.store, from) },
      to: { office_id: to.id, available_licenses: toAvailableLicensesProto(ctx.store, to) },
    },
  };
}

const HANDLERS: Record<string, (ctx: ConsoleContext) => RouteResult> = {
  'POST /_emulator/transfer_licenses': transfer,
  'POST /_emulator/restore_user': (ctx) => {
    assertKnownFields(ctx.body, ['user_id'], 'restore_user');
    const user = ctx.store.getUser(requireId(ctx.body, 'user_id'));
    restoreUser(ctx.store, user);
    return { body: toUserProto(ctx.store, user) };
  },
  'POST /_emulator/analytics': (ctx) => setUserFlag(ctx, 'analytics'),
  'POST /_emulator/proxy': (ctx) => setUserFlag(ctx, 'proxy'),
  'POST /_emulator/clock': moveClock,
  'POST /_emulator/api': callApi,
  'GET /_emulator/views': (ctx) => {
    ctx.store.sweepDeletedUsers();
    return { body: buildConsoleViews(ctx.store, ctx.query.get('search') ?? undefined) };
  },
  'GET /_emulator/clock': (ctx) => ({ body: { now: ctx.store.now().toISOString() } }),
  'GET /_emulator/state': (ctx) => ({ body: ctx.store.snapshot() }),
  'POST /_emulator/reset': (ctx) => {
    ctx.store.reset();
    return { body: { reset: true } };
  },
  'GET /_emulator/stats': (ctx) => ({ body: ctx.readStats() }),
};

/** Runs one console request; throws `HttpFailure` for bad input or an unknown endpoint. */
export function handleConsole(method: string, path: string, ctx: ConsoleContext): RouteResult {
  const handler = HANDLERS[`${method} ${path}`];
  if (!handler) {
    if (Object.keys(HANDLERS).some((k) => k.endsWith(` ${path}`))) throw new HttpFailure(405, `${method} is not allowed on ${path}`);
    throw notFound(`no console endpoint ${path}`);
  }
  return handler(ctx);
}
