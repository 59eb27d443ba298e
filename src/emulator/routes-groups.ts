/**
 * /api/v2/departments and /api/v2/callcenters routes: list (company-wide and per office), create,
 * get, update, delete, operators list/add/remove, and a call-center operator's skill level. The
 * same routes serve both kinds from `GROUP_KINDS`; only the operator messages differ
 * (`AddOperatorMessage` vs `AddCallCenterOperatorMessage`).
 */
import { assertOfficeAccess, canSeeOffice } from './auth.js';
import { GROUP_KINDS, GROUP_NAME_MAX, SKILL_ON_ADD, SKILL_ON_PATCH, findOperator, isLiveGroup, listGroups, type GroupKindInfo } from './groups.js';
import { badRequest, notFound } from './http-failure.js';
import { compareIds } from '../model/ids.js';
import { paginate } from './pagination.js';
import type { Route, RouteContext } from './router.js';
import { CALL_CENTER_LICENSES, addCallCenterOperator, addDepartmentOperator, deleteGroup, removeOperator, setSkillLevel } from './rules-groups.js';
import type { Fixture, FixtureGroup, FixtureOperator, FixtureUser, GroupKind } from './types.js';
import { readGroupSettings } from './group-settings.js';
import { assertKnownFields, readInt64, readString, toGroupProto, toSkillProto, toUserOrRoomProto, toUserProto } from './wire.js';

/** The settings each kind's create and update messages carry besides `name` (and `office_id` on create), passed through as given. */
const SETTINGS: Record<GroupKind, readonly string[]> = {
  departments: [
    'auto_call_recording', 'friday_hours', 'group_description', 'hold_queue', 'hours_on', 'monday_hours', 'ring_seconds',
    'routing_options', 'saturday_hours', 'sunday_hours', 'thursday_hours', 'tuesday_hours', 'voice_intelligence', 'wednesday_hours',
  ],
  call_centers: [
    'advanced_settings', 'alerts', 'friday_hours', 'group_description', 'hold_queue', 'hours_on', 'monday_hours', 'ring_seconds',
    'routing_options', 'saturday_hours', 'sunday_hours', 'thursday_hours', 'tuesday_hours', 'voice_intelligence', 'wednesday_hours',
  ],
};
const MESSAGE_PREFIX: Record<GroupKind, string> = { departments: 'Department', call_centers: 'CallCenter' };
const MAX_DESCRIPTION = 256;

/** The group named by the path, visible to the caller's key. */
function getVisibleGroup(ctx: RouteContext, kind: GroupKind): FixtureGroup {
  const g = ctx.store.getGroup(kind, ctx.params['id'] ?? ctx.params['call_center_id'] ?? '');
  assertOfficeAccess(ctx.principal, g.office_id);
  return g;
}

/** A user named in a request body: 400 (not 404) when there is none, as for offices in user bodies. */
function requireBodyUser(ctx: RouteContext, id: string, field: string): FixtureUser {
  const user = ctx.store.state.users.find((u) => u.id === id && !u.anonymized);
  if (!user) throw badRequest(`${field}: user ${id} does not exist`);
  assertOfficeAccess(ctx.principal, user.office_id);
  return user;
}

/** `name` (single line, 1–100 characters) and the settings of a create or update message; `name` is required on create. */
function readGroupFields(state: Fixture, body: Record<string, unknown>, kind: GroupKind, creating: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const name = readString(body, 'name');
  if (name === undefined && creating) throw badRequest('name is required');
  if (name !== undefined) {
    if (name.trim() === '' || /[\r\n]/.test(name) || name.length > GROUP_NAME_MAX) throw badRequest(`name must be a single line of 1 to ${GROUP_NAME_MAX} characters`);
    fields['name'] = name;
  }
  const description = readString(body, 'group_description');
  if (description !== undefined && description.length > MAX_DESCRIPTION) throw badRequest(`group_description must be at most ${MAX_DESCRIPTION} characters`);
  const ring = body['ring_seconds'];
  if (ring !== undefined && ring !== null && (!/^\d+$/.test(String(ring)) || Number(ring) < 10 || Number(ring) > 45)) throw badRequest('ring_seconds must be from 10 to 45');
  for (const f of SETTINGS[kind]) {
    const v = body[f];
    if (v === undefined || v === null) continue;
    fields[f] = f === 'ring_seconds' ? String(v) : structuredClone(v);
  }
  return { ...fields, ...readGroupSettings(state, body, kind) };
}

