/**
 * The one display model every human-readable renderer is built from, so text and markdown never
 * disagree about what a plan says. `buildPlanView` only reads the plan: it never re-sorts the
 * operations' execution order (grouping by office keeps `op-N` order inside each group).
 */
import { agreeing, countOf } from '../plan/plural.js';
import { EXIT } from '../exit-codes.js';
import { specOf, type Marker } from '../plan/kinds/index.js';
import type { FieldChange, ManualStep, Operation, OperationKind, Plan, PoolMovement, Unverifiable, Violation } from '../plan/types.js';
import { changesAdminRights, formatReversible, formatTarget, formatValue } from './describe-operation.js';
import { mapStrings } from './map-strings.js';
import { redactPlan } from './redact.js';
import { sanitizeForTerminal } from './terminal-safe.js';

export type { Marker } from '../plan/kinds/index.js';
export { formatValue } from './describe-operation.js';

export type Badge = 'irreversible' | 'admin' | 'manual' | 'blocked';

export interface ChangeRow {
  field: string;
  from: string;
  to: string;
}

export interface OperationRow {
  id: string;
  kind: OperationKind;
  marker: Marker;
  /** `move user`, `transfer licenses`, … */
  action: string;
  /** What `formatTarget` shows: an email, an office's or a group's name, or a number. */
  target: string;
  /** The planner's one-line summary (may be empty). */
  summary: string;
  /**
   * The line a reviewer reads: the summary when it names the target, else `action target`
   * followed by the summary, if any.
   */
  headline: string;
  changes: ChangeRow[];
  /** Facts carried by the kind's own fields (numbers sent to the pool, license counts…). */
  details: string[];
  /** `irreversible`, `reversible until …`; undefined when freely reversible. */
  reversibility?: string;
  source: string;
  notes: string[];
  manual: boolean;
  /** For a manual operation: how apply waits for it (verified in Dialpad, or confirmed by an operator). */
  waitLine?: string;
  /** For a manual operation: the step it is part of. */
  step?: string;
  badges: Badge[];
  /** Codes of the violations naming this operation. */
  violationCodes: string[];
}

/**
 * One manual step as a person does it: a transfer or a restore is one operation; several users'
 * analytics (or proxy) changes of one kind are one bulk step, listing each user.
 */
export interface ManualStepRow {
  step: string;
  /** The operations the step covers, in execution order. */
  ids: string[];
  headline: string;
  /** For a bulk step: one line per user (each operation's headline); else empty. */
  items: string[];
  notes: string[];
}

export interface OfficeGroup {
  /** Office key, or `''` for operations that concern no single office. */
  key: string;
  title: string;
  rows: OperationRow[];
}

export interface ViolationRow {
  code: string;
  severity: Violation['severity'];
  message: string;
  operationIds: string[];
}

export interface PoolRow {
  number: string;
  direction: PoolMovement['direction'];
  /** `enters the pool`, `leaves the pool`, `released to Dialpad`. */
  movement: string;
  user?: string;
  office?: string;
  operationId: string;
}

export interface UnverifiableRow {
  email: string;
  attribute: Unverifiable['attribute'];
  value: string;
  source: string;
}

export interface PlanCounts {
  create: number;
  update: number;
  delete: number;
  move: number;
  manual: number;
}

export interface PlanView {
  empty: boolean;
  blocked: boolean;
  counts: PlanCounts;
  /** Errors first, then warnings, each in plan order. */
  violations: ViolationRow[];
  /** Every operation row in execution order. */
  operations: OperationRow[];
  /** The same rows by office: offices in order of their first operation, the office-less group last. */
  groups: OfficeGroup[];
  /** Manual steps in the order of their first operation: apply stops at each until it is done. */
  manual: ManualStepRow[];
  pool: PoolRow[];
  unverifiable: UnverifiableRow[];
  /** `Plan: N to create, N to update, N to delete` (+ move/manual when non-zero). */
  totals: string;
  /** Exact text of the empty-plan line. */
  noChanges: string;
  /**
   * Set when live users absent from config are left as they are: the line saying how many and
   * under which policy, shown beside the totals or the empty-plan line.
   */
  unmanagedLine?: string;
  /** Set when blocked: the line saying so. */
  blockedLine?: string;
  /** Config users an identity provider has not provisioned yet (`waiting_for_provisioning`): not operations. */
  waiting: WaitingRow[];
  /** `scheduled: suspend on 2026-12-15`, one line per dated change still to come (`scheduled`). */
  scheduled: string[];
  /** `Fingerprint: sha256:…`: the plan's fingerprint, never redacted (it holds no personal data). */
  fingerprintLine: string;
  /** The plan's fingerprint as it is (`sha256:<hex>`). */
  fingerprint: string;
}

export interface WaitingRow {
  email: string;
  source: string;
}

export interface ViewOptions {
  redact?: boolean;
}

