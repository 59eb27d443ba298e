/**
 * The one normalized model of a Dialpad company. The config loader (desired side) and the API
 * reader (live side) both produce a `Tenant`; the differ compares two of them and never sees raw
 * YAML or raw API JSON.
 *
 * Conventions shared by both sides:
 * - emails are lower-cased (identity is case-insensitive), numbers are E.164 strings;
 * - countries are upper-case ISO 3166 alpha-2 (`US`, `GB`), whatever case the API sends;
 * - office references are office *keys*: the config key on the desired side; on the live side
 *   `id:<live id>` as read (`fetchLive`), then, once matched to a config (`keyLiveOffices`), the
 *   key of the matching config office where there is one;
 * - arrays are sorted deterministically (offices by key, users by email, numbers by number) so
 *   that equal tenants serialize identically.
 */
import type { PhoneSettings } from './phone-settings.js';

import type { ConfigOwners } from './config-owners.js';
import type { Group, GroupType, Membership, Room } from './tenant-groups.js';

export { GROUP_TYPES, type Group, type GroupRole, type GroupType, type Membership, type Room } from './tenant-groups.js';

/**
 * Office license kinds that dialform manages, named as config writes them (`offices.*.licenses`):
 * the Dialpad user licenses, then the Ai Meetings and add-on kinds. Their API fields, labels and
 * the help article's license type for each: `LINE_KINDS` in `license-lines.ts`.
 */
export const LINE_TYPES = [
  'talk',
  'sell',
  'contact_center',
  'ai_meetings',
  'toll_free_ai_meetings',
  'additional_numbers',
  'toll_free_additional_numbers',
  'rooms',
  'toll_free_rooms',
  'fax',
] as const;
export type LineType = (typeof LINE_TYPES)[number];

/** License counts per line type. A missing entry means "not managed" on the desired side, 0 on the live side. */
export type LineCounts = Partial<Record<LineType, number>>;

/** A user's license, using the API's License enum. */
export const USER_LICENSES = [
  'talk',
  'agents',
  'lite_support_agents',
  'lite_lines',
  'admins',
  'dpde_all',
  'dpde_one',
  'magenta_lines',
  'user',
] as const;
export type UserLicense = (typeof USER_LICENSES)[number];

