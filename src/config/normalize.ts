import type { AdminRights, DesiredState, Group, GroupType, LineCounts, Membership, Office, OfficeCreateSpec, User } from '../model/tenant.js';
import { GROUP_TYPES, LINE_TYPES } from '../model/tenant.js';
import { GROUP_CONFIG_KEY } from '../model/groups.js';
import type { MergedConfig } from './merge-files.js';
import type { RawGroup, RawOffice, RawUser } from './raw-types.js';
import { resolveFixture } from './semantic-rules.js';
import type { PathSegment } from './yaml-file.js';
import { compareCodeUnits } from '../model/compare.js';

/**
 * Turns a valid merged config into the desired state: emails lower-cased, countries upper-case,
 * defaults applied, admin rights expanded, offices sorted by key and users by email, each object
 * carrying `source` (`file:LINE` where it starts). `numbers` stays undefined when not given.
 */
export function normalizeConfig(config: MergedConfig, files: string[]): DesiredState {
  const raw = config.raw;
  const offices = Object.entries(raw.offices ?? {})
    .map(([key, office]) => normalizeOffice(key, office, sourceOf(config, ['offices'], key)))
    .sort((a, b) => compareCodeUnits(a.key, b.key));
  const users = (raw.users ?? [])
    .map((user, i) => normalizeUser(user, sourceOf(config, ['users', i])))
    .sort((a, b) => compareCodeUnits(a.email, b.email));
  const groups = [
    ...Object.entries(raw.departments ?? {}).map(([key, g]) => normalizeGroup(key, 'department', g, sourceOf(config, ['departments'], key))),
    ...Object.entries(raw.call_centers ?? {}).map(([key, g]) => normalizeGroup(key, 'call_center', g, sourceOf(config, ['call_centers'], key))),
  ].sort((a, b) => compareCodeUnits(a.key, b.key));
  const company = raw.company?.account_type === undefined ? {} : { accountType: raw.company.account_type, source: sourceOf(config, ['company'], 'account_type') };
  const policy = raw.policy ?? {};
  const reserved = raw.reserved_numbers;
  const emulatorFixture = resolveFixture(config);
  return {
    tenant: { company, offices, users, numbers: [], ...(groups.length === 0 ? {} : { groups }) },
    policy: {
      unmanagedUsers: policy.unmanaged_users ?? 'ignore',
      ...(policy.max_deletions === undefined ? {} : { maxDeletions: policy.max_deletions }),
      ...(policy.max_deletion_percent === undefined ? {} : { maxDeletionPercent: policy.max_deletion_percent }),
      protected: [...new Set((policy.protected ?? []).map((e) => e.toLowerCase()))].sort(compareCodeUnits),
      ...(policy.lifecycle === undefined ? {} : { lifecycle: policy.lifecycle }),
      ...(policy.delete_after_days === undefined ? {} : { deleteAfterDays: policy.delete_after_days }),
      ...(policy.time_zone === undefined ? {} : { timeZone: policy.time_zone }),
      ...(policy.dialpad_clock_acknowledged === undefined ? {} : { dialpadClockAcknowledged: policy.dialpad_clock_acknowledged }),
      ...(policy.unmanaged_groups === undefined ? {} : { unmanagedGroups: policy.unmanaged_groups }),
    },
    reservedNumbers: {
      keep: [...new Set(reserved?.keep ?? [])].sort(compareCodeUnits),
      releaseUnlisted: reserved?.release_unlisted ?? false,
      ...(reserved === undefined ? {} : { source: sourceOf(config, [], 'reserved_numbers') }),
    },
    groupSections: GROUP_TYPES.filter((type) => raw[GROUP_CONFIG_KEY[type]] !== undefined),
    ...(emulatorFixture === undefined ? {} : { emulatorFixture }),
    files,
  };
}

function normalizeOffice(key: string, raw: RawOffice, source: string): Office {
  const licenses: LineCounts = {};
  for (const line of LINE_TYPES) {
    const count = raw.licenses?.[line];
    if (count !== undefined) licenses[line] = count;
  }
  const office: Office = { key, name: raw.name, country: raw.country.toUpperCase(), licenses, source };
  if (raw.id !== undefined) office.id = raw.id;
  if (raw.price_level !== undefined) office.priceLevel = raw.price_level;
  if (raw.create !== undefined) office.create = raw.create as OfficeCreateSpec;
  if (raw.lifecycle !== undefined) office.lifecycle = raw.lifecycle;
  return office;
}

function normalizeUser(raw: RawUser, source: string): User {
  const user: User = {
    email: raw.email.toLowerCase(),
    firstName: raw.first_name,
    lastName: raw.last_name,
    office: raw.office,
    license: raw.license ?? 'talk',
    admin: normalizeAdmin(raw),
    state: raw.state ?? 'active',
    source,
  };
  if (raw.numbers !== undefined) user.numbers = [...raw.numbers];
  if (raw.analytics !== undefined) user.analytics = raw.analytics;
  if (raw.proxy !== undefined) user.proxy = raw.proxy;
  if (raw.allow_number_change !== undefined) user.allowNumberChange = raw.allow_number_change;
  if (raw.allow_number_loss !== undefined) user.allowNumberLoss = raw.allow_number_loss;
  if (raw.allow_new_account !== undefined) user.allowNewAccount = raw.allow_new_account;
  if (raw.lifecycle !== undefined) user.lifecycle = raw.lifecycle;
  if (raw.starts_on !== undefined) user.startsOn = raw.starts_on;
  if (raw.leaves_on !== undefined) user.leavesOn = raw.leaves_on;
  if (raw.departments !== undefined) user.departments = normalizeMemberships(Object.entries(raw.departments).map(([group, role]) => ({ group, role })), source);
  if (raw.call_centers !== undefined) {
    user.callCenters = normalizeMemberships(
      Object.entries(raw.call_centers).map(([group, m]) =>
        typeof m === 'string' ? { group, role: m } : { group, role: m.role ?? 'operator', ...(m.skill === undefined ? {} : { skill: m.skill }) },
      ),
      source,
    );
  }
  if (raw.previous_emails !== undefined) user.previousEmails = [...new Set(raw.previous_emails.map((e) => e.toLowerCase()))].sort(compareCodeUnits);
  return user;
}

function normalizeGroup(key: string, type: GroupType, raw: RawGroup, source: string): Group {
  return { key, type, name: raw.name, office: raw.office, ...(raw.id === undefined ? {} : { id: raw.id }), source };
}

/** Memberships sorted by group key, each carrying the user's source. */
function normalizeMemberships(ms: Omit<Membership, 'source'>[], source: string): Membership[] {
  return ms.map((m) => ({ ...m, source })).sort((a, b) => compareCodeUnits(a.group, b.group));
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

