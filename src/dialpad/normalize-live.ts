/**
 * Raw API JSON → the normalized Tenant model (pure). Countries upper-case, emails lower-case,
 * ids as strings, everything sorted. Offices are keyed by live id (`id:<live id>`, see
 * `liveOfficeKey`) and so are office references: matching them to config keys is a later step
 * (`keyLiveOffices`).
 */
import { pickPhoneSettings } from '../model/phone-settings.js';
import { DEFAULT_USER_LICENSE, LINE_FIELD } from '../model/license-lines.js';
import {
  ACCOUNT_TYPES,
  LINE_TYPES,
  type AccountType,
  type Company,
  type Group,
  type GroupRole,
  type GroupType,
  type LineCounts,
  type Membership,
  type Office,
  type PhoneNumber,
  type Tenant,
  type User,
  type UserLicense,
  type UserState,
} from '../model/tenant.js';
import type { ApiCompany, ApiDepartment, ApiGroupDetails, ApiLineCounts, ApiNumber, ApiOffice, ApiUser, Int64 } from './api-types.js';
import { liveGroupKey } from '../model/groups.js';
import { readGroupSettings } from './read-group-settings.js';
import { compareCodeUnits } from '../model/compare.js';
import { liveOfficeKey } from '../model/match-offices.js';
import { compareIds } from '../model/ids.js';

/** One live office with the per-office reads that succeeded. */
export interface LiveOfficeReads {
  office: ApiOffice;
  plan?: ApiLineCounts;
  available?: ApiLineCounts;
}

export interface RawLive {
  company?: ApiCompany;
  offices: LiveOfficeReads[];
  users: ApiUser[];
  numbers: ApiNumber[];
  /** `GET /departments` (absent: not read). */
  departments?: ApiDepartment[];
  /** `GET /callcenters` (absent: not read). */
  callCenters?: ApiDepartment[];
}

/** `GroupDetailsProto.group_type` values dialform manages, and their model type. */
const GROUP_DETAIL_TYPES: Readonly<Record<string, GroupType>> = { department: 'department', callcenter: 'call_center' };

/** The live id of an office (`id`, else `office_id`), as a string. */
export function officeIdOf(office: ApiOffice): string | undefined {
  const id = office.id ?? office.office_id;
  return id === undefined ? undefined : String(id);
}

/** Normalizes raw reads, keying offices and office references by live id. */
export function normalizeLive(raw: RawLive): Tenant {
  const groups = normalizeGroups(raw.departments ?? [], raw.callCenters ?? []);
  return {
    ...(groups.length === 0 ? {} : { groups }),
    company: toCompany(raw.company),
    offices: normalizeOffices(raw.offices),
    users: normalizeUsers(raw.users),
    numbers: normalizeNumbers(raw.numbers, raw.users),
  };
}

function keyOf(id: Int64 | undefined): string | undefined {
  return id === undefined ? undefined : liveOfficeKey(String(id));
}

/** Offices with their license reads, sorted by key; an office read without licenses has 0 of each. */
export function normalizeOffices(reads: readonly LiveOfficeReads[]): Office[] {
  const offices: Office[] = [];
  for (const r of reads) {
    const id = officeIdOf(r.office);
    if (id === undefined) continue;
    const office: Office = {
      key: keyOf(id) as string,
      id,
      name: r.office.name ?? '',
      country: (r.office.country ?? '').toUpperCase(),
      licenses: toLineCounts(r.plan),
    };
    if (r.available !== undefined) office.available = toLineCounts(r.available);
    if (r.office.is_primary_office !== undefined) office.primary = r.office.is_primary_office;
    offices.push(office);
  }
  return offices.sort((a, b) => compareCodeUnits(a.key, b.key));
}

function normalizeUsers(raw: readonly ApiUser[]): User[] {
  const users: User[] = [];
  for (const u of raw) {
    const email = emailOf(u);
    // A user without an email cannot be keyed (anonymized after deletion); it is not manageable.
    if (email === undefined) continue;
    const user: User = {
      email,
      firstName: u.first_name ?? '',
      lastName: u.last_name ?? '',
      office: keyOf(u.office_id) ?? '',
      // The API's enum may grow; an unknown license is kept as sent rather than guessed.
      license: (u.license ?? DEFAULT_USER_LICENSE) as UserLicense,
      admin: {
        company: u.is_super_admin === true,
        offices: [...new Set((u.admin_office_ids ?? []).map((id) => keyOf(id) as string))].sort(),
      },
      state: (u.state ?? 'active') as UserState,
      numbers: [...(u.phone_numbers ?? [])],
    };
    if (u.id !== undefined) user.id = String(u.id);
    if (typeof u.deleted_at === 'string') user.deletedAt = u.deleted_at;
    // Live memberships: absent means none.
    const departments = membershipsFrom(u.group_details, 'department');
    const callCenters = membershipsFrom(u.group_details, 'call_center');
    if (departments.length > 0) user.departments = departments;
    if (callCenters.length > 0) user.callCenters = callCenters;
    const settings = pickPhoneSettings(u);
    if (settings !== undefined) user.settings = settings;
    users.push(user);
  }
  return users.sort((a, b) => compareCodeUnits(a.email, b.email) || compareCodeUnits(STATE_ORDER[a.state], STATE_ORDER[b.state]) || compareIds(a.id ?? '', b.id ?? ''));
}

