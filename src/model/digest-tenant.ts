import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { PhoneNumber, Tenant, User } from './tenant.js';
import { compareCodeUnits } from './compare.js';

/** Maps an office key to what the digest records for it (e.g. its live id). */
export type OfficeIdentity = (key: string) => string;

type Writer<T> = ((item: T, office: OfficeIdentity) => unknown) | null;

/**
 * What the digest records of each user field. Typed over every key of `User`, so a new field does
 * not compile until it is listed here; `null` leaves a field out (where it was declared).
 */
const USER_FIELDS: { [K in keyof Required<User>]: Writer<User> } = {
  email: (u) => u.email,
  id: (u) => u.id,
  firstName: (u) => u.firstName,
  lastName: (u) => u.lastName,
  office: (u, office) => office(u.office),
  license: (u) => u.license,
  // Most users administer no office: nothing to map or sort (sorting even an empty list costs, 50,000 times).
  admin: (u, office) => [u.admin.company, u.admin.offices.length === 0 ? [] : u.admin.offices.map(office).sort()],
  state: (u) => u.state,
  numbers: (u) => u.numbers,
  deletedAt: (u) => u.deletedAt,
  analytics: (u) => u.analytics,
  proxy: (u) => u.proxy,
  allowNumberChange: (u) => u.allowNumberChange,
  allowNumberLoss: (u) => u.allowNumberLoss,
  allowNewAccount: (u) => u.allowNewAccount,
  previousEmails: (u) => u.previousEmails,
  // In the config digest's `extra` when set (`digestConfig`), so digests without it are unchanged.
  lifecycle: null,
  startsOn: null,
  leavesOn: null,
  // With the groups, only when there are some (`hashGroups`), so digests without them are unchanged.
  departments: null,
  callCenters: null,
  // Only when some user has one (`hashE911`), so digests without them are unchanged.
  e911: null,
  // Written only when some user has them (`hashSettings`), so digests without them are unchanged.
  settings: null,
  callerId: null,
  callerIdChoices: null,
  source: null,
};

const NUMBER_FIELDS: { [K in keyof Required<PhoneNumber>]: Writer<PhoneNumber> } = {
  number: (n) => n.number,
  status: (n) => n.status,
  office: (n, office) => (n.office === undefined ? undefined : office(n.office)),
  userEmail: (n) => n.userEmail,
  targetType: (n) => n.targetType,
  targetId: (n) => n.targetId,
  type: (n) => n.type,
};

/**
 * Feeds a tenant into `hash` deterministically: company and offices as canonical JSON (offices
 * re-keyed through `office` and sorted by it), then one compact JSON line per user and per number
 * (tenants keep those sorted). Users and numbers are the bulk of a large company, so they are
 * written field by field instead of through a generic key-sorting serializer.
 */
export function hashTenant(hash: Hash, tenant: Tenant, office: OfficeIdentity = (key) => key): void {
  hash.update(canonicalJson(tenant.company, { omit: OMIT }));
  const offices = tenant.offices.map((o) => ({ ...o, key: office(o.key) })).sort((a, b) => compareCodeUnits(a.key, b.key));
  hash.update(canonicalJson(offices, { omit: OMIT }));
  hashLines(hash, tenant.users, USER_FIELDS, office);
  hashLines(hash, tenant.numbers, NUMBER_FIELDS, office);
  hashGroups(hash, tenant, office);
  hashRooms(hash, tenant, office);
  hashE911(hash, tenant);
  hashSettings(hash, tenant);
}

/** Users' E911 addresses (declared, or read), written only when some user has one. Offices' are in the offices' JSON. */
function hashE911(hash: Hash, tenant: Tenant): void {
  const addresses: unknown[] = [];
  for (const u of tenant.users) if (u.e911 !== undefined) addresses.push([u.email, u.e911]);
  if (addresses.length > 0) hash.update(canonicalJson({ e911: addresses }, { omit: OMIT }));
}

