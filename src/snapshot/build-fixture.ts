/**
 * `dialform emulator snapshot`: a read of the live company as an emulator fixture (DESIGN.md §8),
 * so every change can be rehearsed on a twin of it. Pure: from the raw read and, optionally, the
 * config, which supplies what the API cannot show.
 */
import type { ApiLineCounts, ApiUser } from '../dialpad/api-types.js';
import { officeIdOf } from '../dialpad/normalize-live.js';
import type { RawRead } from '../dialpad/read-raw.js';
import { getAssigned } from '../emulator/licenses.js';
import { LINE_FIELDS, type Fixture, type FixtureCompany, type FixtureNumber, type FixtureOffice, type FixtureRoom, type FixtureUser, type LineCountsWire } from '../emulator/types.js';
import { isSameOfficeName } from '../model/office-names.js';
import { ACCOUNT_TYPES, type DesiredState } from '../model/tenant.js';

export interface SnapshotResult {
  fixture: Fixture;
  /** What the twin could not take from the API or the config, one sentence each (for stderr). */
  unknown: string[];
}

export interface SnapshotOptions {
  /** The config: price levels, analytics and proxy grants, the tier if the API shows none. */
  desired?: DesiredState;
  /** Dialpad's clock at the read (ISO): the deletion time given to users the API lists as deleted. */
  readAt: string;
}

/** Group types as `group_details` names them → the fixture's section. */
const GROUP_SECTIONS = { department: 'departments', callcenter: 'call_centers' } as const;

/**
 * The fixture: the company, offices (purchased `licenses` from `plan`, and as `assigned_licenses`
 * the lines the users read do not account for: rooms, fax, extra numbers, or users Dialpad counts
 * that the emulator does not, so the twin's `available_licenses` are the company's), every user
 * listed (their `group_details` become the groups' `operators`), every number, the departments,
 * call centers and rooms (each holding a room line of its office, as in Dialpad). Ids are strings;
 * other API fields pass through as read.
 */
export function buildSnapshotFixture(read: RawRead, opts: SnapshotOptions): SnapshotResult {
  const unknown: string[] = [];
  const configOffices = opts.desired?.tenant.offices ?? [];
  const configUsers = new Map((opts.desired?.tenant.users ?? []).map((u) => [u.email, u]));

  const users: FixtureUser[] = read.users.map((u) => toFixtureUser(u, opts.readAt, configUsers));
  const rooms: FixtureRoom[] = read.rooms.flatMap(({ company_id: companyId, ...r }) =>
    r.id === undefined
      ? []
      : [{ ...r, id: String(r.id), name: r.name ?? '', office_id: String(r.office_id ?? ''), phone_numbers: [...(r.phone_numbers ?? [])], ...(companyId === undefined ? {} : { company_id: String(companyId) }) }],
  );
  const deleted = read.users.filter((u) => u.state === 'deleted' && u.deleted_at === undefined).length;
  if (deleted > 0) unknown.push(`deletion times of ${deleted} deleted user(s): the API shows none, so their restore window starts at the snapshot (${opts.readAt}); Dialpad's may end sooner`);

  const offices: FixtureOffice[] = read.offices.map((o) => {
    const id = officeIdOf(o) ?? '';
    const config = configOffices.find((c) => (c.id !== undefined ? c.id === id : isSameOfficeName(c.name, o.name ?? '')));
    const { office_id: _officeId, ...rest } = o;
    const plan = read.plans.get(id);
    const licenses = plan === undefined ? {} : toCounts(plan);
    const office: FixtureOffice = { ...rest, id, name: o.name ?? '', country: String(o.country ?? '').toLowerCase(), licenses };
    if (config?.priceLevel !== undefined) office.price_level = config.priceLevel;
    const assigned = assignedLines(id, licenses, read.available.get(id), users, rooms);
    if (Object.keys(assigned).length > 0) office.assigned_licenses = assigned;
    return office;
  });
  const noPrice = offices.filter((o) => o.price_level === undefined).map((o) => o.name);
  if (noPrice.length > 0) unknown.push(`price level of ${noPrice.length} office(s) (${noPrice.join(', ')}): not in the API; give -c with offices.*.price_level, or add price_level to the file`);
  if (opts.desired === undefined) unknown.push('analytics and proxy access: not in the API; without -c every user has neither');

  const accountType = read.company.account_type ?? opts.desired?.tenant.company?.accountType;
  if (accountType === undefined || !(ACCOUNT_TYPES as readonly string[]).includes(accountType)) {
    unknown.push(`the plan tier (account_type ${accountType ?? 'absent'}): the twin is "standard"; set company.account_type in the file`);
  }
  const company: FixtureCompany = {
    ...read.company,
    id: String(read.company.id ?? ''),
    name: read.company.name ?? '',
    account_type: accountType !== undefined && (ACCOUNT_TYPES as readonly string[]).includes(accountType) ? (accountType as FixtureCompany['account_type']) : 'standard',
  };
  unknown.push('where a number Dialpad chooses comes from (number_assignment): the twin takes pool numbers first, as the API reference says');

  const skills = new Map(read.skills.map((s) => [`${s.callCenterId}/${s.userId}`, s.level]));
  const groups = (section: 'departments' | 'call_centers', list: RawRead['departments']) =>
    list.map((g) => {
      const id = String(g.id);
      const operators = read.users.flatMap((u) =>
        u.state === 'deleted'
          ? []
          : (u.group_details ?? [])
              .filter((d) => GROUP_SECTIONS[d.group_type as keyof typeof GROUP_SECTIONS] === section && String(d.group_id) === id)
              .map((d) => {
                const skill = skills.get(`${id}/${String(u.id)}`);
                return { user_id: String(u.id), role: d.role ?? 'operator', ...(skill === undefined ? {} : { skill_level: skill }) };
              }),
      );
      return { ...g, id, name: g.name ?? '', office_id: String(g.office_id ?? ''), operators };
    });

  const numbers: FixtureNumber[] = read.numbers.map(({ office_id: officeId, target_id: targetId, company_id: companyId, ...n }) => ({
    ...n,
    number: n.number ?? '',
    status: n.status ?? 'available',
    ...(officeId === undefined ? {} : { office_id: String(officeId) }),
    ...(targetId === undefined ? {} : { target_id: String(targetId) }),
    ...(companyId === undefined ? {} : { company_id: String(companyId) }),
  }));

  const fixture: Fixture = {
    company,
    offices,
    users,
    numbers,
    departments: groups('departments', read.departments),
    call_centers: groups('call_centers', read.callCenters),
    ...(rooms.length === 0 ? {} : { rooms }),
  };
  return { fixture, unknown };
}

