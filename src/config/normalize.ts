import { GROUP_SETTINGS_FIELDS, normalizeGroupSettings } from './normalize-group-settings.js';
import type { AdminRights, DesiredState, Group, GroupType, LineCounts, Membership, Office, OfficeCreateSpec, Policy, ReservedNumbers, Room, User } from '../model/tenant.js';
import { normalizeRooms } from './normalize-rooms.js';
import { GROUP_TYPES, LINE_TYPES } from '../model/tenant.js';
import { cleanE911 } from '../model/e911.js';
import { GROUP_CONFIG_KEY } from '../model/groups.js';
import { DEFAULT_USER_LICENSE } from '../model/license-lines.js';
import type { MergedConfig } from './merge-files.js';
import { describeUserSource } from './profiles.js';
import { pickPhoneSettings } from '../model/phone-settings.js';
import type { RawCompany, RawConfig, RawGroup, RawOffice, RawPolicy, RawReservedNumbers, RawUser } from './raw-types.js';
import { readConfigOwners } from './config-owners.js';
import { resolveFixture } from './semantic-rules.js';
import type { PathSegment } from './yaml-file.js';
import { compareCodeUnits } from '../model/compare.js';

/**
 * How each key of a raw config object reaches the desired state: a function of its value (and
 * of the whole object) returning the fields it sets, `{ readWith }` for a key another key's
 * function reads, or `{ ignored }` with the reason. A mapped type over the raw type's keys, so a
 * key added to a raw type (and validated by the schema) but not handled here fails to compile.
 */
export type Fields<R, O> = {
  [K in keyof R]-?: ((value: R[K], raw: R) => Partial<O>) | { readWith: Exclude<keyof R, K> } | { ignored: string };
};

/** The fields `fields` sets from `raw`, in the table's key order. */
export function normalizeFields<R, O>(raw: R, fields: Fields<R, O>): Partial<O> {
  const out: Record<string, unknown> = {};
  for (const [key, read] of readersOf(fields)) {
    const part = read(raw[key as keyof R], raw) as Record<string, unknown>;
    // Most fields of most users are absent: nothing to copy.
    if (part === ABSENT) continue;
    for (const name in part) out[name] = part[name];
  }
  return out as Partial<O>;
}

type Reader = (value: unknown, raw: unknown) => object;

/**
 * The keys of a `Fields` table that set fields, with their functions, in the table's order; kept
 * per table, since the users' table is walked once per user (50,000 times for 50,000 users).
 */
const READERS = new WeakMap<object, [string, Reader][]>();
function readersOf(fields: object): [string, Reader][] {
  let readers = READERS.get(fields);
  if (readers === undefined) {
    readers = Object.entries(fields).filter((e): e is [string, Reader] => typeof e[1] === 'function');
    READERS.set(fields, readers);
  }
  return readers;
}

/** Shared by every absent optional field: most fields of most users are absent. */
const ABSENT = Object.freeze({});

/** `{}` when `value` is undefined, else `{ [name]: value }`: optional fields stay absent. */
function optional<N extends string, V>(name: N, value: V | undefined): { [P in N]?: V } {
  return (value === undefined ? ABSENT : { [name]: value }) as { [P in N]?: V };
}

interface Sections {
  company: DesiredState['tenant']['company'];
  policy: Policy;
  offices: Office[];
  users: User[];
  departments: Group[];
  callCenters: Group[];
  rooms?: Room[];
  reservedNumbers: ReservedNumbers;
  emulatorFixture: string;
}

/**
 * Turns a valid merged config into the desired state: emails lower-cased, countries upper-case,
 * defaults applied, admin rights expanded, offices sorted by key and users by email, each object
 * carrying `source` (`file:LINE` where it starts). `numbers` stays undefined when not given.
 */