/** Company pricing tier (`CompanyProto.account_type`). Transfers need `pro` or `enterprise`. */
export const ACCOUNT_TYPES = ['free', 'standard', 'pro', 'enterprise'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export type UserState = 'active' | 'suspended' | 'pending' | 'deleted' | 'cancelled';

/** Where in the config a desired object was declared: `path/to/file.yaml:LINE`. */
export type SourceRef = string;

export interface Company {
  id?: string;
  name?: string;
  /** Live: read from the API. Desired: asserted by `company.account_type`, if set. */
  accountType?: AccountType;
  source?: SourceRef;
}

/** Fields `POST /api/v2/offices` requires that have no place elsewhere in the model. */
export interface OfficeCreateSpec {
  currency: string;
  plan_period: 'monthly' | 'yearly';
  annual_commit_monthly_billing: boolean;
  invoiced: boolean;
  unified_billing: boolean;
  billing_address: {
    address_line_1: string;
    address_line_2?: string;
    city: string;
    country: string;
    postal_code: string;
    region: string;
  };
  e911_address?: {
    address: string;
    address2?: string;
    city: string;
    country: string;
    state: string;
    zip: string;
  };
  timezone?: string;
}

/**
 * An E911 (emergency) address as Dialpad takes it (`E911UpdateMessage`): `address`, `city`,
 * `state`, `zip` and `country` are required there; `address2` is optional.
 */
export interface E911Address {
  address: string;
  address2?: string;
  city: string;
  state: string;
  zip: string;
  country: string;
}

export interface Office {
  key: string;
  /** Live id; on the desired side only when the config pins one with `id:`. */
  id?: string;
  name: string;
  /** Upper-case ISO 3166 alpha-2. */
  country: string;
  /** Not visible through the API: declared in config, or an emulator-only fixture field. */
  priceLevel?: string;
  /** Desired: license counts the office should have purchased. Live: `GET .../plan`. */
  licenses: LineCounts;
  /** Live only: unassigned licenses from `GET .../available_licenses`. */
  available?: LineCounts;
  primary?: boolean;
  /** Desired only: what `create_office` sends when the office does not exist yet. */
  create?: OfficeCreateSpec;
  /** Desired only: the lifecycle owner of this office's users, overriding `policy.lifecycle`. */
  lifecycle?: LifecycleOwner;
  /**
   * The office's E911 address. Desired: declared (`offices.<key>.e911`; absent: not managed).
   * Live: read (`GET …/e911`) only for offices whose config declares one, else absent. Either side
   * may lack fields (Dialpad sends unset ones as null; config values may be blank).
   */
  e911?: Partial<E911Address>;
  source?: SourceRef;
}

export interface AdminRights {
  /** Company admin (`is_super_admin`). */
  company: boolean;
  /** Keys of the offices the user administers (`admin_office_ids`), sorted. */
  offices: string[];
}

export interface User {
  /** Primary email, lower-cased: the user's identity. */
  email: string;
  id?: string;
  firstName: string;
  lastName: string;
  /** Office key. */
  office: string;
  license: UserLicense;
  admin: AdminRights;
  state: UserState;
  /** E.164, primary first. Desired: `undefined` means numbers are not managed for this user. */
  numbers?: string[];
  /** Live only: ISO time of deletion for `state: deleted` users, when known. */
  deletedAt?: string;
  /** Desired only (class 3, no API): Charting Data analytics access. */
  analytics?: boolean;
  /** Desired only (class 3, no API): proxy access granted to this user. */
  proxy?: boolean;
  /** Desired only: acknowledges that an international move replaces the user's numbers. */
  allowNumberChange?: boolean;
  /** Desired only: acknowledges that deleting this pending user deletes the numbers they hold for good. */
  allowNumberLoss?: boolean;
  /**
   * Desired only: a restore apply waited for can no longer happen (its window passed), and a new
   * account, without the old one's history, is what is wanted (`restore_window_expired`).
   */
  allowNewAccount?: boolean;
  /** Desired only: earlier primary emails, so an email change is an update. */
  previousEmails?: string[];
  /** Desired only: this user's lifecycle owner, overriding their office's and `policy.lifecycle`. */
  lifecycle?: LifecycleOwner;
  /** Desired only, `YYYY-MM-DD`: no account before this date (a dated joiner). */
  startsOn?: string;
  /** Desired only, `YYYY-MM-DD`: suspended from this date, deleted `policy.delete_after_days` later. */
  leavesOn?: string;
  /**
   * Departments the user operates in, sorted by group key. Desired: `undefined` means the user's
   * department memberships are not managed. Live: from `group_details` (always set).
   */
  departments?: Membership[];
  /** Call centers the user operates in, as `departments`; desired entries may carry a skill level. */
  callCenters?: Membership[];
  /**
   * The person's own E911 address. Desired: declared (`users[].e911`; absent: not managed), perhaps
   * incomplete (then not sent: `e911_address_incomplete`). Live: read (`GET /users/{id}/e911`) only
   * for users whose config declares one, else absent.
   */
  e911?: Partial<E911Address>;
  /** Phone settings (`PATCH /users/{id}` fields). Desired: only the keys config writes. Live: as read. */
  settings?: PhoneSettings;
  /**
   * The number the user presents on outbound calls, or `blocked`. Desired: only where config
   * writes it. Live: read (`GET /users/{id}/caller_id`) only for the users config declares one for.
   */
  callerId?: string;
  /** Live only, with `callerId`: the numbers the user may present and who holds each. */
  callerIdChoices?: CallerIdChoice[];
  source?: SourceRef;
}

/** A number a user may present as caller ID (`CallerIdProto`): their own, their office's main line, or a group's. */
export interface CallerIdChoice {
  number: string;
  heldBy: 'user' | 'office' | 'group';
  /** The group's name, for `group`. */
  name?: string;
}

/** A company-owned phone number as `GET /api/v2/numbers` shows it. */
export interface PhoneNumber {
  number: string;
  /** API status: `available` (no target: the reserved pool), `user`, `office`, … */
  status: string;
  /** Owning office key, when the API names one. */
  office?: string;
  /** For numbers assigned to a user: the user's email (live side resolves `target_id`). */
  userEmail?: string;
  targetType?: string;
  targetId?: string;
  type?: string;
}

export type UnmanagedUsersPolicy = 'ignore' | 'suspend' | 'delete';

/** What happens to live departments and call centers absent from config (default `ignore`). */
export type UnmanagedGroupsPolicy = 'ignore' | 'delete';

/** What happens to live rooms absent from config (default `ignore`). */
export type UnmanagedRoomsPolicy = 'ignore' | 'delete';

/**
 * Who decides that a user exists and whether they are active (docs/lifecycle.md): `dialform`
 * (the config) or `external` (an identity provider through SCIM). Set company-wide
 * (`policy.lifecycle`), per office or per user; the nearest wins (`lifecycleOwnerOf`).
 */
export const LIFECYCLE_OWNERS = ['dialform', 'external'] as const;
export type LifecycleOwner = (typeof LIFECYCLE_OWNERS)[number];

export interface Policy {
  unmanagedUsers: UnmanagedUsersPolicy;
  maxDeletions?: number;
  maxDeletionPercent?: number;
  /** Caps on the users a plan suspends (`too_many_suspensions`), as the deletion caps are on deletions. */
  maxSuspensions?: number;
  maxSuspensionPercent?: number;
  /** Lower-cased emails. */
  protected: string[];
  /** The company-wide lifecycle owner; absent: `dialform`. */
  lifecycle?: LifecycleOwner;
  /** Days after `leaves_on` that a leaver is deleted; absent: leavers stay suspended. */
  deleteAfterDays?: number;
  /** tz database name that `starts_on`/`leaves_on` dates are read in; absent: UTC. */
  timeZone?: string;
  /**
   * The date (YYYY-MM-DD in `timeZone`) Dialpad's clock showed when an admin confirmed it right
   * although it was more than a day from the planning machine's (`checkDialpadClock`).
   */
  dialpadClockAcknowledged?: string;
  /** Live groups absent from config: left alone (`ignore`, the default when absent) or deleted. */
  unmanagedGroups?: UnmanagedGroupsPolicy;
  /** Live rooms absent from config: left alone (`ignore`, the default when absent) or deleted (only with a `rooms:` section). */
  unmanagedRooms?: UnmanagedRoomsPolicy;
}

export interface ReservedNumbers {
  keep: string[];
  releaseUnlisted: boolean;
  /** Numbers to give back to Dialpad one by one (`reserved_numbers.release`), whatever `releaseUnlisted` says. Sorted. */
  release?: string[];
  source?: SourceRef;
}

/** Both sides of the diff. */
export interface Tenant {
  company: Company;
  offices: Office[];
  /** Users in every state; live includes suspended, pending and deleted (still restorable) users. */
  users: User[];
  /** Live: every company number. Desired: empty (numbers are declared on users and in `reservedNumbers`). */
  numbers: PhoneNumber[];
  /** Departments and call centers, sorted by key; absent means none (desired: none declared). */
  groups?: Group[];
  /**
   * Rooms, sorted by key. Desired: absent when config has no `rooms:` section (rooms not managed).
   * Live: absent when the read did not ask for them (`LiveReadScope.rooms`).
   */
  rooms?: Room[];
}

/** What the config asks for: the desired tenant plus the settings that steer the plan. */
export interface DesiredState {
  tenant: Tenant;
  policy: Policy;
  reservedNumbers: ReservedNumbers;
  /**
   * The group types whose config section (`departments:` / `call_centers:`) is present, even
   * empty. Only live groups of these types are unmanaged when config lacks them (deleted under
   * `unmanaged_groups: delete`); an absent section leaves every group of its type alone, as an
   * absent `departments:` on a user leaves their memberships alone.
   */
  groupSections: GroupType[];
  /** Fixture the embedded emulator starts from, resolved to an absolute path. */
  emulatorFixture?: string;
  /** The config files read, in order (absolute paths), for digests and messages. */
  files: string[];
  /** Who reviews which part of the config, and what each file declares (docs/owners.md). */
  owners: ConfigOwners;
}

/** What was read from Dialpad. */
export interface LiveState {
  tenant: Tenant;
  /**
   * When the read was made by Dialpad's clock (the `Date` header of its answers), ISO; absent when
   * Dialpad sent none. Plans date what depends on time (a restore window) from it, not from the
   * planning machine's clock.
   */
  readAt?: string;
  /**
   * Lists or per-office reads that failed part way. Non-empty means the tenant is partial:
   * the `incomplete_live_read` rule blocks the plan.
   */
  incomplete: string[];
  /**
   * The lists among `incomplete` known not to be whole (a page failed, or a record another read
   * names is not in it: `crossCheckLists`). The planner withholds creates of their kinds, which
   * may be of records only unread. Absent: none.
   */
  partialLists?: LiveList[];
}

/** The lists a read takes whole. */
export type LiveList = 'offices' | 'users' | 'departments' | 'call_centers' | 'reserved_numbers' | 'rooms';

/** Dialpad's clock at the read (`readAt`), if Dialpad sent one; callers fall back to their own. */
export function dialpadClock(live: LiveState): Date | undefined {
  return live.readAt === undefined ? undefined : new Date(live.readAt);
}
