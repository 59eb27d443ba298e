/**
 * TypeScript shapes of one config file as written in YAML (snake_case, before normalization).
 *
 * Hand-written, and held to `schemas/dialform.schema.json` two ways: each `*_KEYS` list below must
 * equal the key set of its interface (checked at compile time by `assertKeys`) and the property
 * names of the schema object named in `RAW_SCHEMA_KEYS` (checked by test/unit/config-schema.test.ts);
 * `RAW_SCHEMA_REQUIRED` is held the same way to the interfaces' non-optional keys and the schema's
 * `required` lists.
 */
import { LINE_TYPES, type AccountType, type LifecycleOwner, type LineType, type OfficeCreateSpec, type UnmanagedGroupsPolicy, type UnmanagedRoomsPolicy, type UnmanagedUsersPolicy, type UserLicense } from '../model/tenant.js';

/** True only when `K` lists exactly the keys of `T`. */
type SameKeys<T, K extends readonly string[]> = [keyof T] extends [K[number]]
  ? [K[number]] extends [keyof T]
    ? true
    : false
  : false;
function assertKeys<_T extends true>(): void {}
/** The keys of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
/** Same check as `SameKeys`, for the required keys only. */
type SameRequired<T, K extends readonly string[]> = [RequiredKeys<T>] extends [K[number]]
  ? [K[number]] extends [RequiredKeys<T>]
    ? true
    : false
  : false;

export interface RawConfig {
  version: 1;
  company?: RawCompany;
  policy?: RawPolicy;
  offices?: Record<string, RawOffice>;
  reserved_numbers?: RawReservedNumbers;
  emulator?: RawEmulator;
  departments?: Record<string, RawGroup>;
  call_centers?: Record<string, RawGroup>;
  rooms?: Record<string, RawRoom>;
  profiles?: Record<string, RawProfile>;
  users?: RawUser[];
}
export const RAW_CONFIG_KEYS = ['version', 'company', 'policy', 'offices', 'reserved_numbers', 'emulator', 'departments', 'call_centers', 'rooms', 'profiles', 'users'] as const;
assertKeys<SameKeys<RawConfig, typeof RAW_CONFIG_KEYS>>();

export interface RawCompany {
  account_type?: AccountType;
  /** Reviewers of company-level files (docs/owners.md). */
  owners?: string[];
}
export const RAW_COMPANY_KEYS = ['account_type', 'owners'] as const;
assertKeys<SameKeys<RawCompany, typeof RAW_COMPANY_KEYS>>();

export interface RawPolicy {
  unmanaged_users?: UnmanagedUsersPolicy;
  max_deletions?: number;
  max_deletion_percent?: number;
  max_suspensions?: number;
  max_suspension_percent?: number;
  protected?: string[];
  lifecycle?: LifecycleOwner;
  delete_after_days?: number;
  time_zone?: string;
  dialpad_clock_acknowledged?: string;
  unmanaged_groups?: UnmanagedGroupsPolicy;
  unmanaged_rooms?: UnmanagedRoomsPolicy;
}
export const RAW_POLICY_KEYS = ['unmanaged_users', 'max_deletions', 'max_deletion_percent', 'max_suspensions', 'max_suspension_percent', 'protected', 'lifecycle', 'delete_after_days', 'time_zone', 'dialpad_clock_acknowledged', 'unmanaged_groups', 'unmanaged_rooms'] as const;
assertKeys<SameKeys<RawPolicy, typeof RAW_POLICY_KEYS>>();

/** An `offices.<key>` entry as written in config (live offices as read from the API are `LiveOfficeReads`). */
export interface RawOffice {
  name: string;
  id?: string;
  country: string;
  price_level?: string;
  licenses?: RawOfficeLicenses;
  create?: RawOfficeCreate;
  lifecycle?: LifecycleOwner;
  /** Reviewers of the files that declare this office or its users (docs/owners.md). */
  owners?: string[];
  e911?: RawE911Address;
}
export const RAW_OFFICE_KEYS = ['name', 'id', 'country', 'price_level', 'licenses', 'create', 'lifecycle', 'owners', 'e911'] as const;
assertKeys<SameKeys<RawOffice, typeof RAW_OFFICE_KEYS>>();

/** One count per license kind; the kinds and their API fields are `LINE_KINDS` (model/license-lines.ts). */
export type RawOfficeLicenses = Partial<Record<LineType, number>>;
export const RAW_OFFICE_LICENSES_KEYS = LINE_TYPES;
assertKeys<SameKeys<RawOfficeLicenses, typeof RAW_OFFICE_LICENSES_KEYS>>();