function emailOf(u: ApiUser): string | undefined {
  const email = u.emails?.[0]?.trim().toLowerCase();
  return email === '' ? undefined : email;
}

/** Numbers sorted; `users` (raw) resolve a number's user target to the user's email. */
export function normalizeNumbers(raw: readonly ApiNumber[], users: readonly ApiUser[]): PhoneNumber[] {
  const emailById = new Map<string, string>();
  for (const u of users) {
    const email = emailOf(u);
    if (email !== undefined && u.id !== undefined) emailById.set(String(u.id), email);
  }
  const numbers: PhoneNumber[] = [];
  for (const n of raw) {
    if (n.number === undefined) continue;
    const number: PhoneNumber = { number: n.number, status: n.status ?? 'available' };
    const office = keyOf(n.office_id);
    if (office !== undefined) number.office = office;
    if (n.target_type !== undefined) number.targetType = n.target_type;
    if (n.target_id !== undefined) number.targetId = String(n.target_id);
    if (n.type !== undefined) number.type = n.type;
    if (n.target_type === 'user' && n.target_id !== undefined) {
      const email = emailById.get(String(n.target_id));
      if (email !== undefined) number.userEmail = email;
    }
    numbers.push(number);
  }
  return numbers.sort((a, b) => compareCodeUnits(a.number, b.number));
}

/** Departments and call centers, sorted by key; a group without an id is left out. */
function normalizeGroups(departments: readonly ApiDepartment[], callCenters: readonly ApiDepartment[]): Group[] {
  return [...departments.flatMap((g) => toGroup(g, 'department')), ...callCenters.flatMap((g) => toGroup(g, 'call_center'))].sort((a, b) =>
    compareCodeUnits(a.key, b.key),
  );
}

function toGroup(g: ApiDepartment, type: GroupType): Group[] {
  if (g.id === undefined) return [];
  const id = String(g.id);
  const numbers = [...(g.phone_numbers ?? [])];
  const settings = readGroupSettings(g, type);
  return [
    {
      key: liveGroupKey(type, id),
      type,
      id,
      name: g.name ?? '',
      office: keyOf(g.office_id) ?? '',
      ...(numbers.length === 0 ? {} : { numbers }),
      ...(settings === undefined ? {} : { settings }),
    },
  ];
}

/** A user's memberships of `type` from `group_details`, sorted by group key (role default `operator`). */
function membershipsFrom(details: ApiGroupDetails[] | undefined, type: GroupType): Membership[] {
  return (details ?? [])
    .flatMap((d) => (d.group_id === undefined || d.group_type === undefined || GROUP_DETAIL_TYPES[d.group_type] !== type ? [] : [{ group: liveGroupKey(type, String(d.group_id)), role: (d.role ?? 'operator') as GroupRole }]))
    .sort((a, b) => compareCodeUnits(a.group, b.group));
}

/** Users sharing an email (a deleted account and its re-created successor) sort live first. */
const STATE_ORDER: Record<UserState, string> = { active: '0', pending: '1', suspended: '2', deleted: '3', cancelled: '4' };

function toCompany(c: ApiCompany | undefined): Company {
  const company: Company = {};
  if (c === undefined) return company;
  if (c.id !== undefined) company.id = String(c.id);
  if (c.name !== undefined) company.name = c.name;
  if (c.account_type !== undefined && (ACCOUNT_TYPES as readonly string[]).includes(c.account_type)) {
    company.accountType = c.account_type as AccountType;
  }
  return company;
}

/** Live counts: every managed line type present, 0 when the API omits it. */
export function toLineCounts(c: ApiLineCounts | undefined): LineCounts {
  return Object.fromEntries(LINE_TYPES.map((line) => [line, toInt(c?.[LINE_FIELD[line]])]));
}

function toInt(v: Int64 | undefined): number {
  if (v === undefined) return 0;
  const n = typeof v === 'number' ? v : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

