/**
 * Turns a schema-valid fixture into the state shape: ids as strings, countries lower-case, counts
 * as numbers, defaults filled (`state: active`, `license: talk`, number `status`), and a user's
 * `phone_numbers` linked with the numbers that target them (either side may be written alone).
 */
import { getAssigned } from './licenses.js';
import { getAreaCode } from './phone.js';
import { LINE_FIELDS, type Fixture, type FixtureNumber, type FixtureOffice, type FixtureUser, type LineCountsWire } from './types.js';

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

/** Links users' `phone_numbers` and the numbers targeting them; conflicts are left for the checker. */
function linkNumbers(fixture: Fixture): void {
  const byNumber = new Map(fixture.numbers.map((n) => [n.number, n]));
  for (const u of fixture.users) {
    for (const num of u.phone_numbers ?? []) {
      if (byNumber.has(num)) continue;
      const n: FixtureNumber = { number: num, status: 'user', office_id: u.office_id, target_id: u.id, target_type: 'user', type: 'local' };
      const area = getAreaCode(num);
      if (area) n.area_code = area;
      fixture.numbers.push(n);
      byNumber.set(num, n);
    }
  }
  const usersById = new Map(fixture.users.map((u) => [u.id, u]));
  for (const n of fixture.numbers) {
    if (n.target_type !== 'user' || n.target_id === undefined) continue;
    const u = usersById.get(n.target_id);
    if (!u) continue;
    n.office_id ??= u.office_id;
    const list = (u.phone_numbers ??= []);
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
  if (Array.isArray(raw['api_keys'])) {
    fixture.api_keys = (raw['api_keys'] as Raw[]).map((k) => {
      const officeId = toId(k['office_id']);
      return { key: String(k['key']), scope: k['scope'] as 'company' | 'office', ...(officeId ? { office_id: officeId } : {}) };
    });
  }
  if (typeof raw['clock'] === 'string') fixture.clock = raw['clock'];
  if (raw['number_assignment'] === 'pool_first' || raw['number_assignment'] === 'provision') fixture.number_assignment = raw['number_assignment'];
  if (!fixture.offices.some((o) => o.is_primary_office === true) && fixture.offices[0]) fixture.offices[0].is_primary_office = true;
  linkNumbers(fixture);
  fillMissingLicenses(fixture);
  return fixture;
}
