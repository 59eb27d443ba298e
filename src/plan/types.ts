/**
 * The plan: plain, versioned, serializable data (no classes, no closures). `schemas/plan.schema.json`
 * documents its JSON form; `render/json.ts` maps a `Plan` to that form field by field.
 */
import type { LineType, OfficeCreateSpec, UserLicense } from '../model/tenant.js';

export const PLAN_FORMAT_VERSION = 1;

/** An office as operations refer to it: its config key, its live id when it exists, its name. */
export interface OfficeRef {
  key: string;
  /** Absent for an office created earlier in the same plan: apply resolves it by name. */
  id?: string;
  name: string;
}

export type Target =
  | { type: 'user'; email: string; /** live id; absent for a user created in this plan */ id?: string }
  | { type: 'office'; key: string; id?: string; name: string }
  | { type: 'number'; number: string }
  | { type: 'company' };

export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

/** `yes`, `no`, or `until <ISO time>` (e.g. a deleted user is restorable for 72 h). */
export type Reversible = 'yes' | 'no' | `until ${string}`;

interface OperationBase {
  /** `op-1`, `op-2`, … in execution order. */
  id: string;
  target: Target;
  changes: FieldChange[];
  /** True for steps done by a person in Dialpad's UI; apply waits for them and verifies. */
  manual: boolean;
  reversible: Reversible;
  /** `file.yaml:LINE` of the config that asked for it, or `unmanaged`. */
  source: string;
  /** Ids of earlier operations this one must follow (from the simulation's ordering). */
  after: string[];
  /** Display only: one line a reviewer reads. Apply never branches on it. */
  summary: string;
  /** Display only: extra lines (consequences, manual instructions). Apply never branches on them. */
  notes: string[];
  /**
   * Display only: config key of the office the operation concerns (a user's office, a move's
   * destination), so renderers can group a plan by office. Apply never branches on it.
   */
  office_key?: string;
}

/** The `PATCH /api/v2/users/{id}` body fields dialform manages. */
export interface UserPatch {
  first_name?: string;
  last_name?: string;
  license?: UserLicense;
  is_super_admin?: boolean;
  /** Offices the user administers; apply turns them into `admin_office_ids`. */
  admin_offices?: OfficeRef[];
  /** New email list, primary first (an email change matched through `previous_emails`). */
  emails?: string[];
}

export type Operation =
  | (OperationBase & { kind: 'create_office'; office: OfficeRef; country: string; spec?: OfficeCreateSpec })
  | (OperationBase & {
      kind: 'create_user';
      email: string;
      office: OfficeRef;
      first_name: string;
      last_name: string;
      license: UserLicense;
    })
  | (OperationBase & { kind: 'update_user'; patch: UserPatch })
  | (OperationBase & { kind: 'suspend_user' })
  | (OperationBase & { kind: 'reactivate_user' })
  | (OperationBase & {
      kind: 'move_user';
      from: OfficeRef;
      to: OfficeRef;
      /** Numbers the move sends to the reserved pool (international move); empty otherwise. */
      numbers_to_pool: string[];
    })
  | (OperationBase & { kind: 'delete_user' })
  | (OperationBase & { kind: 'assign_number'; number: string; primary: boolean })
  | (OperationBase & { kind: 'unassign_number'; number: string })
  | (OperationBase & { kind: 'release_number'; number: string })
  | (OperationBase & {
      kind: 'transfer_licenses';
      line: LineType;
      count: number;
      from: OfficeRef;
      to: OfficeRef;
      /**
       * What apply verifies before continuing: the destination's purchased count of `line`
       * (`GET .../plan`) once the transfer is done.
       */
      to_purchased_after: number;
    })
  | (OperationBase & { kind: 'restore_user' })
  | (OperationBase & { kind: 'grant_analytics' })
  | (OperationBase & { kind: 'revoke_analytics' })
  | (OperationBase & { kind: 'grant_proxy' })
  | (OperationBase & { kind: 'revoke_proxy' });

export type OperationKind = Operation['kind'];

export const OPERATION_KINDS: readonly OperationKind[] = [
  'create_office',
  'create_user',
  'update_user',
  'suspend_user',
  'reactivate_user',
  'move_user',
  'delete_user',
  'assign_number',
  'unassign_number',
  'release_number',
  'transfer_licenses',
  'restore_user',
  'grant_analytics',
  'revoke_analytics',
  'grant_proxy',
  'revoke_proxy',
];

export const RULE_CODES = [
  'price_level_mismatch',
  'plan_tier_required',
  'country_change_requires_ack',
  'insufficient_licenses',
  'too_many_deletions',
  'protected_user',
  'last_company_admin',
  'recently_deleted_user',
  'number_conflict',
  'incomplete_live_read',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export interface Violation {
  code: RuleCode;
  severity: 'error' | 'warning';
  /** Names the objects, the rule's source and the way out. */
  message: string;
  operation_ids: string[];
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  move: number;
  manual: number;
  blocked: boolean;
}

/** A declared class-3 attribute the API cannot show (analytics, proxy without `--base`). */
export interface Unverifiable {
  email: string;
  attribute: 'analytics' | 'proxy' | 'price_level';
  value: unknown;
  source: string;
}

/** A number entering or leaving the reserved pool during the plan (display). */
export interface PoolMovement {
  number: string;
  direction: 'in' | 'out' | 'released';
  /** The user the number came from / goes to. */
  user?: string;
  office?: string;
  operation_id: string;
}

export interface Plan {
  format_version: typeof PLAN_FORMAT_VERSION;
  created_at: string;
  basis: {
    config_digest: string;
    live_digest: string;
  };
  summary: PlanSummary;
  operations: Operation[];
  violations: Violation[];
  /** Class-3 declarations dialform cannot check (display). */
  unverifiable: Unverifiable[];
  /** Reserved-pool movements (display). */
  pool: PoolMovement[];
  /** Display only: every office the config or live state names, so renderers can title groups. */
  offices?: { key: string; name: string }[];
}
