/**
 * `GET`/`PUT /api/v2/offices/{id}/e911` and `/api/v2/users/{id}/e911`. The emulator keeps an
 * office's address on the office (`e911_address`, also in `OfficeProto`) and a person's own on the
 * user (the emulator-only `e911_address`; `UserProto` has none): a user without one reads their
 * office's. It re-states what the spec says (`E911UpdateMessage`) rather than import the
 * planner's `model/e911.ts`, to catch a client that gets it wrong: `address`, `city`, `country`,
 * `state` and `zip` required and non-empty, every field single-line, a known country code.
 */
import { badRequest } from './http-failure.js';
import { assertOfficeAccess } from './auth.js';
import { getCallingCode } from './phone.js';
import type { Route, RouteContext } from './router.js';
import type { FixtureOffice, FixtureUser } from './types.js';
import { assertKnownFields, readBoolean, readString, type Wire } from './wire.js';

const ADDRESS_FIELDS = ['address', 'address2', 'city', 'country', 'state', 'zip'] as const;
const REQUIRED = ['address', 'city', 'country', 'state', 'zip'] as const;

type Address = Partial<Record<(typeof ADDRESS_FIELDS)[number], string>>;

/** The address in an `E911UpdateMessage`, validated; with `use_validated_option`, as Dialpad's validation writes it (upper case). */
function readAddress(body: Wire, extra: readonly string[], message: string): Address {
  assertKnownFields(body, [...ADDRESS_FIELDS, ...extra], message);
  const address: Address = {};
  for (const field of ADDRESS_FIELDS) {
    const value = readString(body, field);
    if (value !== undefined && /[\r\n]/.test(value)) throw badRequest(`${field} must be a single line`);
    if (value !== undefined && value.trim() !== '') address[field] = value.trim();
  }
  const missing = REQUIRED.filter((f) => address[f] === undefined);
  if (missing.length > 0) throw badRequest(`${message} is missing ${missing.map((f) => `"${f}"`).join(', ')}`);
  const country = (address.country ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country) || getCallingCode(country) === undefined) throw badRequest(`country "${address.country}" is not a supported ISO country code`);
  address.country = country.toLowerCase();
  if (readBoolean(body, 'use_validated_option') === true) {
    for (const f of ['address', 'address2', 'city'] as const) if (address[f] !== undefined) address[f] = address[f].toUpperCase();
  }
  return address;
}

/** `E911GetProto`: every field, `null` where unset. */
function toE911Proto(address: Address | undefined): Wire {
  return Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, address?.[f] ?? null]));
}

function visibleOffice(ctx: RouteContext): FixtureOffice {
  const office = ctx.store.getOffice(ctx.params['id'] ?? '');
  assertOfficeAccess(ctx.principal, office.id);
  return office;
}

function visibleUser(ctx: RouteContext): FixtureUser {
  const user = ctx.store.getUser(ctx.params['id'] ?? '');
  assertOfficeAccess(ctx.principal, user.office_id);
  return user;
}

/** A person's address: their own, else their office's. */
function addressOf(ctx: RouteContext, user: FixtureUser): Address | undefined {
  return (user['e911_address'] as Address | undefined) ?? (ctx.store.findOffice(user.office_id)?.['e911_address'] as Address | undefined);
}

export const e911Routes: Route[] = [
  { method: 'GET', template: '/api/v2/offices/{id}/e911', handle: (ctx) => ({ body: toE911Proto(visibleOffice(ctx)['e911_address'] as Address | undefined) }) },
  {
    method: 'PUT',
    template: '/api/v2/offices/{id}/e911',
    handle: (ctx) => {
      const office = visibleOffice(ctx);
      const address = readAddress(ctx.body, ['update_all', 'use_validated_option'], 'E911UpdateMessage');
      office['e911_address'] = address;
      // update_all: every user of the office takes the office's address (their own is replaced).
      if (readBoolean(ctx.body, 'update_all') === true) {
        for (const u of ctx.store.state.users) if (u.office_id === office.id && u.state !== 'deleted') u['e911_address'] = { ...address };
      }
      ctx.store.touch();
      return { body: toE911Proto(address) };
    },
  },
  { method: 'GET', template: '/api/v2/users/{id}/e911', handle: (ctx) => ({ body: toE911Proto(addressOf(ctx, visibleUser(ctx))) }) },
  {
    method: 'PUT',
    template: '/api/v2/users/{id}/e911',
    handle: (ctx) => {
      const user = visibleUser(ctx);
      if (user.state === 'deleted') throw badRequest(`user ${user.id} is deleted`);
      const address = readAddress(ctx.body, ['use_validated_option'], 'E911UpdateMessage');
      user['e911_address'] = address;
      ctx.store.touch();
      return { body: toE911Proto(address) };
    },
  },
];
