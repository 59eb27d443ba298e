/* Generated from schemas/plan.schema.json by scripts/generate-plan-types.ts: do not edit. */

/**
 * One step of the plan, discriminated by `kind`.
 */
export type Operation = {
  kind: OperationKind;
} & Operation1;
/**
 * Stable operation kinds (DESIGN.md §3). Equal to OPERATION_KINDS in src/plan/types.ts (held by a test).
 */
export type OperationKind =
  | "create_office"
  | "create_user"
  | "update_user"
  | "suspend_user"
  | "reactivate_user"
  | "move_user"
  | "delete_user"
  | "assign_number"
  | "unassign_number"
  | "release_number"
  | "transfer_licenses"
  | "restore_user"
  | "grant_analytics"
  | "revoke_analytics"
  | "grant_proxy"
  | "revoke_proxy";
export type Operation1 =
  | OpCreateOffice
  | OpCreateUser
  | OpUpdateUser
  | OpSuspendUser
  | OpReactivateUser
  | OpMoveUser
  | OpDeleteUser
  | OpAssignNumber
  | OpUnassignNumber
  | OpReleaseNumber
  | OpTransferLicenses
  | OpRestoreUser
  | OpGrantAnalytics
  | OpRevokeAnalytics
  | OpGrantProxy
  | OpRevokeProxy;
/**
 * POST /api/v2/offices.
 */
export type OpCreateOffice = OperationBase & {
  kind: "create_office";
  target: OfficeTarget;
  office: OfficeRef;
  country: Country;
  spec?: OfficeCreateSpec;
};
/**
 * `op-1`, `op-2`, … in execution order.
 */
export type OperationId = string;
/**
 * What the operation acts on.
 */
export type Target = UserTarget | OfficeTarget | NumberTarget;
/**
 * Primary email, lower-cased. Masked (`a•••@•••`) in a redacted plan.
 */
export type Email = string;
/**
 * E.164 phone number (`+14155550100`). Masked (`+14•••••••00`) in a redacted plan.
 */
export type E164 = string;
/**
 * ISO 3166 alpha-2, upper case.
 */
export type Country = string;
/**
 * POST /api/v2/users.
 */
export type OpCreateUser = OperationBase & {
  kind: "create_user";
  target: UserTarget;
  email: Email;
  office: OfficeRef;
  first_name: string;
  last_name: string;
  license: UserLicense;
};
/**
 * A user's license (the API's License enum).
 */
export type UserLicense =
  | "talk"
  | "agents"
  | "lite_support_agents"
  | "lite_lines"
  | "admins"
  | "dpde_all"
  | "dpde_one"
  | "magenta_lines"
  | "user";
/**
 * PATCH /api/v2/users/{id}: names, license, is_super_admin, admin_office_ids.
 */
export type OpUpdateUser = OperationBase & {
  kind: "update_user";
  target: UserTarget;
  patch: UserPatch;
};
/**
 * PATCH /api/v2/users/{id} with state suspended.
 */
export type OpSuspendUser = OperationBase & {
  kind: "suspend_user";
  target: UserTarget;
};
/**
 * PATCH /api/v2/users/{id} with state active.
 */
export type OpReactivateUser = OperationBase & {
  kind: "reactivate_user";
  target: UserTarget;
};
/**
 * PATCH /api/v2/users/{id}/move_office.
 */
export type OpMoveUser = OperationBase & {
  kind: "move_user";
  target: UserTarget;
  from: OfficeRef;
  to: OfficeRef;
  /**
   * Numbers the move sends to the reserved pool (international move); empty otherwise.
   */
  numbers_to_pool: E164[];
};
/**
 * DELETE /api/v2/users/{id}.
 */
export type OpDeleteUser = OperationBase & {
  kind: "delete_user";
  target: UserTarget;
};
/**
 * POST /api/v2/users/{id}/assign_number.
 */
export type OpAssignNumber = OperationBase & {
  kind: "assign_number";
  target: UserTarget;
  number: E164;
  primary: boolean;
};
/**
 * POST /api/v2/users/{id}/unassign_number: the number goes to the reserved pool.
 */
export type OpUnassignNumber = OperationBase & {
  kind: "unassign_number";
  target: UserTarget;
  number: E164;
};
/**
 * DELETE /api/v2/numbers/{number}?release=true: the number is given back to Dialpad.
 */
export type OpReleaseNumber = OperationBase & {
  kind: "release_number";
  target: NumberTarget;
  number: E164;
};
/**
 * Manual: Company Settings › Licenses › Transfer Licenses. Apply waits and verifies the destination office plan.
 */
export type OpTransferLicenses = OperationBase & {
  kind: "transfer_licenses";
  target: OfficeTarget;
  line: "talk" | "sell" | "contact_center";
  count: number;
  from: OfficeRef;
  to: OfficeRef;
  /**
   * What apply verifies before continuing: the destination's purchased count of `line` (GET /api/v2/offices/{id}/plan) once the transfer is done.
   */
  to_purchased_after: number;
};
/**
 * Manual: Admin Settings › Users › Deleted Users (only within 72 h of deletion).
 */
export type OpRestoreUser = OperationBase & {
  kind: "restore_user";
  target: UserTarget;
};
/**
 * Manual (no API): Charting Data analytics access.
 */
