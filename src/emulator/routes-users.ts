/** /api/v2/users routes (list, create, get, update, delete, move_office). */
import { USER_LICENSES } from '../model/tenant.js';
import { badRequest, conflict } from './http-failure.js';
import { assertOfficeAccess, canSeeOffice } from './auth.js';
import { assertFreeLine, getLineField, isHoldingLine } from './licenses.js';
import { compareIds } from '../model/ids.js';
import { paginate } from './pagination.js';
import type { Route, RouteContext } from './router.js';
import { addUser, assertLiveUser, assertPatchMoveAllowed, deleteUser, findEmailOwner, moveUserToOffice } from './rules.js';
import type { FixtureOffice, FixtureUser } from './types.js';
import { assertKnownFields, readBoolean, readInt64, readQueryBoolean, readString, toUserProto } from './wire.js';

const USER_LIST_STATES = ['active', 'all', 'cancelled', 'deleted', 'pending', 'suspended'];
const UPDATE_USER_FIELDS = [
  'admin_office_ids', 'emails', 'extension', 'first_name', 'forwarding_numbers', 'international_dialing_enabled',
  'is_super_admin', 'job_title', 'keep_paid_numbers', 'last_name', 'license', 'office_id', 'phone_numbers',
  'presence_status', 'state',
] as const;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function readLicense(body: Record<string, unknown>): string | undefined {
  const license = readString(body, 'license');
  if (license !== undefined && !(USER_LICENSES as readonly string[]).includes(license)) {
    throw badRequest(`license must be one of ${USER_LICENSES.join(', ')}`);
  }
  return license;
}

function readStringArray(body: Record<string, unknown>, field: string): string[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw badRequest(`${field} must be an array of strings`);
  return v as string[];
}

/** An office named in a request body: 400 (not 404) when it does not exist. */
function requireBodyOffice(ctx: RouteContext, id: string, field: string): FixtureOffice {
  const office = ctx.store.findOffice(id);
  if (!office) throw badRequest(`${field}: office ${id} does not exist`);
  assertOfficeAccess(ctx.principal, office.id);
  return office;
}

function getVisibleUser(ctx: RouteContext): FixtureUser {
  const user = ctx.store.getUser(ctx.params['id'] ?? '');
  assertOfficeAccess(ctx.principal, user.office_id);
  return user;
}

/** GET /users. Without `state` only active users are listed; `state=all` lists every state. */
function listUsers(ctx: RouteContext): Record<string, unknown> {
  const q = ctx.query;
  const state = q.get('state') ?? 'active';
  if (!USER_LIST_STATES.includes(state)) throw badRequest(`state must be one of ${USER_LIST_STATES.join(', ')}`);
  const email = q.get('email')?.toLowerCase();
  // An unencoded `+` in a query string decodes to a space.
  const number = q.get('number')?.replace(/^ /, '+') ?? null;
  const companyAdmin = readQueryBoolean(q, 'company_admin');
  const users = ctx.store.sortedView('users', ctx.store.state.users, (u) => u.id, compareIds);
  const page = paginate(users, {
    path: ctx.path,
    query: q,
    keyOf: (u) => u.id,
    compare: compareIds,
    filter: (u) =>
      !u.anonymized &&
      canSeeOffice(ctx.principal, u.office_id) &&
      (state === 'all' || u.state === state) &&
      (email === undefined || u.emails.some((e) => e.toLowerCase() === email)) &&
      (number === null || (u.phone_numbers ?? []).includes(number)) &&
      (companyAdmin === undefined || (u.is_super_admin === true) === companyAdmin),
  });
  return { ...page, ...(page.items ? { items: page.items.map((u) => toUserProto(ctx.store, u)) } : {}) };
}

/** POST /users (CreateUserMessage). 409 when a live user already has the email. */
function createUser(ctx: RouteContext): FixtureUser {
  const b = ctx.body;
  assertKnownFields(b, ['email', 'office_id', 'first_name', 'last_name', 'license', 'auto_assign'], 'CreateUserMessage');
  const email = readString(b, 'email');
  if (!email || !EMAIL.test(email)) throw badRequest('email is required and must be an email address');
  const officeId = readInt64(b, 'office_id');
  if (officeId === undefined) throw badRequest('office_id is required');
  const office = requireBodyOffice(ctx, officeId, 'office_id');
  const license = readLicense(b) ?? 'talk';
  const autoAssign = readBoolean(b, 'auto_assign') ?? false;
  const first = readString(b, 'first_name');
  const last = readString(b, 'last_name');
  const user = addUser(ctx.store, { email, office, license, ...(first === undefined ? {} : { firstName: first }), ...(last === undefined ? {} : { lastName: last }) });
  if (autoAssign) ctx.store.attachNumber(ctx.store.takeNumber(office.country), user, true);
  ctx.store.touch();
  return user;
}