function toFixtureUser(u: ApiUser, readAt: string, config: ReadonlyMap<string, { analytics?: boolean; proxy?: boolean }>): FixtureUser {
  const { group_details: _groups, deleted_at: deletedAt, admin_office_ids: adminOffices, company_id: companyId, ...rest } = u;
  const email = (u.emails?.[0] ?? '').toLowerCase();
  const wanted = config.get(email);
  const user: FixtureUser = {
    ...rest,
    id: String(u.id),
    emails: u.emails ?? [],
    office_id: String(u.office_id),
    state: u.state ?? 'active',
    license: u.license ?? 'talk',
    ...(companyId === undefined ? {} : { company_id: String(companyId) }),
    ...(adminOffices === undefined ? {} : { admin_office_ids: adminOffices.map(String) }),
  };
  if (user.state === 'deleted') user.deleted_at = deletedAt ?? readAt;
  if (wanted?.analytics === true) user.analytics = true;
  if (wanted?.proxy === true) user.proxy = true;
  return user;
}

function toCounts(counts: ApiLineCounts): LineCountsWire {
  const out: LineCountsWire = {};
  for (const f of LINE_FIELDS) {
    const v = (counts as Record<string, unknown>)[f];
    if (v !== undefined && v !== null && Number(v) !== 0) out[f] = Number(v);
  }
  return out;
}

/**
 * Per line, what holds lines besides the users and rooms the emulator counts (`getAssigned` of the
 * twin's users and rooms alone, the emulator's own count: active and pending users' lines, each
 * number beyond a user's or room's first an additional-number line, each room a room line):
 * purchased − available − those, never below 0. Without an `available_licenses` read, none.
 */
function assignedLines(officeId: string, purchased: LineCountsWire, available: ApiLineCounts | undefined, users: FixtureUser[], rooms: FixtureRoom[]): LineCountsWire {
  if (available === undefined) return {};
  // The twin is written with the emulator's default reading (suspended users free their line).
  const holders = getAssigned({ offices: [], users, rooms }, officeId);
  const out: LineCountsWire = {};
  for (const f of LINE_FIELDS) {
    const held = (purchased[f] ?? 0) - Number((available as Record<string, unknown>)[f] ?? 0) - holders[f];
    if (held > 0) out[f] = held;
  }
  return out;
}