export type OpGrantAnalytics = OperationBase & {
  kind: "grant_analytics";
  target: UserTarget;
};
/**
 * Manual (no API): Charting Data analytics access.
 */
export type OpRevokeAnalytics = OperationBase & {
  kind: "revoke_analytics";
  target: UserTarget;
};
/**
 * Manual (no API): proxy access.
 */
export type OpGrantProxy = OperationBase & {
  kind: "grant_proxy";
  target: UserTarget;
};
/**
 * Manual (no API): proxy access.
 */
export type OpRevokeProxy = OperationBase & {
  kind: "revoke_proxy";
  target: UserTarget;
};
/**
 * Stable rule codes (DESIGN.md §4). Equal to RULE_CODES in src/plan/types.ts (held by a test).
 */
export type RuleCode =
  | "price_level_mismatch"
  | "plan_tier_required"
  | "country_change_requires_ack"
  | "insufficient_licenses"
  | "too_many_deletions"
  | "protected_user"
  | "last_company_admin"
  | "recently_deleted_user"
  | "number_conflict"
  | "incomplete_live_read";

/**
 * The JSON form of a dialform plan (`dialform plan --format json`, `--out FILE`), format_version 1. Operations are in execution order. Fields marked "display only" never steer apply.
 */
export interface DialformPlan {
  format_version: 1;
  created_at: string;
  /**
   * Digests of the inputs the plan was computed from; apply refuses a plan whose basis changed.
   */
  basis: {
    config_digest: string;
    live_digest: string;
  };
  summary: {
    create: number;
    update: number;
    delete: number;
    move: number;
    manual: number;
    /**
     * True when an error violation blocks the plan (exit 3).
     */
    blocked: boolean;
  };
  operations: Operation[];
  violations: Violation[];
  /**
   * Display: reserved-pool movements.
   */
  pool: PoolMovement[];
  /**
   * Display: class-3 declarations dialform cannot check.
   */
  unverifiable: Unverifiable[];
  /**
   * Display: every office the config or live state names (key and name), for titling groups.
   */
  offices: {
    key: string;
    name: string;
  }[];
}
/**
 * Fields every operation carries.
 */
export interface OperationBase {
  id: OperationId;
  kind: OperationKind;
  target: Target;
  changes: FieldChange[];
  /**
   * True for steps done by a person in Dialpad's UI; apply waits for them and verifies.
   */
  manual: boolean;
  /**
   * `yes`, `no`, or `until <ISO time>`.
   */
  reversible: "yes" | "no" | `until ${string}`;
  /**
   * `file.yaml:LINE` of the config that asked for it, or `unmanaged`.
   */
  source: string;
  /**
   * Ids of earlier operations this one must follow.
   */
  after: OperationId[];
  /**
   * Display only: one line a reviewer reads. Apply never branches on it.
   */
  summary: string;
  /**
   * Display only: consequences, manual instructions.
   */
  notes: string[];
  /**
   * Display only: config key of the office the operation concerns, for grouping; null when it concerns no single office.
   */
  office_key: string | null;
}
export interface UserTarget {
  type: "user";
  email: Email;
  /**
   * Live id; absent for a user created in this plan.
   */
  id?: string;
}
export interface OfficeTarget {
  type: "office";
  key: string;
  id?: string;
  name: string;
}
export interface NumberTarget {
  type: "number";
  number: E164;
}
/**
 * One field the operation changes. `from`/`to` are any JSON value; omitted when absent.
 */
export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}
/**
 * An office as operations refer to it.
 */
export interface OfficeRef {
  /**
   * Config key.
   */
  key: string;
  /**
   * Live id; absent for an office created earlier in the same plan (apply resolves it by name).
   */
  id?: string;
  name: string;
}
/**
 * Fields POST /api/v2/offices requires that have no place elsewhere.
 */
export interface OfficeCreateSpec {
  currency: string;
  plan_period: "monthly" | "yearly";
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
 * The PATCH /api/v2/users/{id} body fields dialform manages.
 */
export interface UserPatch {
  first_name?: string;
  last_name?: string;
  license?: UserLicense;
  is_super_admin?: boolean;
  /**
   * Offices the user administers; apply turns them into admin_office_ids.
   */
  admin_offices?: OfficeRef[];
  /**
   * New email list, primary first (an email change matched through previous_emails).
   *
   * @minItems 1
   */
  emails?: [Email, ...Email[]];
}
export interface Violation {
  code: RuleCode;
  /**
   * `error` blocks the plan (exit 3).
   */
  severity: "error" | "warning";
  /**
   * Names the objects, the rule's source and the way out.
   */
  message: string;
  operation_ids: OperationId[];
}
/**
 * Display: a number entering or leaving the reserved pool.
 */
export interface PoolMovement {
  number: E164;
  direction: "in" | "out" | "released";
  /**
   * The user the number came from / goes to.
   */
  user?: string;
  office?: string;
  operation_id: OperationId;
}
/**
 * Display: a declared attribute the API cannot show.
 */
export interface Unverifiable {
  email: Email;
  attribute: "analytics" | "proxy";
  value: unknown;
  source: string;
}