/** PATCH /users/{id} (UpdateUserMessage): validates the whole patch, then applies it. */
function updateUser(ctx: RouteContext): FixtureUser {
  const b = ctx.body;
  assertKnownFields(b, UPDATE_USER_FIELDS, 'UpdateUserMessage');
  const user = getVisibleUser(ctx);
  assertLiveUser(user);
  const store = ctx.store;

  const state = readString(b, 'state');
  if (state !== undefined) {
    if (state !== 'active' && state !== 'suspended') throw badRequest('state can only be set to active or suspended');
    if (user.state !== 'active' && user.state !== 'suspended') throw badRequest(`a ${user.state} user cannot be set to ${state}`);
  }
  const license = readLicense(b);
  const isSuperAdmin = readBoolean(b, 'is_super_admin');
  const adminOfficeIds = b['admin_office_ids'] === undefined ? undefined : readStringArrayOfIds(b);
  for (const id of adminOfficeIds ?? []) requireBodyOffice(ctx, id, 'admin_office_ids');
  const emails = readStringArray(b, 'emails');
  if (emails !== undefined) {
    if (emails.length === 0 || emails.some((e) => !EMAIL.test(e))) throw badRequest('emails must be a non-empty list of email addresses');
    const owner = findEmailOwner(store, emails, user);
    if (owner) throw conflict(`email already used by user ${owner.id}`);
  }
  const current = user.phone_numbers ?? [];
  const phoneNumbers = readStringArray(b, 'phone_numbers');
  const extra = (phoneNumbers ?? []).filter((n) => !current.includes(n));
  if (extra.length > 0) throw badRequest(`phone_numbers can only reorder or remove numbers; use assign_number to add ${extra.join(', ')}`);
  const numbersAfter = phoneNumbers ?? current;

  const officeId = readInt64(b, 'office_id');
  const dest = officeId === undefined || officeId === user.office_id ? undefined : requireBodyOffice(ctx, officeId, 'office_id');
  if (dest) assertPatchMoveAllowed(store, user, dest, numbersAfter);
  const newLicense = license ?? user.license;
  // A line is needed whenever the user holds one afterwards that they do not hold now: a move, a
  // license of another line, or a reactivation (a suspended user holds none: `isHoldingLine`).
  const holdsAfter = isHoldingLine({ state: state ?? user.state }, store.state);
  if (holdsAfter && (!isHoldingLine(user, store.state) || dest !== undefined || getLineField(newLicense) !== getLineField(user.license))) {
    assertFreeLine(store.state, dest ?? store.getOffice(user.office_id), newLicense, user);
  }

  for (const f of ['first_name', 'last_name', 'job_title', 'extension'] as const) {
    const v = readString(b, f);
    if (v !== undefined) user[f] = v;
  }
  const forwarding = readStringArray(b, 'forwarding_numbers');
  if (forwarding !== undefined) user['forwarding_numbers'] = forwarding;
  const intl = readBoolean(b, 'international_dialing_enabled');
  if (intl !== undefined) user['international_dialing_enabled'] = intl;
  if (state !== undefined) user.state = state;
  if (license !== undefined && store.state.license_changes !== 'ignored') user.license = license;
  if (isSuperAdmin !== undefined) user.is_super_admin = isSuperAdmin;
  if (adminOfficeIds !== undefined) user.admin_office_ids = adminOfficeIds;
  if (emails !== undefined) user.emails = emails;
  if (phoneNumbers !== undefined) {
    for (const n of current.filter((x) => !phoneNumbers.includes(x))) store.detachNumber(store.getNumber(n));
    user.phone_numbers = phoneNumbers.slice();
  }
  if (dest) {
    user.office_id = dest.id;
    for (const n of store.state.numbers) if (n.target_type === 'user' && n.target_id === user.id) n.office_id = dest.id;
  }
  store.touch();
  return user;
}

function readStringArrayOfIds(b: Record<string, unknown>): string[] {
  const v = b['admin_office_ids'];
  if (v === null) return [];
  if (!Array.isArray(v)) throw badRequest('admin_office_ids must be an array of office ids');
  return v.map((x, i) => readInt64({ [`admin_office_ids[${i}]`]: x }, `admin_office_ids[${i}]`) ?? '');
}

export const userRoutes: Route[] = [
  { method: 'GET', template: '/api/v2/users', handle: (ctx) => ({ body: listUsers(ctx) }) },
  { method: 'POST', template: '/api/v2/users', handle: (ctx) => ({ body: toUserProto(ctx.store, createUser(ctx)) }) },
  { method: 'GET', template: '/api/v2/users/{id}', handle: (ctx) => ({ body: toUserProto(ctx.store, getVisibleUser(ctx)) }) },
  { method: 'PATCH', template: '/api/v2/users/{id}', handle: (ctx) => ({ body: toUserProto(ctx.store, updateUser(ctx)) }) },
  {
    method: 'DELETE',
    template: '/api/v2/users/{id}',
    handle: (ctx) => {
      const user = getVisibleUser(ctx);
      deleteUser(ctx.store, user);
      return { body: toUserProto(ctx.store, user) };
    },
  },
  {
    method: 'PATCH',
    template: '/api/v2/users/{id}/move_office',
    handle: (ctx) => {
      assertKnownFields(ctx.body, ['office_id'], 'MoveOfficeMessage');
      const user = getVisibleUser(ctx);
      const officeId = readInt64(ctx.body, 'office_id');
      if (officeId === undefined) throw badRequest('office_id is required');
      moveUserToOffice(ctx.store, user, requireBodyOffice(ctx, officeId, 'office_id'));
      return { body: toUserProto(ctx.store, user) };
    },
  },
];
