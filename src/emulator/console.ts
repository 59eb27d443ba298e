/**
 * The emulator console under `/_emulator/`: what a person does in Dialpad's web UI, which the
 * API cannot do (transfer licenses, restore a deleted user, analytics and proxy permissions), plus
 * test controls (clock, state snapshot, reset, statistics). JSON in and out, no API key.
 */
import { HttpFailure, badRequest, notFound } from './http-failure.js';
import type { RouteResult } from './router.js';
import { restoreUser, transferLicenses } from './rules.js';
import { parseIsoTime, type Store } from './store.js';
import { LINE_FIELDS, type LineField } from './types.js';
import { assertKnownFields, readBoolean, readInt64, readString, toAvailableLicensesProto, toUserProto } from './wire.js';

export interface ConsoleContext {
  store: Store;
  body: Record<string, unknown>;
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

function setUserFlag(ctx: ConsoleContext, flag: 'analytics' | 'proxy'): RouteResult {
  assertKnownFields(ctx.body, ['user_id', 'enabled'], flag);
  const user = ctx.store.getUser(requireId(ctx.body, 'user_id'));
  user[flag] = requireBoolean(ctx.body, 'enabled');
  ctx.store.touch();
  return { body: { user_id: user.id, [flag]: user[flag] } };
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