export function normalizeConfig(config: MergedConfig, files: string[]): DesiredState {
  const sections: Fields<RawConfig, Sections> = {
    version: { ignored: 'the schema admits only 1' },
    company: (company) => ({ company: normalizeFields<RawCompany, DesiredState['tenant']['company']>(company ?? {}, {
      account_type: (type) => (type === undefined ? {} : { accountType: type, source: sourceOf(config, ['company'], 'account_type') }),
      owners: OWNERS_IGNORED,
    }) }),
    policy: (policy) => ({ policy: normalizePolicy(policy ?? {}) }),
    offices: (offices) => ({
      offices: Object.entries(offices ?? {})
        .map(([key, office]) => normalizeOffice(key, office, sourceOf(config, ['offices'], key)))
        .sort((a, b) => compareCodeUnits(a.key, b.key)),
    }),
    reserved_numbers: (reserved) => ({ reservedNumbers: normalizeReserved(reserved, () => sourceOf(config, [], 'reserved_numbers')) }),
    emulator: () => optional('emulatorFixture', resolveFixture(config)),
    departments: (groups) => ({ departments: Object.entries(groups ?? {}).map(([key, g]) => normalizeGroup(key, 'department', g, sourceOf(config, ['departments'], key))) }),
    call_centers: (groups) => ({ callCenters: Object.entries(groups ?? {}).map(([key, g]) => normalizeGroup(key, 'call_center', g, sourceOf(config, ['call_centers'], key))) }),
    rooms: (rooms) => (rooms === undefined ? {} : { rooms: normalizeRooms(rooms, (key) => sourceOf(config, ['rooms'], key)) }),
    profiles: { ignored: 'applied to the user entries that name them (applyProfiles)' },
    users: (users) => ({
      users: (users ?? []).map((user, i) => normalizeUser(user, describeUserSource(config, i, user))).sort((a, b) => compareCodeUnits(a.email, b.email)),
    }),
  };
  const raw = config.raw;
  const s = normalizeFields(raw, sections) as Sections;
  const groups = [...s.departments, ...s.callCenters].sort((a, b) => compareCodeUnits(a.key, b.key));
  return {
    tenant: { company: s.company, offices: s.offices, users: s.users, numbers: [], ...(groups.length === 0 ? {} : { groups }), ...optional('rooms', s.rooms) },
    policy: s.policy,
    reservedNumbers: s.reservedNumbers,
    groupSections: GROUP_TYPES.filter((type) => raw[GROUP_CONFIG_KEY[type]] !== undefined),
    ...optional('emulatorFixture', s.emulatorFixture),
    files,
    owners: readConfigOwners(config, files),
  };
}

const POLICY_FIELDS: Fields<RawPolicy, Policy> = {
  unmanaged_users: (v) => ({ unmanagedUsers: v ?? 'ignore' }),
  max_deletions: (v) => optional('maxDeletions', v),
  max_deletion_percent: (v) => optional('maxDeletionPercent', v),
  max_suspensions: (v) => optional('maxSuspensions', v),
  max_suspension_percent: (v) => optional('maxSuspensionPercent', v),
  protected: (v) => ({ protected: [...new Set((v ?? []).map((e) => e.toLowerCase()))].sort(compareCodeUnits) }),
  lifecycle: (v) => optional('lifecycle', v),
  delete_after_days: (v) => optional('deleteAfterDays', v),
  time_zone: (v) => optional('timeZone', v),
  dialpad_clock_acknowledged: (v) => optional('dialpadClockAcknowledged', v),
  unmanaged_groups: (v) => optional('unmanagedGroups', v),
  unmanaged_rooms: (v) => optional('unmanagedRooms', v),
};

function normalizePolicy(raw: RawPolicy): Policy {
  return normalizeFields(raw, POLICY_FIELDS) as Policy;
}

function normalizeReserved(raw: RawReservedNumbers | undefined, source: () => string): ReservedNumbers {
  const reserved = normalizeFields<RawReservedNumbers, ReservedNumbers>(raw ?? {}, {
    keep: (v) => ({ keep: [...new Set(v ?? [])].sort(compareCodeUnits) }),
    release_unlisted: (v) => ({ releaseUnlisted: v ?? false }),
    // Absent stays absent, so the config digest of a config without it does not change.
    release: (v) => optional('release', v === undefined ? undefined : [...new Set(v)].sort(compareCodeUnits)),
  }) as ReservedNumbers;
  return raw === undefined ? reserved : { ...reserved, source: source() };
}

/** Owners are read by `readConfigOwners` into `DesiredState.owners`: the repository's, not Dialpad's. */
const OWNERS_IGNORED = { ignored: 'a repository fact: read into DesiredState.owners by readConfigOwners' };

const OFFICE_FIELDS: Fields<RawOffice, Office> = {
  name: (v) => ({ name: v }),
  id: (v) => optional('id', v),
  country: (v) => ({ country: v.toUpperCase() }),
  price_level: (v) => optional('priceLevel', v),
  licenses: (v) => {
    const licenses: LineCounts = {};
    for (const line of LINE_TYPES) {
      const count = v?.[line];
      if (count !== undefined) licenses[line] = count;
    }
    return { licenses };
  },
  create: (v) => optional('create', v as OfficeCreateSpec | undefined),
  lifecycle: (v) => optional('lifecycle', v),
  owners: OWNERS_IGNORED,
  e911: (v) => optional('e911', v === undefined ? undefined : cleanE911(v)),
};