function createGroup(ctx: RouteContext, kind: GroupKind): FixtureGroup {
  assertKnownFields(ctx.body, ['name', 'office_id', ...SETTINGS[kind]], `Create${MESSAGE_PREFIX[kind]}Message`);
  const fields = readGroupFields(ctx.store.state, ctx.body, kind, true);
  const officeId = readInt64(ctx.body, 'office_id');
  if (officeId === undefined) throw badRequest('office_id is required');
  const office = ctx.store.findOffice(officeId);
  if (!office) throw badRequest(`office_id: office ${officeId} does not exist`);
  assertOfficeAccess(ctx.principal, office.id);
  const g: FixtureGroup = { ...fields, id: ctx.store.mintId(), name: String(fields['name']), office_id: office.id, operators: [] };
  (ctx.store.state[kind] ??= []).push(g);
  ctx.store.touch();
  return g;
}

function updateGroup(ctx: RouteContext, kind: GroupKind): FixtureGroup {
  assertKnownFields(ctx.body, ['name', ...SETTINGS[kind]], `Update${MESSAGE_PREFIX[kind]}Message`);
  const g = getVisibleGroup(ctx, kind);
  Object.assign(g, readGroupFields(ctx.store.state, ctx.body, kind, false));
  ctx.store.touch();
  return g;
}

/** The `office_id` query parameter of a company-wide list, if given. */
function readOfficeFilter(query: URLSearchParams): string | undefined {
  const v = query.get('office_id');
  if (v === null) return undefined;
  if (!/^\d+$/.test(v)) throw badRequest('query parameter office_id must be an integer id');
  return v;
}

/** A list page of `kind` in `officeId` (or every office), optionally by `name_search` (case-insensitive substring). */
function listGroupPage(ctx: RouteContext, info: GroupKindInfo, officeId: string | undefined): Record<string, unknown> {
  const search = ctx.query.get('name_search')?.toLowerCase();
  const groups = ctx.store.sortedView(info.kind, listGroups(ctx.store.state, info.kind), (g) => g.id, compareIds);
  const page = paginate(groups, {
    path: ctx.path,
    query: ctx.query,
    keyOf: (g) => g.id,
    compare: compareIds,
    filter: (g) =>
      isLiveGroup(g) &&
      canSeeOffice(ctx.principal, g.office_id) &&
      (officeId === undefined || g.office_id === officeId) &&
      (search === undefined || g.name.toLowerCase().includes(search)),
  });
  return { ...page, ...(page.items ? { items: page.items.map((g) => toGroupProto(ctx.store, g)) } : {}) };
}

/** `operator_id` + `operator_type` of a department operator message; rooms are not modelled, so none exists. */
function readDepartmentOperator(ctx: RouteContext): FixtureUser {
  const id = readInt64(ctx.body, 'operator_id');
  if (id === undefined) throw badRequest('operator_id is required');
  const type = readString(ctx.body, 'operator_type');
  if (type !== 'user' && type !== 'room') throw badRequest('operator_type must be user or room');
  if (type === 'room') throw badRequest(`operator_id: room ${id} does not exist (the emulator models no rooms)`);
  return requireBodyUser(ctx, id, 'operator_id');
}

/** An integer field sent as a number or a string of digits, within `range`; `undefined` when absent. */
function readSkillLevel(body: Record<string, unknown>, range: { min: number; max: number }): number | undefined {
  const v = body['skill_level'];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < range.min || n > range.max) throw badRequest(`skill_level must be an integer from ${range.min} to ${range.max}`);
  return n;
}

function addOperator(ctx: RouteContext, kind: GroupKind): FixtureUser {
  const b = ctx.body;
  const g = getVisibleGroup(ctx, kind);
  if (kind === 'departments') {
    assertKnownFields(b, ['operator_id', 'operator_type', 'role'], 'AddOperatorMessage');
    const user = readDepartmentOperator(ctx);
    addDepartmentOperator(ctx.store, g, user, readString(b, 'role') ?? 'operator');
    return user;
  }
  assertKnownFields(b, ['user_id', 'role', 'skill_level', 'license_type', 'keep_paid_numbers'], 'AddCallCenterOperatorMessage');
  const id = readInt64(b, 'user_id');
  if (id === undefined) throw badRequest('user_id is required');
  const user = requireBodyUser(ctx, id, 'user_id');
  const licenseType = readString(b, 'license_type') ?? 'agents';
  if (!CALL_CENTER_LICENSES.includes(licenseType)) throw badRequest(`license_type must be one of ${CALL_CENTER_LICENSES.join(', ')}`);
  const keep = b['keep_paid_numbers'];
  if (keep !== undefined && keep !== null && typeof keep !== 'boolean') throw badRequest('keep_paid_numbers must be a boolean');
  const skillLevel = readSkillLevel(b, SKILL_ON_ADD) ?? SKILL_ON_ADD.default;
  addCallCenterOperator(ctx.store, g, user, { role: readString(b, 'role') ?? 'operator', skillLevel, licenseType });
  return user;
}

