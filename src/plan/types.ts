/**
 * The plan: plain, versioned, serializable data (no classes, no closures). A `Plan` *is* the JSON
 * document of DESIGN.md §6: `render/json.ts` serializes it as it is, and `schemas/plan.schema.json`
 * is held to these types by `test/unit/plan-schema-types.test.ts`. Everything a kind means beyond
 * its fields (phase, bucket, precondition, effects, description) lives in its entry in `kinds/`.
 */
import type { PlannedGroupSettings } from './group-settings-types.js';
import type { AccountType, CallerIdChoice, E911Address, GroupRole, LineType, OfficeCreateSpec, UnmanagedUsersPolicy, UserLicense } from '../model/tenant.js';

export const PLAN_FORMAT_VERSION = 1;

export type { OfficeRef, UserTarget, OfficeTarget, NumberTarget, GroupRef, GroupTarget, RoomRef, RoomTarget, CompanyTarget, Target } from './targets.js';
import type { OfficeRef, UserTarget, OfficeTarget, NumberTarget, GroupRef, GroupTarget, RoomRef, RoomTarget, CompanyTarget, Target } from './targets.js';


export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

/** `yes`, `no`, or `until <ISO time>` (e.g. a deleted user is restorable within the restore window). */
export type Reversible = 'yes' | 'no' | `until ${string}`;

/**
 * The lifecycle of a manual step (docs/manual-steps.md): `pending` until done; then `verified`
 * (Dialpad's API shows it: license counts, a restored user) or `done` (an operator confirmed what
 * no API shows, `dialform confirm`); or `expired` (a restore window passed while it waited) or
 * `impossible` (what it needs is gone). A plan is made of what is left to do, so the steps in a
 * plan are `pending`; apply's journal and report carry the later states.
 */
export const MANUAL_STEP_STATES = ['pending', 'done', 'verified', 'expired', 'impossible'] as const;
export type ManualStepState = (typeof MANUAL_STEP_STATES)[number];

/** What a manual operation carries beyond the operation itself. */
export interface ManualStep {
  /**
   * The step a person does, as `dialform confirm` and apply's report name it. Several users'
   * analytics (or proxy) changes of one kind are one bulk step (the help article's checkbox
   * action), so their operations share an id: the kind (`grant_analytics`); a transfer is
   * `transfer_licenses:<line>:<from key>:<to key>`, a restore `restore_user:<email>`, a purchase
   * `buy_licenses:<line>:<office key>`, a cancellation `cancel_licenses:<line>:<office key>`, a rename `rename_office:<office key>`,
   * a plan tier change `change_account_type`.
   */
  id: string;
  /** `api`: apply reads Dialpad to verify it; `operator`: no API shows it, a person confirms it. */
  verified_by: 'api' | 'operator';
  state: ManualStepState;
  /** A restore's deadline (the deletion time plus the restore window, by Dialpad's clock), when known. */
  expires_at?: string;
}

interface OperationBase<T extends Target> {
  /** `op-1`, `op-2`, … in execution order. */
  id: string;
  /** What the operation acts on; its type is fixed by the kind. */
  target: T;
  changes: FieldChange[];
  /** True for steps done by a person in Dialpad's UI; apply waits for them and verifies. */
  manual: boolean;
  /** Present exactly on manual operations: the step they are part of and its state. */
  step?: ManualStep;
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
   * destination), so renderers can group a plan by office; `null` when it concerns no single
   * office. Derived from the ordering's simulation (`kinds/`'s `officeKey`). Apply never branches on it.
   */
  office_key: string | null;
}

/** How `move_user` reaches Dialpad (see its `via`). */
export type MoveVia = 'move_office' | 'office_id';

/**
 * The number a moved user gets after an international move, as the plan fixes it: a named
 * reserved-pool number, or one Dialpad provisions. Never a number the plan did not name: Dialpad
 * takes a number it chooses from the reserved pool first (API reference of assign_number), so it
 * chooses only when the pool holds no number of `country` at the move's step.
 */
export interface NewNumber {
  /** ISO 3166 alpha-2, upper case: the destination office's country. */
  country: string;
  /**
   * The reserved-pool number assigned (`assign_number` with `number`): the first, in code-unit
   * order, of the pool's `country` numbers that are not in `excluding`. Absent: Dialpad
   * provisions a new number (`assign_number` without one), which the simulation allows only when
   * the pool holds no `country` number at that step (`no_safe_new_number`).
   */
  number?: string;
  /** Sorted: numbers the user must never get (`reserved_numbers.keep`, numbers config gives a user, numbers this plan releases). */
  excluding: string[];
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
  emails?: [string, ...string[]];
  extension?: string;
  /** The whole list, in order (`[]` removes them all). */
  forwarding_numbers?: string[];
  international_dialing_enabled?: boolean;
  job_title?: string;
}

type UserOp = OperationBase<UserTarget>;

