/**
 * Emulator fixture and state types. A fixture is a company as Dialpad's API returns it (DESIGN.md §8):
 * items keep the API's own field names with int64 ids as strings, plus a few emulator-only fields
 * (documented in docs/emulator.md) for what the real service knows but the API does not show.
 * The emulator's live state has exactly this shape, so a snapshot is itself a valid fixture.
 */

/** The purchasable line fields of `PlanProto` / `AvailableLicensesProto`, in the API's order. */
export const LINE_FIELDS = [
  'talk_lines',
  'sell_lines',
  'contact_center_lines',
  'additional_number_lines',
  'tollfree_additional_number_lines',
  'room_lines',
  'tollfree_room_lines',
  'fax_lines',
  'uberconference_lines',
  'tollfree_uberconference_lines',
] as const;
export type LineField = (typeof LINE_FIELDS)[number];

export type LineCountsWire = Partial<Record<LineField, number>>;

export interface FixtureCompany {
  id: string;
  name: string;
  account_type: 'free' | 'standard' | 'pro' | 'enterprise';
  [field: string]: unknown;
}

export interface FixtureOffice {
  id: string;
  name: string;
  /** Lower-case ISO 3166 alpha-2, as the API returns it. */
  country: string;
  state?: string;
  is_primary_office?: boolean;
  phone_numbers?: string[];
  /** Emulator-only: the office's price level. */
  price_level?: string;
  /** Emulator-only: purchased line counts. */
  licenses?: LineCountsWire;
  /**
   * Emulator-only: lines held by what the emulator does not model as objects — conference rooms
   * (`uberconference_lines`), room phones, fax numbers, users' extra numbers. Held like a user's
   * line: not available, not transferable.
   */
  assigned_licenses?: LineCountsWire;
  [field: string]: unknown;
}

export interface FixtureUser {
  id: string;
  /** First = primary. */
  emails: string[];
  office_id: string;
  state: 'active' | 'suspended' | 'pending' | 'deleted' | 'cancelled';
  license: string;
  first_name?: string;
  last_name?: string;
  /** First = primary. Kept consistent with the numbers' targets. */
  phone_numbers?: string[];
  is_super_admin?: boolean;
  admin_office_ids?: string[];
  /** Emulator-only: ISO time of deletion (state `deleted`). */
  deleted_at?: string;
  /** Emulator-only: set once a deleted user's restore window (`RESTORE_WINDOW_MS`) passed and the record was anonymized. */
  anonymized?: boolean;
  /**
   * Emulator-only: the SHA-256 (hex) of an anonymized user's former email, lower-cased, so a
   * restore asked by that email can say the window passed rather than "no user" (the email
   * itself is gone, as Dialpad's is).
   */
  anonymized_email_sha256?: string;
  /** Emulator-only: Charting Data analytics permission (no API). */
  analytics?: boolean;
  /** Emulator-only: proxy access granted (no API). */
  proxy?: boolean;
  /** Emulator-only: the person's own E911 address (`GET /users/{id}/e911`; absent: their office's). */
  e911_address?: Record<string, string>;
  /** The number the user presents, or `blocked`; absent: their primary number. Only `…/caller_id` shows it. */
  caller_id?: string;
  [field: string]: unknown;
}

export interface FixtureNumber {
  number: string;
  status: string;
  office_id?: string;
  target_id?: string;
  target_type?: string;
  area_code?: string;
  type?: string;
  /** Emulator-only: for a number in the reserved pool, the primary email of the user it was unassigned from. */
  last_user_email?: string;
  /** Emulator-only: for a number in the reserved pool, when it was unassigned (ISO time). */
  unassigned_at?: string;
  [field: string]: unknown;
}

export interface FixtureApiKey {
  key: string;
  scope: 'company' | 'office';
  office_id?: string;
}

/** The two kinds of operator group the emulator models, by their fixture key. */
export type GroupKind = 'departments' | 'call_centers';

/** A user operating in a department or call center. Rooms are not modelled. */
export interface FixtureOperator {
  user_id: string;
  role: string;
  /** Call centers only: 0–100 (the add endpoint takes 1–100, the skill PATCH 0–100); normalized to 100 when absent. */
  skill_level?: number;
}