/** Phone settings and caller IDs, written only when some user has them (a tenant without any hashes as it always did). */
function hashSettings(hash: Hash, tenant: Tenant): void {
  const settings: unknown[] = [];
  for (const u of tenant.users) {
    if (u.settings === undefined && u.callerId === undefined) continue;
    settings.push([u.email, u.settings ?? null, ...(u.callerId === undefined ? [] : [u.callerId, u.callerIdChoices ?? null])]);
  }
  if (settings.length > 0) hash.update(canonicalJson({ settings }));
}

/** Rooms, written only when the tenant has a `rooms` list (a tenant without one hashes as it always did). */
function hashRooms(hash: Hash, tenant: Tenant, office: OfficeIdentity): void {
  if (tenant.rooms === undefined) return;
  hash.update(canonicalJson({ rooms: tenant.rooms.map((r) => ({ ...r, office: office(r.office) })) }, { omit: OMIT }));
}

/** Groups and memberships, written only when the tenant has any (a tenant without them hashes as it always did). */
function hashGroups(hash: Hash, tenant: Tenant, office: OfficeIdentity): void {
  const groups = (tenant.groups ?? []).map((g) => ({ ...g, office: office(g.office) }));
  const members: unknown[] = [];
  for (const u of tenant.users) {
    if (tenant.groups === undefined && (u.departments?.length ?? 0) + (u.callCenters?.length ?? 0) === 0) continue;
    members.push([u.email, u.departments ?? null, u.callCenters ?? null]);
  }
  if (groups.length === 0 && members.length === 0) return;
  hash.update(canonicalJson({ groups, members }, { omit: OMIT }));
}

const OMIT: ReadonlySet<string> = new Set(['source']);

/** Lines are fed to the hash in chunks of about this many characters: one `update` per line cost more than the lines. */
const CHUNK_CHARS = 1 << 16;

function hashLines<T>(hash: Hash, items: readonly T[], fields: Record<string, Writer<T>>, office: OfficeIdentity): void {
  const writers = Object.values(fields).filter((w): w is NonNullable<Writer<T>> => w !== null);
  hash.update(`\n${items.length}\n`);
  // The digest is of the bytes in order, so chunking leaves it unchanged.
  let chunk = '';
  for (const item of items) {
    // The line is `JSON.stringify` of the row of the writers' values (`undefined` as `null`), written member by member.
    chunk += '[';
    for (let i = 0; i < writers.length; i++) {
      if (i > 0) chunk += ',';
      chunk += jsonOf((writers[i] as NonNullable<Writer<T>>)(item, office));
    }
    chunk += ']\n';
    if (chunk.length >= CHUNK_CHARS) {
      hash.update(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') hash.update(chunk);
}

/** What `JSON.stringify` escapes in a string: a quote, a backslash, a control character or a surrogate (paired ones are simply checked by it). */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(value)` of a row member, with `undefined` as `null` (as in an array): the
 * strings, booleans and arrays users and numbers are made of are written here, without a
 * serializer's call per line; anything else is `JSON.stringify`'s.
 */
export function jsonOf(value: unknown): string {
  if (typeof value === 'string') return ESCAPED.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    let json = '[';
    for (let i = 0; i < value.length; i++) json += i === 0 ? jsonOf(value[i]) : `,${jsonOf(value[i])}`;
    return `${json}]`;
  }
  return JSON.stringify(value);
}

/** `sha256:<hex>` of `hashTenant` followed by `extra` (canonical JSON of anything else the digest covers). */
export function digestTenant(tenant: Tenant, options: { office?: OfficeIdentity; extra?: unknown } = {}): string {
  const hash = createHash('sha256');
  hashTenant(hash, tenant, options.office);
  if (options.extra !== undefined) hash.update(canonicalJson(options.extra, { omit: OMIT }));
  return `sha256:${hash.digest('hex')}`;
}