function normalizeOffice(key: string, raw: RawOffice, source: string): Office {
  return { key, ...normalizeFields(raw, OFFICE_FIELDS), source } as Office;
}

/**
 * The user's fields, one table for every user; memberships come without their `source`, which
 * `normalizeUser` adds (the user's).
 */
const USER_FIELDS: Fields<RawUser, User> = {
  email: (v) => ({ email: v.toLowerCase() }),
  first_name: (v) => ({ firstName: v }),
  last_name: (v) => ({ lastName: v }),
  office: (v) => ({ office: v }),
  license: (v) => ({ license: v ?? DEFAULT_USER_LICENSE }),
  numbers: (v) => optional('numbers', v === undefined ? undefined : [...v]),
  admin: (_v, raw) => ({ admin: normalizeAdmin(raw) }),
  admin_offices: { readWith: 'admin' },
  state: (v) => ({ state: v ?? 'active' }),
  analytics: (v) => optional('analytics', v),
  proxy: (v) => optional('proxy', v),
  allow_number_change: (v) => optional('allowNumberChange', v),
  allow_number_loss: (v) => optional('allowNumberLoss', v),
  allow_new_account: (v) => optional('allowNewAccount', v),
  previous_emails: (v) => optional('previousEmails', v === undefined ? undefined : [...new Set(v.map((e) => e.toLowerCase()))].sort(compareCodeUnits)),
  lifecycle: (v) => optional('lifecycle', v),
  starts_on: (v) => optional('startsOn', v),
  leaves_on: (v) => optional('leavesOn', v),
  departments: (v) => optional('departments', v === undefined ? undefined : sortMemberships(Object.entries(v).map(([group, role]) => ({ group, role })))),
  call_centers: (v) =>
    optional(
      'callCenters',
      v === undefined
        ? undefined
        : sortMemberships(
            Object.entries(v).map(([group, m]) =>
              typeof m === 'string' ? { group, role: m } : { group, role: m.role ?? 'operator', ...(m.skill === undefined ? {} : { skill: m.skill }) },
            ),
          ),
    ),
  e911: (v) => optional('e911', v === undefined ? undefined : cleanE911(v)),
  extension: (_v, raw) => optional('settings', pickPhoneSettings(raw)),
  forwarding_numbers: { readWith: 'extension' },
  international_dialing_enabled: { readWith: 'extension' },
  job_title: { readWith: 'extension' },
  profile: { ignored: 'its keys are in the entry already (applyProfiles)' },
  caller_id: (v) => optional('callerId', v),
};

/** The user entry as the desired state holds it; its memberships carry its `source`. */
function normalizeUser(raw: RawUser, source: string): User {
  // Built in place, fields in the table's order and `source` last, as a spread would give them.
  const user = normalizeFields(raw, USER_FIELDS) as User;
  user.source = source;
  for (const m of user.departments ?? []) m.source = source;
  for (const m of user.callCenters ?? []) m.source = source;
  return user;
}

const GROUP_FIELDS: Fields<RawGroup, Group> = {
  name: (v) => ({ name: v }),
  office: (v) => ({ office: v }),
  id: (v) => optional('id', v),
  allow_new_group: (v) => optional('allowNewGroup', v),
  owners: OWNERS_IGNORED,
  ...GROUP_SETTINGS_FIELDS,
};

function normalizeGroup(key: string, type: GroupType, raw: RawGroup, source: string): Group {
  return { key, type, ...normalizeFields(raw, GROUP_FIELDS), ...optional('settings', normalizeGroupSettings(raw)), source } as Group;
}

/** Memberships sorted by group key; typed as `Membership` for the table, `normalizeUser` adds `source`. */
function sortMemberships(ms: Omit<Membership, 'source'>[]): Membership[] {
  return (ms as Membership[]).sort((a, b) => compareCodeUnits(a.group, b.group));
}

/** `admin: office` administers the user's own office; `admin_offices` adds further offices in every case. */
function normalizeAdmin(raw: RawUser): AdminRights {
  const offices = new Set(raw.admin_offices ?? []);
  if (raw.admin === 'office') offices.add(raw.office);
  return { company: raw.admin === 'company', offices: [...offices].sort(compareCodeUnits) };
}

/** `file:LINE` of the node at `path` (or of `key` in the mapping there). */
function sourceOf(config: MergedConfig, path: readonly PathSegment[], key?: string): string {
  const at = config.locate(path, key);
  return `${at.file}:${at.line}`;
}