/**
 * A department or call center (`DepartmentProto` / `CallCenterProto` fields, passed through), plus
 * its operators: the one source of truth for memberships (users' `group_details` derive from it).
 */
export interface FixtureGroup {
  id: string;
  name: string;
  office_id: string;
  /** Kept consistent with the numbers' targets, as for users. */
  phone_numbers?: string[];
  /** Emulator-only in the group's own shape: the API lists them through `…/operators`. */
  operators: FixtureOperator[];
  [field: string]: unknown;
}

/**
 * A room (`RoomProto` fields, passed through): a shared phone in an office. It holds one
 * `room_lines` license of its office, and its numbers beyond the first an additional-number line
 * each (`getAssigned`). A deleted room is removed (the API has no restore).
 */
/**
 * A desk phone registered to a room or a user (`DeskPhone`, served by
 * `GET /rooms/{id}/deskphones` and `GET /users/{id}/deskphones`); other `DeskPhone` fields
 * (`password`, `realm`, …) pass through, as Dialpad would send them.
 */
export interface FixtureDeskPhone {
  id?: string;
  name: string;
  type: string;
  mac_address?: string;
  device_model?: string;
  phone_number?: string;
  [field: string]: unknown;
}

export interface FixtureRoom {
  id: string;
  name: string;
  office_id: string;
  /** Kept consistent with the numbers' targets, as for users. */
  phone_numbers?: string[];
  /** Emulator-only as a field: served by the room's deskphones list, never on `RoomProto`. */
  deskphones?: FixtureDeskPhone[];
  [field: string]: unknown;
}

/** A whole company: the fixture file format and the emulator's state. */
export interface Fixture {
  company: FixtureCompany;
  offices: FixtureOffice[];
  users: FixtureUser[];
  numbers: FixtureNumber[];
  /** Absent = none. */
  departments?: FixtureGroup[];
  /** Absent = none. */
  call_centers?: FixtureGroup[];
  /** Absent = none. */
  rooms?: FixtureRoom[];
  api_keys?: FixtureApiKey[];
  /** ISO time the emulator clock starts at. */
  clock?: string;
  /**
   * Where a number Dialpad chooses comes from (`assign_number` without `number`, `move_office`,
   * `auto_assign` on create): `pool_first` (default), a reserved-pool number of the office's
   * country when there is one, as the API reference says of assign_number; `provision`, always a
   * newly provisioned number, for rehearsing a company whose Dialpad behaves that way; `foreign`,
   * a newly provisioned number of another country (US, or CA for a US office): Dialpad behaving
   * unlike dialform's reading, which apply stops at (docs/fidelity.md, a surprise).
   */
  number_assignment?: 'pool_first' | 'provision' | 'foreign';
  /**
   * What `PATCH /users/{id}` does with `license`: `applied` (default); `ignored`, answered 200 with
   * the user's license unchanged: Dialpad behaving unlike dialform's reading, which apply stops at.
   */
  license_changes?: 'applied' | 'ignored';
  /**
   * Whether a suspended user holds their line: `freed` (default), as Dialpad's SCIM FAQ says; `kept`,
   * the other reading of what the API leaves unknown (docs/rules.md, "Suspended users and licenses").
   */
  suspended_licenses?: 'freed' | 'kept';
}

/** User fields that exist only in the emulator and never appear on /api/v2. */
export const USER_EMULATOR_FIELDS = ['deleted_at', 'anonymized', 'anonymized_email_sha256', 'analytics', 'proxy', 'e911_address', 'caller_id', 'deskphones'] as const;
/** Room fields that exist only in the emulator and never appear on `RoomProto`. */
export const ROOM_EMULATOR_FIELDS = ['deskphones'] as const;
/** Number fields that exist only in the emulator and never appear on /api/v2 (Admin Settings › Reserved Numbers shows them). */
export const NUMBER_EMULATOR_FIELDS = ['last_user_email', 'unassigned_at'] as const;
/** Office fields that exist only in the emulator and never appear on /api/v2. */
export const OFFICE_EMULATOR_FIELDS = ['price_level', 'licenses', 'assigned_licenses'] as const;
/** Group fields that never appear in `DepartmentProto` / `CallCenterProto`. */
export const GROUP_EMULATOR_FIELDS = ['operators'] as const;
