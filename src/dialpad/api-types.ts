/**
 * Raw Dialpad API v2 JSON shapes for the endpoints dialform uses, field names exactly as the
 * OpenAPI description (`dialpad_api_spec.json`) spells them. These types never leave
 * `src/dialpad/`: `fetch-live.ts` normalizes them into `src/model/tenant.ts`.
 *
 * The API serializes int64 fields as JSON strings (protobuf JSON mapping) while the schemas say
 * `integer`; `Int64` accepts both. Empty lists and unset fields are usually omitted, so almost
 * everything is optional.
 */
import type { OfficeCreateSpec } from '../model/tenant.js';

/** An int64 as the API may send it: a decimal string (usual) or a number. */
export type Int64 = string | number;

export type ApiState = 'active' | 'cancelled' | 'deleted' | 'pending' | 'suspended';

/** `users.list` `state` filter: the State enum plus `all`. */
export type ApiUserListState = ApiState | 'all';

export type ApiLicense =
  | 'admins'
  | 'agents'
  | 'dpde_all'
  | 'dpde_one'
  | 'lite_lines'
  | 'lite_support_agents'
  | 'magenta_lines'
  | 'talk'
  | 'user';

/** `CompanyProto` (`GET /api/v2/company`). */
export interface ApiCompany {
  id?: Int64;
  name?: string;
  domain?: string;
  country?: string;
  admin_email?: string;
  office_count?: Int64;
  state?: ApiState;
  account_type?: 'enterprise' | 'free' | 'pro' | 'standard';
}

/** `OfficeProto`: only the fields dialform reads are typed; the rest pass through. */
export interface ApiOffice {
  id?: Int64;
  office_id?: Int64;
  name?: string;
  /** Lower-case ISO 3166 alpha-2 in responses. */
  country?: string;
  timezone?: string;
  is_primary_office?: boolean;
  state?: ApiState;
  phone_numbers?: string[];
  [field: string]: unknown;
}

/** The `*_lines` counts shared by `PlanProto` and `AvailableLicensesProto`. */
export interface ApiLineCounts {
  talk_lines?: Int64;
  sell_lines?: Int64;
  contact_center_lines?: Int64;
  additional_number_lines?: Int64;
  tollfree_additional_number_lines?: Int64;
  room_lines?: Int64;
  tollfree_room_lines?: Int64;
  fax_lines?: Int64;
  uberconference_lines?: Int64;
  tollfree_uberconference_lines?: Int64;
}

/** `PlanProto` (`GET /api/v2/offices/{office_id}/plan`): purchased counts. */
export interface ApiPlan extends ApiLineCounts {
  balance?: string;
  next_billing_date?: Int64;
  ppu_address?: Record<string, unknown>;
}

/** `AvailableLicensesProto` (`GET .../available_licenses`): purchased but unassigned counts. */
export type ApiAvailableLicenses = ApiLineCounts;

/**
 * `CreateOfficeMessage` (`POST /api/v2/offices`). The billing and E911 fields are the model's
 * `OfficeCreateSpec`, which already uses the API's field names: the config passes them through.
 */
export type ApiCreateOffice = OfficeCreateSpec & {
  name: string;
  /** Upper-case ISO 3166 alpha-2. */
  country: string;
  [field: string]: unknown;
};

/** `E911GetProto` (`GET`/`PUT …/e911`): an address as Dialpad holds it (fields unset: absent). */
export interface ApiE911 {
  address?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
}

/**
 * The office and user `E911UpdateMessage` (`PUT /offices/{id}/e911`, `PUT /users/{id}/e911`):
 * `update_all` (offices only) pushes the address to every user of the office;
 * `use_validated_option` stores the address Dialpad's validation suggests instead of the one sent.
 */
export interface ApiE911Update {
  address: string;
  address2?: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  update_all?: boolean;
  use_validated_option?: boolean;
}

/** `OfficeUpdateResponse`. */
export interface ApiOfficeUpdateResponse {
  office?: ApiOffice;
  plan?: ApiPlan;
}

