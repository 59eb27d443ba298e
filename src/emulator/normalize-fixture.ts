/**
 * Turns a schema-valid fixture into the state shape: ids as strings, countries lower-case, counts
 * as numbers, defaults filled (`state: active`, `license: talk`, number `status`, an operator's
 * `role` and call-center `skill_level`), and the `phone_numbers` of users and groups linked with
 * the numbers that target them (either side may be written alone).
 */
import { GROUP_KIND_LIST, SKILL_ON_ADD, findKindOfTargetType } from './groups.js';
import { getAssigned } from './licenses.js';
import { getAreaCode } from './phone.js';
import {
  LINE_FIELDS,
  type Fixture,
  type FixtureGroup,
  type FixtureNumber,
  type FixtureOffice,
  type FixtureOperator,
  type FixtureRoom,
  type FixtureUser,
  type GroupKind,
  type LineCountsWire,
} from './types.js';

type Raw = Record<string, unknown>;

function toId(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

/** Line counts as numbers (the schema accepts int64 strings too). */
function toLineCounts(raw: unknown): LineCountsWire | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const counts: LineCountsWire = {};
  for (const f of LINE_FIELDS) {
    const v = (raw as Raw)[f];
    if (v !== undefined) counts[f] = Number(v);
  }
  return counts;
}

function normalizeOffice(raw: Raw): FixtureOffice {
  const { office_id: _alias, licenses, assigned_licenses, ...rest } = raw;
  const office: FixtureOffice = { ...rest, id: String(raw['id']), name: String(raw['name']), country: String(raw['country']).toLowerCase() };
  const purchased = toLineCounts(licenses);
  if (purchased) office.licenses = purchased;
  const assigned = toLineCounts(assigned_licenses);
  if (assigned) office.assigned_licenses = assigned;
  return office;
}

function normalizeUser(raw: Raw): FixtureUser {
  const user: FixtureUser = {
    ...raw,
    id: String(raw['id']),
    emails: (raw['emails'] as string[]).slice(),
    office_id: String(raw['office_id']),
    state: (raw['state'] as FixtureUser['state'] | undefined) ?? 'active',
    license: (raw['license'] as string | undefined) ?? 'talk',
  };
  if (Array.isArray(raw['admin_office_ids'])) user.admin_office_ids = (raw['admin_office_ids'] as unknown[]).map(String);
  if (Array.isArray(raw['phone_numbers'])) user.phone_numbers = (raw['phone_numbers'] as string[]).slice();
  return user;
}

/** Ids as strings; an operator's `role` defaults to `operator`, a call-center operator's `skill_level` to 100 (the add endpoint's defaults). */
function normalizeGroup(raw: Raw, kind: GroupKind): FixtureGroup {
  const operators = ((raw['operators'] as Raw[] | undefined) ?? []).map((o): FixtureOperator => {
    const op: FixtureOperator = { user_id: String(o['user_id']), role: (o['role'] as string | undefined) ?? 'operator' };
    const skill = o['skill_level'] as number | undefined;
    if (kind === 'call_centers') op.skill_level = skill ?? SKILL_ON_ADD.default;
    else if (skill !== undefined) op.skill_level = skill;
    return op;
  });
  const group: FixtureGroup = { ...raw, id: String(raw['id']), name: String(raw['name']), office_id: String(raw['office_id']), operators };
  if (Array.isArray(raw['phone_numbers'])) group.phone_numbers = (raw['phone_numbers'] as string[]).slice();
  return group;
}

function normalizeNumber(raw: Raw): FixtureNumber {
  const n: FixtureNumber = { ...raw, number: String(raw['number']), status: 'available' };
  for (const k of ['office_id', 'target_id'] as const) {
    const v = toId(raw[k]);
    if (v === undefined) delete n[k];
    else n[k] = v;
  }
  const target = n.target_type;
  n.status = (raw['status'] as string | undefined) ?? (target === undefined ? 'available' : target === 'callcenter' ? 'call_center' : target === 'callrouter' ? 'call_router' : target);
  n.area_code ??= getAreaCode(n.number);
  if (n.area_code === undefined) delete n.area_code;
  n.type ??= 'local';
  return n;
}

/** What can hold numbers: a user, a department or a call center. */
interface NumberHolder {
  id: string;
  office_id: string;
  phone_numbers?: string[];
}

/**
 * Links holders' `phone_numbers` and the numbers targeting them (users, departments, call
 * centers); conflicts are left for the checker.
 */