export type Operation =
  | (OperationBase<OfficeTarget> & { kind: 'create_office'; office: OfficeRef; country: string; spec?: OfficeCreateSpec })
  | (UserOp & {
      kind: 'create_user';
      email: string;
      office: OfficeRef;
      first_name: string;
      last_name: string;
      license: UserLicense;
    })
  | (UserOp & { kind: 'update_user'; patch: UserPatch })
  | (UserOp & { kind: 'suspend_user' })
  | (UserOp & { kind: 'reactivate_user' })
  | (UserOp & {
      kind: 'move_user';
      from: OfficeRef;
      to: OfficeRef;
      /**
       * Numbers that leave the user for the reserved pool, where they stay under the `from`
       * office (an international move); empty otherwise.
       */
      numbers_to_pool: string[];
      /**
       * The API path, so the outcome does not depend on which number Dialpad would pick:
       * `move_office` (`PATCH /users/{id}/move_office`) for a move within a country, or across
       * countries for a user whose numbers are all internal (kept); `office_id` for any other
       * international move: unassign `numbers_to_pool`, then `PATCH /users/{id}` `office_id`
       * (which assigns no number), then `new_number` if set. Numbers config names are separate
       * `assign_number` operations after the move.
       */
      via: MoveVia;
      /**
       * Set when the user ends up with a number Dialpad chooses (an international move of a user
       * whose numbers config does not manage): in `country`, and never one of `excluding`
       * (`reserved_numbers.keep`, numbers config gives a user, numbers this plan releases; only
       * those of `country` or of no known country, the only ones Dialpad could offer there).
       */
      new_number?: NewNumber;
    })
  | (UserOp & { kind: 'delete_user' })
  | (UserOp & { kind: 'assign_number'; number: string; primary: boolean })
  | (UserOp & { kind: 'unassign_number'; number: string })
  | (OperationBase<NumberTarget> & { kind: 'release_number'; number: string })
  | (OperationBase<OfficeTarget> & {
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
  | (OperationBase<OfficeTarget> & {
      kind: 'buy_licenses';
      line: LineType;
      /** How many licenses to buy (at least 1). */
      count: number;
      /** What apply verifies: the office's purchased count of `line` (`GET .../plan`) once bought. */
      purchased_after: number;
    })
  | (OperationBase<OfficeTarget> & {
      kind: 'cancel_licenses';
      line: LineType;
      /** How many unassigned licenses to cancel (at least 1): more than config asks for that no office takes. */
      count: number;
      /** What apply verifies: the office's purchased count of `line` (`GET .../plan`) once cancelled. */
      purchased_after: number;
    })
  /**
   * Manual: the v2 API cannot rename an office. `target` names the office as Dialpad shows it now
   * (its live name); `name` is the name config gives it, which apply verifies.
   */
  | (OperationBase<OfficeTarget> & { kind: 'rename_office'; name: string })
  /**
   * Manual: `company.account_type` in config is not the plan tier Dialpad reports, and no API
   * changes it; apply waits until Dialpad reports `account_type`.
   */
  | (OperationBase<CompanyTarget> & { kind: 'change_account_type'; account_type: AccountType })
  | (UserOp & { kind: 'restore_user' })
  | (UserOp & { kind: 'grant_analytics' })
  | (UserOp & { kind: 'revoke_analytics' })
  | (UserOp & { kind: 'grant_proxy' })
  | (UserOp & { kind: 'revoke_proxy' })
  | (OperationBase<GroupTarget> & { kind: 'create_group'; group: GroupRef })
  | (OperationBase<GroupTarget> & { kind: 'rename_group'; name: string })
  /** `PATCH /departments/{id}` or `/callcenters/{id}` with the settings config writes that differ (docs/groups.md). */
  | (OperationBase<GroupTarget> & { kind: 'update_group_settings'; settings: PlannedGroupSettings })
  | (OperationBase<GroupTarget> & {
      kind: 'delete_group';
      /**
       * The numbers Dialpad routes to the group, which the deletion sends to the reserved pool
       * (sorted; absent: none). They count under `policy.max_deletions` with the group, and
       * `release_unlisted` releases those nobody keeps or wants, in the same plan.
       */
      numbers_to_pool?: string[];
    })
  | (UserOp & {
      kind: 'add_operator';
      group: GroupRef;
      role: GroupRole;
      /** Call centers only: the skill level sent (absent: Dialpad's default, 100). */
      skill_level?: number;
      /**
       * Call centers only: the agent license sent as `license_type`, the license Dialpad switches
       * the user to if they hold another one (the user's license in config).
       */
      license_type?: UserLicense;
    })
  | (UserOp & { kind: 'remove_operator'; group: GroupRef; role: GroupRole })
  | (UserOp & { kind: 'set_skill'; group: GroupRef; skill_level: number })
  /**
   * `PUT /offices/{id}/e911` with `update_all: false` (the users' own addresses stay as they are:
   * the plan shows each one it changes) and `use_validated_option: false` (Dialpad stores the
   * address reviewed, not one its validation suggests).
   */
  | (OperationBase<OfficeTarget> & { kind: 'update_office_e911'; e911_address: E911Address })
  /** `PUT /users/{id}/e911` (`use_validated_option: false`): the person's own address. */
  | (UserOp & { kind: 'update_user_e911'; e911_address: E911Address })
  | (UserOp & {
      kind: 'set_caller_id';
      /** E.164, or `blocked`. */
      caller_id: string;
      /** What the user may present as read (`GET /users/{id}/caller_id`), and who holds each: the check `caller_id_not_held` reads it. */
      choices: CallerIdChoice[];
    })
  /** `POST /rooms` (`name`, `office_id`): takes a room license of the office. */
  | (OperationBase<RoomTarget> & { kind: 'create_room'; room: RoomRef })
  /** `PATCH /rooms/{id}` `name`; `target` names the room as Dialpad does now. */
  | (OperationBase<RoomTarget> & { kind: 'rename_room'; name: string })
  | (OperationBase<RoomTarget> & {
      kind: 'delete_room';
      /** The room's numbers, which the deletion sends to the reserved pool (sorted; absent: none); counted by `policy.max_deletions` with the room. */
      numbers_to_pool?: string[];
    })
  /** `POST /rooms/{id}/assign_number` with a reserved-pool `number`. */
  | (OperationBase<RoomTarget> & { kind: 'assign_room_number'; number: string; primary: boolean })
  /** `POST /rooms/{id}/unassign_number`: the number goes to the reserved pool. */
  | (OperationBase<RoomTarget> & { kind: 'unassign_room_number'; number: string });

export type OperationKind = Operation['kind'];

/** The variant of `Operation` with this kind. */
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;

export { RULE_CODES, type RuleCode, type Violation } from './rule-codes.js';
import type { Violation } from './rule-codes.js';

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  move: number;
  manual: number;
  blocked: boolean;
}

/** A declared class-3 attribute the API cannot show (analytics, proxy), as older plans listed it (`Plan.unverifiable`). */
export interface Unverifiable {
  email: string;
  attribute: 'analytics' | 'proxy';
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
  /**
   * `sha256:<64 hex>` of the config digest and the operations' identities (`fingerprintPlan`):
   * what a reviewer approved. `apply --expect-fingerprint` applies a plan only when the plan it
   * is about to apply has it. The same for a `--redact` rendering; never includes the live digest.
   */
  fingerprint: string;
  summary: PlanSummary;
  operations: Operation[];
  violations: Violation[];
  /**
   * Display only: analytics/proxy declarations no API could check, as plans made before issue 14
   * listed them. Plans made now leave it empty (undeclared changes are manual steps,
   * `planPermissionChanges`); it stays in format 1 so those plan files still read and render.
   */
  unverifiable: Unverifiable[];
  /** Reserved-pool movements (display). */
  pool: PoolMovement[];
  /** Display only: every office the config or live state names, so renderers can title groups. */
  offices: { key: string; name: string }[];
  /**
   * Display only: live users absent from config that the plan leaves as they are (under
   * `ignore`, all of them), present only when there are some, so "no changes" never hides them.
   */
  unmanaged_users?: UnmanagedUsers;
  /**
   * Display only: config users whose lifecycle an identity provider owns (`lifecycle: external`)
   * and who are not in Dialpad yet. Not operations, not failures: the plan reconciles them once
   * they exist. Present only when there are some; sorted by email.
   */
  waiting_for_provisioning?: WaitingUser[];
  /**
   * Display only: dated lifecycle changes still to come (`starts_on`, `leaves_on`,
   * `policy.delete_after_days`), judged by Dialpad's clock in `time_zone`. A scheduled CI run
   * plans them on their day. Present only when there are some; sorted by date, then email.
   */
  scheduled?: ScheduledLifecycle[];
}

/** `scheduled: suspend on 2026-12-15`. */
export interface ScheduledLifecycle {
  email: string;
  action: 'create' | 'suspend' | 'delete';
  /** `YYYY-MM-DD` in `time_zone`. */
  on: string;
  /** tz database name the date is in (`policy.time_zone`, else `UTC`). */
  time_zone: string;
  source: string;
}

/** A config user waiting for the identity provider to create their account. */
export interface WaitingUser {
  email: string;
  /** `file.yaml:LINE` of the user's entry. */
  source: string;
}

export interface UnmanagedUsers {
  policy: UnmanagedUsersPolicy;
  /** How many (at least 1). */
  count: number;
  /**
   * How many of them an identity provider owns (`lifecycle: external`): `policy` does not apply to
   * them, whatever it says; the provider decides whether they stay. Present only when there are some.
   */
  external?: number;
}