function removeOperatorOf(ctx: RouteContext, kind: GroupKind): FixtureUser {
  const g = getVisibleGroup(ctx, kind);
  let user: FixtureUser;
  if (kind === 'departments') {
    assertKnownFields(ctx.body, ['operator_id', 'operator_type'], 'RemoveOperatorMessage');
    user = readDepartmentOperator(ctx);
  } else {
    assertKnownFields(ctx.body, ['user_id'], 'RemoveCallCenterOperatorMessage');
    const id = readInt64(ctx.body, 'user_id');
    if (id === undefined) throw badRequest('user_id is required');
    user = requireBodyUser(ctx, id, 'user_id');
  }
  removeOperator(ctx.store, kind, g, user.id);
  return user;
}

function makeRoutes(info: GroupKindInfo): Route[] {
  const { kind, path } = info;
  const base = `/api/v2/${path}`;
  return [
    { method: 'GET', template: base, handle: (ctx) => ({ body: listGroupPage(ctx, info, readOfficeFilter(ctx.query)) }) },
    { method: 'POST', template: base, companyAdmin: true, handle: (ctx) => ({ body: toGroupProto(ctx.store, createGroup(ctx, kind)) }) },
    { method: 'GET', template: `${base}/{id}`, handle: (ctx) => ({ body: toGroupProto(ctx.store, getVisibleGroup(ctx, kind)) }) },
    { method: 'PATCH', template: `${base}/{id}`, companyAdmin: true, handle: (ctx) => ({ body: toGroupProto(ctx.store, updateGroup(ctx, kind)) }) },
    {
      method: 'DELETE',
      template: `${base}/{id}`,
      companyAdmin: true,
      handle: (ctx) => {
        const g = getVisibleGroup(ctx, kind);
        deleteGroup(ctx.store, g);
        return { body: toGroupProto(ctx.store, g) };
      },
    },
    {
      method: 'GET',
      template: `${base}/{id}/operators`,
      handle: (ctx) => {
        const g = getVisibleGroup(ctx, kind);
        const users = g.operators.map((o) => ctx.store.getUser(o.user_id)).map((u) => toUserProto(ctx.store, u));
        return { body: users.length === 0 ? {} : { users } };
      },
    },
    { method: 'POST', template: `${base}/{id}/operators`, handle: (ctx) => ({ body: toUserOrRoomProto(ctx.store, addOperator(ctx, kind)) }) },
    { method: 'DELETE', template: `${base}/{id}/operators`, handle: (ctx) => ({ body: toUserOrRoomProto(ctx.store, removeOperatorOf(ctx, kind)) }) },
    {
      method: 'GET',
      template: `/api/v2/offices/{office_id}/${path}`,
      handle: (ctx) => {
        const office = ctx.store.getOffice(ctx.params['office_id'] ?? '');
        assertOfficeAccess(ctx.principal, office.id);
        return { body: listGroupPage(ctx, info, office.id) };
      },
    },
  ];
}

/** The operator `…/operators/{user_id}/skill` names in the call center in the path: 404 when the user is not one of its operators. */
function getVisibleOperator(ctx: RouteContext): { g: FixtureGroup; op: FixtureOperator } {
  const g = getVisibleGroup(ctx, 'call_centers');
  const userId = ctx.params['user_id'] ?? '';
  const op = findOperator(g, userId);
  if (!op) throw notFound(`user ${userId} is not an operator of call center ${g.id}`);
  return { g, op };
}

const SKILL_PATH = '/api/v2/callcenters/{call_center_id}/operators/{user_id}/skill';

const skillRoutes: Route[] = [
  {
    method: 'GET',
    template: SKILL_PATH,
    handle: (ctx) => {
      const { g, op } = getVisibleOperator(ctx);
      return { body: toSkillProto(g, op) };
    },
  },
  {
    method: 'PATCH',
    template: SKILL_PATH,
    handle: (ctx) => {
      assertKnownFields(ctx.body, ['skill_level'], 'UpdateOperatorSkillLevelMessage');
      const skill = readSkillLevel(ctx.body, SKILL_ON_PATCH);
      if (skill === undefined) throw badRequest('skill_level is required');
      const { g, op } = getVisibleOperator(ctx);
      setSkillLevel(ctx.store, op, skill);
      return { body: toSkillProto(g, op) };
    },
  },
];

export const groupRoutes: Route[] = [...makeRoutes(GROUP_KINDS.departments), ...makeRoutes(GROUP_KINDS.call_centers), ...skillRoutes];