function linkNumbers(fixture: Fixture): void {
  const byNumber = new Map(fixture.numbers.map((n) => [n.number, n]));
  const holders: Array<{ status: string; targetType: string; items: readonly NumberHolder[] }> = [
    { status: 'user', targetType: 'user', items: fixture.users },
    ...GROUP_KIND_LIST.map((k) => ({ status: k.numberStatus, targetType: k.groupType, items: fixture[k.kind] ?? [] })),
    { status: 'room', targetType: 'room', items: fixture.rooms ?? [] },
  ];
  for (const { status, targetType, items } of holders) {
    for (const h of items) {
      for (const num of h.phone_numbers ?? []) {
        if (byNumber.has(num)) continue;
        const n: FixtureNumber = { number: num, status, office_id: h.office_id, target_id: h.id, target_type: targetType, type: 'local' };
        const area = getAreaCode(num);
        if (area) n.area_code = area;
        fixture.numbers.push(n);
        byNumber.set(num, n);
      }
    }
  }
  const byTarget = new Map(holders.flatMap(({ targetType, items }) => items.map((h) => [`${targetType}:${h.id}`, h] as const)));
  for (const n of fixture.numbers) {
    if (n.target_type === undefined || n.target_id === undefined) continue;
    if (n.target_type !== 'user' && n.target_type !== 'room' && !findKindOfTargetType(n.target_type)) continue;
    const h = byTarget.get(`${n.target_type}:${n.target_id}`);
    if (!h) continue;
    n.office_id ??= h.office_id;
    const list = (h.phone_numbers ??= []);
    if (!list.includes(n.number)) list.push(n.number);
  }
}

/** An office written without `licenses` has exactly the lines its users and `assigned_licenses` hold (none free). */
function fillMissingLicenses(fixture: Fixture): void {
  for (const office of fixture.offices) {
    if (office.licenses) continue;
    const held = getAssigned(fixture, office.id);
    office.licenses = Object.fromEntries(LINE_FIELDS.filter((f) => held[f] > 0).map((f) => [f, held[f]]));
  }
}

/** Normalizes a schema-valid raw fixture. */
export function normalizeFixture(raw: Raw): Fixture {
  const company = raw['company'] as Raw;
  const fixture: Fixture = {
    company: { ...company, id: String(company['id']), name: String(company['name']), account_type: company['account_type'] as Fixture['company']['account_type'] },
    offices: (raw['offices'] as Raw[]).map(normalizeOffice),
    users: ((raw['users'] as Raw[] | undefined) ?? []).map(normalizeUser),
    numbers: ((raw['numbers'] as Raw[] | undefined) ?? []).map(normalizeNumber),
  };
  for (const { kind } of GROUP_KIND_LIST) {
    if (Array.isArray(raw[kind])) fixture[kind] = (raw[kind] as Raw[]).map((g) => normalizeGroup(g, kind));
  }
  if (Array.isArray(raw['rooms'])) {
    fixture.rooms = (raw['rooms'] as Raw[]).map((r) => {
      const room: FixtureRoom = { ...r, id: String(r['id']), name: String(r['name']), office_id: String(r['office_id']) };
      if (Array.isArray(r['phone_numbers'])) room.phone_numbers = (r['phone_numbers'] as string[]).slice();
      return room;
    });
  }
  if (Array.isArray(raw['api_keys'])) {
    fixture.api_keys = (raw['api_keys'] as Raw[]).map((k) => {
      const officeId = toId(k['office_id']);
      return { key: String(k['key']), scope: k['scope'] as 'company' | 'office', ...(officeId ? { office_id: officeId } : {}) };
    });
  }
  if (typeof raw['clock'] === 'string') fixture.clock = raw['clock'];
  if (raw['number_assignment'] === 'pool_first' || raw['number_assignment'] === 'provision' || raw['number_assignment'] === 'foreign') fixture.number_assignment = raw['number_assignment'];
  if (raw['license_changes'] === 'applied' || raw['license_changes'] === 'ignored') fixture.license_changes = raw['license_changes'];
  if (raw['suspended_licenses'] === 'freed' || raw['suspended_licenses'] === 'kept') fixture.suspended_licenses = raw['suspended_licenses'];
  if (!fixture.offices.some((o) => o.is_primary_office === true) && fixture.offices[0]) fixture.offices[0].is_primary_office = true;
  linkNumbers(fixture);
  fillMissingLicenses(fixture);
  return fixture;
}