/** The office `create:` block is passed to `POST /api/v2/offices` as is: the model's shape, API field names. */
export type RawOfficeCreate = OfficeCreateSpec;
export const RAW_OFFICE_CREATE_KEYS = [
  'currency',
  'plan_period',
  'annual_commit_monthly_billing',
  'invoiced',
  'unified_billing',
  'billing_address',
  'e911_address',
  'timezone',
] as const;
assertKeys<SameKeys<RawOfficeCreate, typeof RAW_OFFICE_CREATE_KEYS>>();

export type RawBillingAddress = OfficeCreateSpec['billing_address'];
export const RAW_BILLING_ADDRESS_KEYS = ['address_line_1', 'address_line_2', 'city', 'country', 'postal_code', 'region'] as const;
assertKeys<SameKeys<RawBillingAddress, typeof RAW_BILLING_ADDRESS_KEYS>>();

export type RawE911Address = NonNullable<OfficeCreateSpec['e911_address']>;
export const RAW_E911_ADDRESS_KEYS = ['address', 'address2', 'city', 'country', 'state', 'zip'] as const;
assertKeys<SameKeys<RawE911Address, typeof RAW_E911_ADDRESS_KEYS>>();

/** `users[].e911`: the same keys, each optional (an incomplete one is a warning, not a load error). */
export type RawUserE911Address = Partial<RawE911Address>;

export interface RawReservedNumbers {
  keep?: string[];
  release_unlisted?: boolean;
  release?: string[];
}
export const RAW_RESERVED_NUMBERS_KEYS = ['keep', 'release_unlisted', 'release'] as const;
assertKeys<SameKeys<RawReservedNumbers, typeof RAW_RESERVED_NUMBERS_KEYS>>();

export interface RawEmulator {
  fixture: string;
}
export const RAW_EMULATOR_KEYS = ['fixture'] as const;
assertKeys<SameKeys<RawEmulator, typeof RAW_EMULATOR_KEYS>>();

/** A `departments.<key>` or `call_centers.<key>` entry. */
export interface RawGroup {
  name: string;
  office: string;
  id?: string;
  allow_new_group?: boolean;
  /** Reviewers of the files that declare this group (docs/owners.md). */
  owners?: string[];
  monday_hours?: string[];
  tuesday_hours?: string[];
  wednesday_hours?: string[];
  thursday_hours?: string[];
  friday_hours?: string[];
  saturday_hours?: string[];
  sunday_hours?: string[];
  hours_on?: boolean;
  ring_seconds?: number;
  auto_call_recording?: boolean;
  hold_queue?: RawHoldQueue;
  routing_options?: RawRoutingOptions;
}
export const RAW_GROUP_KEYS = [
  'name', 'office', 'id', 'allow_new_group', 'owners',
  'monday_hours', 'tuesday_hours', 'wednesday_hours', 'thursday_hours', 'friday_hours', 'saturday_hours', 'sunday_hours',
  'hours_on', 'ring_seconds', 'auto_call_recording', 'hold_queue', 'routing_options',
] as const;

/** A group entry's `hold_queue`: the union of `HoldQueueDepartment` and `HoldQueueCallCenter` (each type's own checked by `checkGroupSettings`). */
export interface RawHoldQueue {
  allow_queuing?: boolean;
  max_hold_count?: number;
  max_hold_seconds?: number;
  announce_position?: boolean;
  announcement_interval_seconds?: number;
  allow_queue_callback?: boolean;
  queue_callback_threshold?: number;
  queue_callback_dtmf?: string;
  queue_escape_dtmf?: string;
  stay_in_queue_after_closing?: boolean;
  unattended_queue?: boolean;
}
export const RAW_HOLD_QUEUE_KEYS = [
  'allow_queuing', 'max_hold_count', 'max_hold_seconds', 'announce_position', 'announcement_interval_seconds', 'allow_queue_callback',
  'queue_callback_threshold', 'queue_callback_dtmf', 'queue_escape_dtmf', 'stay_in_queue_after_closing', 'unattended_queue',
] as const;
assertKeys<SameKeys<RawHoldQueue, typeof RAW_HOLD_QUEUE_KEYS>>();

export interface RawRoutingOptions {
  open: RawRoutingRule;
  closed: RawRoutingRule;
}
export const RAW_ROUTING_OPTIONS_KEYS = ['open', 'closed'] as const;
assertKeys<SameKeys<RawRoutingOptions, typeof RAW_ROUTING_OPTIONS_KEYS>>();

/** `routing_options.open` / `.closed` of a group entry (docs/groups.md). */
export interface RawRoutingRule {
  action: string;
  try_dial_operators: boolean;
  operator_routing?: string;
  target?: RawRoutingTarget;
}
export const RAW_ROUTING_RULE_KEYS = ['action', 'try_dial_operators', 'operator_routing', 'target'] as const;
assertKeys<SameKeys<RawRoutingRule, typeof RAW_ROUTING_RULE_KEYS>>();