export const NO_CHANGES = 'No changes. Dialpad matches the configuration.';
/** The empty-plan line when live users absent from config are left alone: Dialpad matches what config lists, not more. */
export const NO_CHANGES_TO_LISTED = 'No changes to what the configuration lists.';
/** The empty-plan line when some config users wait for their identity provider: nothing for dialform to do yet. */
export const NO_CHANGES_WAITING = 'No changes to make now; the users waiting for provisioning are reconciled once they exist.';
/** The empty-plan line when dated changes are still to come: nothing is due today. */
export const NO_CHANGES_SCHEDULED = 'No changes due today; the scheduled changes above are planned on their day.';
/** Title of the list of `scheduled` changes. */
export const SCHEDULED_TITLE = "Scheduled (starts_on, leaves_on; dates by Dialpad's clock; a run on the day does them):";
/** Title of the list of `waiting_for_provisioning` users. */
export const WAITING_TITLE = 'Waiting for provisioning by the identity provider (lifecycle: external; not operations):';

/**
 * `3 live users are not in the configuration and are left as they are (policy.unmanaged_users: ignore).`
 * Users an identity provider owns are said to be its: the policy does not apply to them.
 */
export function formatUnmanagedLine(unmanaged: NonNullable<Plan['unmanaged_users']>): string {
  const who = `${countOf(unmanaged.count, 'live user')} ${agreeing(unmanaged.count, 'is', 'are')}`;
  const external = unmanaged.external ?? 0;
  const own = unmanaged.count - external;
  const offboardOwn = unmanaged.policy === 'delete' || own === 0 ? '' : ' To offboard one, give them an entry with state: deleted.';
  const offboardExternal = external === 0 ? '' : ' The identity provider decides whether they stay: offboard them there.';
  if (external === 0) return `${who} not in the configuration and left as they are (policy.unmanaged_users: ${unmanaged.policy}).${offboardOwn}`;
  const provider = 'the identity provider owns them (lifecycle: external), so policy.unmanaged_users does not apply to them';
  if (own === 0) return `${who} not in the configuration and left as they are: ${provider}.${offboardExternal}`;
  return (
    `${who} not in the configuration and left as they are: for ${external}, ${provider}; ` +
    `for ${own}, policy.unmanaged_users: ${unmanaged.policy}.${offboardOwn}${offboardExternal}`
  );
}
export const BLOCKED_LINE = `This plan is blocked by the errors above and will not be applied (exit code ${EXIT.blocked}).`;
export const OTHER_GROUP_TITLE = 'Company-wide';

function toChangeRow(change: FieldChange): ChangeRow {
  return { field: change.field, from: formatValue(change.from), to: formatValue(change.to) };
}

function formatHeadline(action: string, target: string, summary: string): string {
  if (summary !== '' && summary.toLowerCase().includes(target.toLowerCase())) return summary;
  return summary === '' ? `${action} ${target}` : `${action} ${target}: ${summary}`;
}

function toOperationRow(op: Operation, violationsByOp: Map<string, Violation[]>): OperationRow {
  const { marker, action, details } = specOf(op).describe(op);
  const target = formatTarget(op.target);
  const named = violationsByOp.get(op.id) ?? [];
  const badges: Badge[] = [];
  if (op.reversible === 'no') badges.push('irreversible');
  if (changesAdminRights(op)) badges.push('admin');
  if (op.manual) badges.push('manual');
  if (named.some((v) => v.severity === 'error')) badges.push('blocked');
  const reversibility = formatReversible(op.reversible);
  return {
    id: op.id,
    kind: op.kind,
    marker: op.manual ? '!' : marker,
    action,
    target,
    summary: op.summary,
    headline: formatHeadline(action, target, op.summary),
    changes: op.changes.map(toChangeRow),
    details,
    ...(reversibility === undefined ? {} : { reversibility }),
    source: op.source,
    notes: [...op.notes],
    manual: op.manual,
    ...(op.step === undefined ? {} : { step: op.step.id, waitLine: waitLineOf(op.step) }),
    badges,
    violationCodes: [...new Set(named.map((v) => v.code))],
  };
}

function waitLineOf(step: ManualStep): string {
  return step.verified_by === 'operator'
    ? `manual step: apply waits until an operator confirms it (dialform confirm ${step.id}; see Manual steps)`
    : 'manual step: apply waits until it is done (see Manual steps)';
}

/** Manual rows grouped by step; a step of one operation reads as that operation. */
function groupManualSteps(rows: OperationRow[]): ManualStepRow[] {
  const steps = new Map<string, OperationRow[]>();
  for (const row of rows) steps.set(row.step ?? row.id, [...(steps.get(row.step ?? row.id) ?? []), row]);
  return [...steps].map(([step, list]) => {
    const first = list[0] as OperationRow;
    const ids = list.map((r) => r.id);
    if (list.length === 1) return { step, ids, headline: first.headline, items: [], notes: first.notes };
    return {
      step,
      ids,
      headline: `${first.action}: one bulk action for ${list.length} users (step ${step})`,
      items: list.map((r) => r.headline),
      // The per-user instructions are the same for every user of a bulk step.
      notes: first.notes,
    };
  });
}

