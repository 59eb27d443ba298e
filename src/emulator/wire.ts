/**
 * State → API response shapes (UserProto, OfficeProto, NumberProto, PlanProto, …): emulator-only
 * fields stripped, int64 values as JSON strings, empty arrays / unset fields omitted. Also the
 * request-side coercions (int64 accepted as string or number).
 */
import { badRequest } from './http-failure.js';
import { SKILL_ON_ADD, getMemberships } from './groups.js';
import { getAvailable, getPurchased } from './licenses.js';
import type { Store } from './store.js';
import {
  GROUP_EMULATOR_FIELDS,
  LINE_FIELDS,
  NUMBER_EMULATOR_FIELDS,
  OFFICE_EMULATOR_FIELDS,
  USER_EMULATOR_FIELDS,
  type FixtureGroup,
  type FixtureNumber,
  type FixtureOperator,
  type FixtureOffice,
  type FixtureUser,
  type LineField,
} from './types.js';

export type Wire = Record<string, unknown>;

/** Drops undefined, null, '' and empty arrays (the API omits unset fields). */
export function compact(obj: Wire): Wire {
  const out: Wire = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

export function omit(obj: Wire, keys: readonly string[]): Wire {
  const out = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

export function toUserProto(store: Store, u: FixtureUser): Wire {
  const office = store.findOffice(u.office_id);
  const admins = u.admin_office_ids ?? [];
  const name = [u.first_name, u.last_name].filter(Boolean).join(' ');
  return compact({
    ...omit(u, USER_EMULATOR_FIELDS),
    id: u.id,
    company_id: store.state.company.id,
    office_id: u.office_id,
    admin_office_ids: admins,
    is_admin: u.is_super_admin === true || admins.length > 0,
    is_super_admin: u.is_super_admin === true,
    display_name: u.state === 'deleted' ? `${name} (deactivated)` : name,
    emails: u.emails,
    phone_numbers: u.phone_numbers ?? [],
    license: u.license,
    state: u.state,
    country: (u['country'] as string | undefined) ?? office?.country,
    // Derived from the groups' operators (and admin_office_ids), never stored on the user.
    group_details: getMemberships(store.state, store.version, u).map((m) => ({ ...m, do_not_disturb: false })),
  });
}

/** A user as `UserOrRoomProto` (the answer of an operator add or remove). */
export function toUserOrRoomProto(store: Store, u: FixtureUser): Wire {
  return compact({
    id: u.id,
    company_id: store.state.company.id,
    office_id: u.office_id,
    name: [u.first_name, u.last_name].filter(Boolean).join(' '),
    country: (u['country'] as string | undefined) ?? store.findOffice(u.office_id)?.country,
    image_url: u['image_url'],
    is_on_duty: false,
    phone_numbers: u.phone_numbers ?? [],
    state: u.state,
  });
}

/** A department as `DepartmentProto` or a call center as `CallCenterProto`. */
export function toGroupProto(store: Store, g: FixtureGroup): Wire {
  return compact({
    ...omit(g, GROUP_EMULATOR_FIELDS),
    id: g.id,
    name: g.name,
    office_id: g.office_id,
    country: store.findOffice(g.office_id)?.country,
    phone_numbers: g.phone_numbers ?? [],
    state: (g['state'] as string | undefined) ?? 'active',
  });
}

/** `OperatorSkillLevelProto`. */
export function toSkillProto(g: FixtureGroup, op: FixtureOperator): Wire {
  return { call_center_id: g.id, user_id: op.user_id, skill_level: String(op.skill_level ?? SKILL_ON_ADD.default) };
}

export function toOfficeProto(o: FixtureOffice): Wire {
  return compact({
    ...omit(o, OFFICE_EMULATOR_FIELDS),
    id: o.id,
    office_id: o.id,
    country: o.country.toLowerCase(),
    is_primary_office: o.is_primary_office === true,
    state: o.state ?? 'active',
  });
}

export function toNumberProto(store: Store, n: FixtureNumber): Wire {
  return compact({ ...omit(n, NUMBER_EMULATOR_FIELDS), company_id: store.state.company.id });
}

function toLineCounts(counts: Record<LineField, number>): Wire {
  return Object.fromEntries(LINE_FIELDS.map((f) => [f, String(counts[f])]));
}

export function toPlanProto(o: FixtureOffice): Wire {
  return toLineCounts(getPurchased(o));
}

export function toAvailableLicensesProto(store: Store, o: FixtureOffice): Wire {
  return toLineCounts(getAvailable(store.state, o));
}

export function toCompanyProto(store: Store): Wire {
  const c = store.state.company;
  return compact({
    ...c,
    office_count: String(store.state.offices.filter((o) => (o.state ?? 'active') === 'active').length),
    state: (c['state'] as string | undefined) ?? 'active',
  });
}

/** Reads an int64 request field sent as a string or a number; `undefined` when absent. */
export function readInt64(body: Wire, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return v;
  throw badRequest(`${field} must be an integer id (string or number)`);
}

export function readString(body: Wire, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`${field} must be a string`);
  return v;
}

export function readBoolean(body: Wire, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badRequest(`${field} must be a boolean`);
  return v;
}

/** Rejects fields the message type does not have (catches client typos and emulator-only extras). */
export function assertKnownFields(body: Wire, allowed: readonly string[], message: string): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw badRequest(`${message} has no field ${unknown.map((k) => `"${k}"`).join(', ')}`);
}

/** Parses a boolean query parameter (`true`/`false`/`1`/`0`). */
export function readQueryBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`query parameter ${name} must be true or false`);
}