/** Exactly one key (the schema's `maxProperties: 1`). */
export interface RawRoutingTarget {
  department?: string;
  call_center?: string;
  user?: string;
  department_id?: string;
  call_center_id?: string;
  user_id?: string;
}
export const RAW_ROUTING_TARGET_KEYS = ['department', 'call_center', 'user', 'department_id', 'call_center_id', 'user_id'] as const;
assertKeys<SameKeys<RawRoutingTarget, typeof RAW_ROUTING_TARGET_KEYS>>();
assertKeys<SameKeys<RawGroup, typeof RAW_GROUP_KEYS>>();

/** A `rooms.<key>` entry (docs/rooms.md). */
export interface RawRoom {
  name: string;
  office: string;
  id?: string;
  numbers?: string[];
}
export const RAW_ROOM_KEYS = ['name', 'office', 'id', 'numbers'] as const;
assertKeys<SameKeys<RawRoom, typeof RAW_ROOM_KEYS>>();

/** A call-center membership written out (`call_centers: { support: { role: supervisor, skill: 80 } }`). */
export interface RawCallCenterMembership {
  role?: 'admin' | 'operator' | 'supervisor';
  skill?: number;
}
export const RAW_CALL_CENTER_MEMBERSHIP_KEYS = ['role', 'skill'] as const;
assertKeys<SameKeys<RawCallCenterMembership, typeof RAW_CALL_CENTER_MEMBERSHIP_KEYS>>();

export type RawAdmin = 'none' | 'office' | 'company';
/** `pending`: invited, not yet accepted; `deleted`: the person leaves (offboarding, under any unmanaged-users policy). */
export type RawUserState = 'active' | 'suspended' | 'pending' | 'deleted';

export interface RawUser {
  email: string;
  first_name: string;
  last_name: string;
  office: string;
  license?: UserLicense;
  numbers?: string[];
  admin?: RawAdmin;
  admin_offices?: string[];
  state?: RawUserState;
  analytics?: boolean;
  proxy?: boolean;
  allow_number_change?: boolean;
  allow_number_loss?: boolean;
  allow_new_account?: boolean;
  previous_emails?: string[];
  lifecycle?: LifecycleOwner;
  starts_on?: string;
  leaves_on?: string;
  /** Department key → role; present: exactly these memberships. */
  departments?: Record<string, 'admin' | 'operator'>;
  /** Call-center key → role, or `{ role, skill }`; present: exactly these memberships. */
  call_centers?: Record<string, 'admin' | 'operator' | 'supervisor' | RawCallCenterMembership>;
  e911?: RawUserE911Address;
  /** Phone settings (`PHONE_SETTING_KEYS`): each present key is managed, an absent one left as it is. */
  extension?: string;
  forwarding_numbers?: string[];
  international_dialing_enabled?: boolean;
  job_title?: string;
  /** Profile names (`profiles.<name>`), applied in order before the entry's own keys (`applyProfiles`). */
  profile?: string | string[];
  /** E.164 the user presents on outbound calls, or `blocked`. */
  caller_id?: string;
}
export const RAW_USER_KEYS = [
  'email',
  'first_name',
  'last_name',
  'office',
  'license',
  'numbers',
  'admin',
  'admin_offices',
  'state',
  'analytics',
  'proxy',
  'allow_number_change',
  'allow_number_loss',
  'allow_new_account',
  'previous_emails',
  'lifecycle',
  'starts_on',
  'leaves_on',
  'departments',
  'call_centers',
  'e911',
  'extension',
  'forwarding_numbers',
  'international_dialing_enabled',
  'job_title',
  'profile',
  'caller_id',
] as const;
assertKeys<SameKeys<RawUser, typeof RAW_USER_KEYS>>();

/** A `profiles.<name>` entry: user keys written once for everyone who names it. */
export type RawProfile = Pick<RawUser, (typeof RAW_PROFILE_KEYS)[number]>;
export const RAW_PROFILE_KEYS = ['license', 'job_title', 'forwarding_numbers', 'international_dialing_enabled', 'departments', 'call_centers', 'analytics', 'proxy', 'lifecycle'] as const;

/**
 * Where each key list lives in the schema: `''` is the root, other entries name a `$defs` entry.
 * The schema test walks this table.
 */