/** `UserProto`: the fields dialform reads; others pass through. */
export interface ApiUser {
  id?: Int64;
  company_id?: Int64;
  office_id?: Int64;
  admin_office_ids?: Int64[];
  is_admin?: boolean;
  is_super_admin?: boolean;
  first_name?: string;
  last_name?: string;
  display_name?: string;
  /** First is primary. */
  emails?: string[];
  /** E.164, first is primary. */
  phone_numbers?: string[];
  license?: ApiLicense;
  state?: ApiState;
  country?: string;
  /** Not in the public API; the emulator sends it for deleted users (DESIGN §8). */
  deleted_at?: string;
  /** The groups the user operates in (departments, call centers, offices, …). */
  group_details?: ApiGroupDetails[];
  extension?: string;
  forwarding_numbers?: string[];
  international_dialing_enabled?: boolean;
  job_title?: string;
  [field: string]: unknown;
}

/** `CallerIdProto` (`GET /users/{id}/caller_id`): what the user presents, and what they may. */
export interface ApiCallerId {
  id?: Int64;
  caller_id?: string;
  phone_numbers?: string[];
  office_main_line?: string;
  groups?: { caller_id?: string; display_name?: string }[];
}

/** `GroupDetailsProto`: one membership of a user. */
export interface ApiGroupDetails {
  group_id?: Int64;
  /** `department`, `callcenter`, `office`, and other group kinds dialform does not manage. */
  group_type?: string;
  role?: 'admin' | 'operator' | 'supervisor';
  do_not_disturb?: boolean;
}

/** `RoomProto`: the fields dialform reads. */
export interface ApiRoom {
  id?: Int64;
  name?: string;
  office_id?: Int64;
  phone_numbers?: string[];
  state?: string;
  [field: string]: unknown;
}

/** `DepartmentProto`: the fields dialform reads; others pass through. */
export interface ApiDepartment {
  id?: Int64;
  name?: string;
  office_id?: Int64;
  phone_numbers?: string[];
  state?: string;
  [field: string]: unknown;
}

/** `CallCenterProto`: the fields dialform reads are those of a department. */
export type ApiCallCenter = ApiDepartment;

/** `CreateDepartmentMessage` / `CreateCallCenterMessage`: the fields dialform sends. */
export interface ApiCreateGroup {
  name: string;
  office_id: Int64;
}

/** `AddOperatorMessage` (departments). */
export interface ApiAddOperator {
  operator_id: Int64;
  operator_type: 'user' | 'room';
  role: 'admin' | 'operator';
}

/** `AddCallCenterOperatorMessage`. */
export interface ApiAddCallCenterOperator {
  user_id: Int64;
  role?: 'admin' | 'operator' | 'supervisor';
  skill_level?: number;
  license_type?: 'agents' | 'lite_support_agents';
  keep_paid_numbers?: boolean;
}

/** `OperatorSkillLevelProto`; `skill_level` is required by `SKILL_LEVEL_SHAPE` (a read without it fails). */
export interface ApiSkillLevel {
  call_center_id?: Int64;
  user_id?: Int64;
  skill_level: Int64;
}

/** `CreateUserMessage` (`POST /api/v2/users`). */
export interface ApiCreateUser {
  email: string;
  office_id: Int64;
  first_name?: string;
  last_name?: string;
  license?: ApiLicense;
  auto_assign?: boolean;
}

/** `UpdateUserMessage` (`PATCH /api/v2/users/{id}`): the fields dialform sets. All absolute values. */
export interface ApiUpdateUser {
  first_name?: string;
  last_name?: string;
  /** The whole list, primary first: adds, removes or re-orders emails (an email change). */
  emails?: string[];
  license?: ApiLicense;
  is_super_admin?: boolean;
  admin_office_ids?: Int64[];
  state?: 'active' | 'suspended';
  keep_paid_numbers?: boolean;
  /** Moves the user; to an office in another country only when they hold no number. */
  office_id?: Int64;
  extension?: string;
  forwarding_numbers?: string[];
  international_dialing_enabled?: boolean;
  job_title?: string;
}

/** `AssignNumberMessage`. */
export interface ApiAssignNumber {
  number?: string;
  area_code?: string;
  primary?: boolean;
}

/** `NumberProto`. */
export interface ApiNumber {
  number?: string;
  area_code?: string;
  company_id?: Int64;
  office_id?: Int64;
  status?: string;
  target_id?: Int64;
  target_type?: string;
  type?: string;
  deleted?: boolean;
}

/** Error envelope (undocumented; what the Ruby client and the emulator use). */
export interface ApiErrorBody {
  error?: { code?: number; message?: string };
}
