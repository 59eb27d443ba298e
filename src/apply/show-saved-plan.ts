import { summarizePlan } from '../plan/build-plan.js';
import { specOf } from '../plan/kinds/index.js';
import { identifyOperation } from '../plan/operation-identity.js';
import type { Operation, Plan } from '../plan/types.js';
import { describeByStructure, formatTarget } from '../render/describe-operation.js';

/**
 * A saved plan as apply shows, reports and executes it, once `judgeFreshness` found it fresh: its
 * operations (ids, order, `after` and what each does: the structural fields apply acts on and the
 * journal identifies) as saved, and every text from `fresh`, the plan of the config against
 * Dialpad now that it was checked against. A plan file is data anyone could have edited; its
 * structure is verified (`judgeFreshness`, `checkTargets`), its texts cannot be, so none is shown,
 * printed or followed: a `delete_user` whose summary reads "update …" is shown as the deletion it
 * is, and a manual step's instructions are the fresh plan's, not the file's.
 *
 * - An operation takes `summary`, `notes`, `changes`, `step`, `reversible`, `source` and
 *   `office_key` from the fresh operation of the same identity (`identifyOperation`, matched in
 *   order, as `compareOperations` does), and `manual` from its kind.
 * - One the fresh plan no longer has (done, or landed, in a resumed plan; a manual step a person
 *   did) is described by its structure (`describeByStructure`), with no notes or changes.
 * - The plan's own texts and display sections (`summary`, `violations`, `pool`, `offices`, unmanaged
 *   and waiting users, `scheduled`) are the fresh plan's, their operation ids translated to the
 *   saved plan's (those of operations the saved plan lacks are left out).
 *
 * Without `fresh` (`dialform show`, which reads no Dialpad), every operation is described by its
 * structure, and the plan's totals are counted from its operations' kinds (`summarizePlan`); its
 * other sections stay the file's.
 *
 * Structure, `basis`, `created_at` and `fingerprint` stay the saved plan's, so the journal's plan
 * id (`identifyPlan`) must be taken from the saved plan itself.
 */
export function showSavedPlan(saved: Plan, fresh?: Plan): Plan {
  if (fresh === undefined) {
    const operations = saved.operations.map((op) => withTexts(op, undefined));
    return { ...saved, operations, summary: summarizePlan(operations, saved.violations) };
  }
  const unmatched = new Map<string, Operation[]>();
  for (const op of fresh.operations) {
    const id = identifyOperation(op);
    unmatched.set(id, [...(unmatched.get(id) ?? []), op]);
  }
  /** Fresh operation id → saved operation id. */
  const savedIdOf = new Map<string, string>();
  const operations = saved.operations.map((op): Operation => {
    const twin = unmatched.get(identifyOperation(op))?.shift();
    if (twin !== undefined) savedIdOf.set(twin.id, op.id);
    return withTexts(op, twin);
  });
  const translate = (ids: readonly string[]) => ids.flatMap((id) => savedIdOf.get(id) ?? []);
  return {
    ...fresh,
    format_version: saved.format_version,
    created_at: saved.created_at,
    basis: saved.basis,
    fingerprint: saved.fingerprint,
    operations,
    violations: fresh.violations.map((v) => ({ ...v, operation_ids: translate(v.operation_ids) })),
    pool: fresh.pool.flatMap((p) => {
      const id = savedIdOf.get(p.operation_id);
      return id === undefined ? [] : [{ ...p, operation_id: id }];
    }),
  };
}

/** `op` with its texts from `twin` (the fresh operation of the same identity), or, without one, described by its structure. */
function withTexts(op: Operation, twin: Operation | undefined): Operation {
  const manual = specOf(op).manual;
  if (twin !== undefined) {
    const { step: _step, ...rest } = op;
    return {
      ...rest,
      summary: twin.summary,
      notes: twin.notes,
      changes: twin.changes,
      ...(twin.step === undefined ? {} : { step: twin.step }),
      manual: manual !== false,
      reversible: twin.reversible,
      source: twin.source,
      office_key: twin.office_key,
    } as Operation;
  }
  const { step, ...rest } = op;
  // The file's step id is kept only in the form the kind gives it (`grant_analytics`, `restore_user:<email>`).
  const stepId = step !== undefined && (step.id === op.kind || (step.id.startsWith(`${op.kind}:`) && !/\s/.test(step.id))) ? step.id : op.kind;
  return {
    ...rest,
    summary: describeByStructure(op),
    notes: [],
    changes: [],
    manual: manual !== false,
    ...(manual === false ? {} : { step: { id: stepId, verified_by: manual.verifiedBy, state: step?.state ?? 'pending' } }),
    reversible: REVERSIBLE.test(op.reversible) ? op.reversible : 'no',
    source: 'the saved plan',
  } as Operation;
}

/** `reversible` as the planner writes it: `yes`, `no`, or `until` an ISO time (anything else in a file is text). */
const REVERSIBLE = /^(yes|no|until \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)$/;

/** A saved operation whose stored summary says another thing than the operation does (`checkStoredTexts`). */
export interface MisleadingText {
  operation: Operation;
  /** What the operation does, by its structure (`describeByStructure`). */
  does: string;
}

/**
 * The operations of a plan file whose stored summary contradicts what they do. Every summary
 * dialform writes begins with its kind's verb (`delete`, `move`, `assign`: the kind's first word)
 * and names its target (rows.ts relies on the latter for its headlines; golden plans hold both), so
 * a summary that does neither is not the planner's for this operation: a file edited by hand, or
 * by a compromised job ("rename Ann" on an operation that deletes her). A warning, not a proof:
 * a summary may pass and still mislead in its details, which is why no file text is ever shown
 * (`showSavedPlan`) — this says, in addition, that the file's own words were changed.
 */
export function checkStoredTexts(plan: Plan): MisleadingText[] {
  return plan.operations.flatMap((op) => {
    const summary = op.summary.toLowerCase();
    const verb = op.kind.split('_')[0] ?? op.kind;
    const saysKind = summary === verb || summary.startsWith(`${verb} `);
    const namesTarget = summary.includes(formatTarget(op.target).toLowerCase());
    return saysKind && namesTarget ? [] : [{ operation: op, does: describeByStructure(op) }];
  });
}