const POOL_MOVEMENT: Record<PoolMovement['direction'], string> = {
  in: 'enters the pool',
  out: 'leaves the pool',
  released: 'released to Dialpad',
};

/** `op-1, op-2, op-3` — or the first `max` ids and how many more. */
export function formatOperationIds(ids: string[], max = 8): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/** `Plan: 1 to create, 2 to update, 0 to delete` and `, N to move, N manual` when non-zero. */
export function formatTotals(counts: PlanCounts): string {
  let line = `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete`;
  if (counts.move > 0) line += `, ${counts.move} to move`;
  if (counts.manual > 0) line += `, ${counts.manual} manual`;
  return line;
}

/**
 * Turns a plan into display rows and groups. With `redact`, every email and number is masked
 * first. Every string is passed through `sanitizeForTerminal`, so control characters in live
 * names and messages reach the text and markdown renderers only as visible escapes.
 */
export function buildPlanView(input: Plan, options: ViewOptions = {}): PlanView {
  // Redact (if asked: a redacted change that masks alike is marked as changed), then sanitize each string.
  const plan = mapStrings(options.redact === true ? redactPlan(input) : input, sanitizeForTerminal);
  const violationsByOp = new Map<string, Violation[]>();
  for (const v of plan.violations) {
    for (const id of v.operation_ids) violationsByOp.set(id, [...(violationsByOp.get(id) ?? []), v]);
  }
  const names = new Map(plan.offices.map((o) => [o.key, o.name]));
  const groups = new Map<string, OfficeGroup>();
  const manual: OperationRow[] = [];
  const operations: OperationRow[] = [];
  for (const op of plan.operations) {
    const row = toOperationRow(op, violationsByOp);
    operations.push(row);
    const key = op.office_key ?? '';
    let group = groups.get(key);
    if (group === undefined) {
      const name = names.get(key);
      const title = key === '' ? OTHER_GROUP_TITLE : name === undefined || name === key ? key : `${name} (${key})`;
      group = { key, title, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
    if (row.manual) manual.push(row);
  }
  const ordered = [...groups.values()].sort((a, b) => Number(a.key === '') - Number(b.key === ''));
  const violations = [...plan.violations]
    .sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error'))
    .map((v) => ({ code: v.code, severity: v.severity, message: v.message, operationIds: [...v.operation_ids] }));
  const counts: PlanCounts = {
    create: plan.summary.create,
    update: plan.summary.update,
    delete: plan.summary.delete,
    move: plan.summary.move,
    manual: plan.summary.manual,
  };
  const blocked = plan.summary.blocked;
  return {
    // A blocked plan never reads as "no changes", even with no operations (e.g. a partial live read).
    empty: plan.operations.length === 0 && !blocked,
    blocked,
    counts,
    violations,
    operations,
    groups: ordered,
    manual: groupManualSteps(manual),
    pool: plan.pool.map((p) => ({
      number: p.number,
      direction: p.direction,
      movement: POOL_MOVEMENT[p.direction],
      ...(p.user === undefined ? {} : { user: p.user }),
      ...(p.office === undefined ? {} : { office: p.office }),
      operationId: p.operation_id,
    })),
    unverifiable: plan.unverifiable.map((u) => ({
      email: u.email,
      attribute: u.attribute,
      value: formatValue(u.value),
      source: u.source,
    })),
    totals: formatTotals(counts),
    noChanges: plan.waiting_for_provisioning !== undefined ? NO_CHANGES_WAITING : plan.scheduled !== undefined ? NO_CHANGES_SCHEDULED : plan.unmanaged_users === undefined ? NO_CHANGES : NO_CHANGES_TO_LISTED,
    waiting: (plan.waiting_for_provisioning ?? []).map((w) => ({ email: w.email, source: w.source })),
    scheduled: (plan.scheduled ?? []).map((s) => `${s.email}: scheduled: ${s.action} on ${s.on} (${s.time_zone})  (${s.source})`),
    ...(plan.unmanaged_users === undefined ? {} : { unmanagedLine: formatUnmanagedLine(plan.unmanaged_users) }),
    ...(blocked ? { blockedLine: BLOCKED_LINE } : {}),
    // From the plan as given: redaction masks nothing in it, and sanitizing would not either.
    fingerprint: input.fingerprint,
    fingerprintLine: formatFingerprintLine(input.fingerprint),
  };
}

/** The fingerprint line every plan rendering ends with (text and markdown alike). */
export function formatFingerprintLine(fingerprint: string): string {
  return `Fingerprint: ${fingerprint}`;
}