export const RAW_SCHEMA_KEYS: Record<string, readonly string[]> = {
  '': RAW_CONFIG_KEYS,
  company: RAW_COMPANY_KEYS,
  policy: RAW_POLICY_KEYS,
  office: RAW_OFFICE_KEYS,
  officeLicenses: RAW_OFFICE_LICENSES_KEYS,
  officeCreate: RAW_OFFICE_CREATE_KEYS,
  billingAddress: RAW_BILLING_ADDRESS_KEYS,
  e911Address: RAW_E911_ADDRESS_KEYS,
  userE911Address: RAW_E911_ADDRESS_KEYS,
  reservedNumbers: RAW_RESERVED_NUMBERS_KEYS,
  emulator: RAW_EMULATOR_KEYS,
  user: RAW_USER_KEYS,
  profile: RAW_PROFILE_KEYS,
  group: RAW_GROUP_KEYS,
  groupHoldQueue: RAW_HOLD_QUEUE_KEYS,
  groupRoutingOptions: RAW_ROUTING_OPTIONS_KEYS,
  groupRoutingRule: RAW_ROUTING_RULE_KEYS,
  routingTarget: RAW_ROUTING_TARGET_KEYS,
  room: RAW_ROOM_KEYS,
  callCenterMembership: RAW_CALL_CENTER_MEMBERSHIP_KEYS,
};

/**
 * Required keys per schema object (same names as `RAW_SCHEMA_KEYS`). `version` is optional in one
 * file: it is required once per config, which the loader checks.
 */
export const RAW_SCHEMA_REQUIRED = {
  '': [],
  company: [],
  policy: [],
  office: ['name', 'country'],
  officeLicenses: [],
  officeCreate: ['currency', 'plan_period', 'annual_commit_monthly_billing', 'invoiced', 'unified_billing', 'billing_address'],
  billingAddress: ['address_line_1', 'city', 'country', 'postal_code', 'region'],
  e911Address: ['address', 'city', 'country', 'state', 'zip'],
  userE911Address: [],
  reservedNumbers: [],
  emulator: ['fixture'],
  user: ['email', 'first_name', 'last_name', 'office'],
  profile: [],
  group: ['name', 'office'],
  groupHoldQueue: [],
  groupRoutingOptions: ['open', 'closed'],
  groupRoutingRule: ['action', 'try_dial_operators'],
  routingTarget: [],
  room: ['name', 'office'],
  callCenterMembership: [],
} as const satisfies Record<string, readonly string[]>;
assertKeys<SameRequired<Omit<RawConfig, 'version'>, typeof RAW_SCHEMA_REQUIRED['']>>();
assertKeys<SameRequired<RawCompany, typeof RAW_SCHEMA_REQUIRED.company>>();
assertKeys<SameRequired<RawPolicy, typeof RAW_SCHEMA_REQUIRED.policy>>();
assertKeys<SameRequired<RawOffice, typeof RAW_SCHEMA_REQUIRED.office>>();
assertKeys<SameRequired<RawOfficeLicenses, typeof RAW_SCHEMA_REQUIRED.officeLicenses>>();
assertKeys<SameRequired<RawOfficeCreate, typeof RAW_SCHEMA_REQUIRED.officeCreate>>();
assertKeys<SameRequired<RawBillingAddress, typeof RAW_SCHEMA_REQUIRED.billingAddress>>();
assertKeys<SameRequired<RawE911Address, typeof RAW_SCHEMA_REQUIRED.e911Address>>();
assertKeys<SameRequired<RawUserE911Address, typeof RAW_SCHEMA_REQUIRED.userE911Address>>();
assertKeys<SameRequired<RawReservedNumbers, typeof RAW_SCHEMA_REQUIRED.reservedNumbers>>();
assertKeys<SameRequired<RawEmulator, typeof RAW_SCHEMA_REQUIRED.emulator>>();
assertKeys<SameRequired<RawUser, typeof RAW_SCHEMA_REQUIRED.user>>();
assertKeys<SameRequired<RawGroup, typeof RAW_SCHEMA_REQUIRED.group>>();
assertKeys<SameRequired<RawHoldQueue, typeof RAW_SCHEMA_REQUIRED.groupHoldQueue>>();
assertKeys<SameRequired<RawRoutingOptions, typeof RAW_SCHEMA_REQUIRED.groupRoutingOptions>>();
assertKeys<SameRequired<RawRoutingRule, typeof RAW_SCHEMA_REQUIRED.groupRoutingRule>>();
assertKeys<SameRequired<RawRoutingTarget, typeof RAW_SCHEMA_REQUIRED.routingTarget>>();
assertKeys<SameRequired<RawRoom, typeof RAW_SCHEMA_REQUIRED.room>>();
assertKeys<SameRequired<RawCallCenterMembership, typeof RAW_SCHEMA_REQUIRED.callCenterMembership>>();
