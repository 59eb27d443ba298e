import { fetchLive, READ_PHASE_ONE, type DialpadClient } from '../dialpad/index.js';
import { keyLive } from '../model/groups.js';
import { listEmailAliases, matchUsers } from '../model/match-users.js';
import type { DesiredState, LiveState } from '../model/tenant.js';
import type { ConfirmedGrant } from '../model/confirmed-grants.js';
import { planFromRead, readForPlan } from '../plan-against-live.js';
import type { Rehearsal } from '../plan/rehearsal.js';
import { digestLive } from '../plan/digest.js';
import type { Operation, Plan, Violation } from '../plan/types.js';
import type { PendingRestore } from '../journal-types.js';
import { checkTargets, type TargetMismatch } from './check-targets.js';
import { identifyPlan, type Journal } from './journal.js';
import { identifyOperation, slotOfOperation } from '../plan/operation-identity.js';
import { showSavedPlan } from './show-saved-plan.js';

/** How two lists of operations differ, by structural identity (`identifyOperation`). */
export interface Drift {
  /** Needed now, and in no form in the saved plan. */
  added: Operation[];
  /** In the saved plan, and no longer needed in any form. */
  gone: Operation[];
  /**
   * In the saved plan, and no longer *possible*: a manual restore whose user the fresh plan
   * creates anew instead, because the restore window passed (`isStillPossible`).
   */
  impossible: Operation[];
  /** The same step on the same object (`slotOfOperation`), with different contents. */
  changed: { saved: Operation; fresh: Operation }[];
  /**
   * The same step, scheduled otherwise (`compareOrder`): the saved plan runs it in another place
   * among the others (`order`) or after other operations (`after`) than the fresh plan does.
   */
  reordered: { saved: Operation; fresh: Operation; reason: 'order' | 'after' }[];
}

/**
 * Whether a saved plan may still be applied to Dialpad as it is now. A plan file is data anyone
 * could have edited, so nothing in it is taken on trust: every check is made against the config
 * and a fresh read, and each refusal says which check failed.
 *
 * - `fresh`: go ahead. `done` counts the operations the journal shows done for this plan
 *   (more than 0: the plan is resumed, and those are skipped).
 * - `uncheckable`: refuse. There is no config, or not the one the plan was made from (its
 *   `config_digest`): without it apply cannot tell what the reviewed config asks for.
 * - `stale`: refuse. Dialpad changed since the plan was made (or, resumed, beyond what the plan's
 *   own writes did); `drift` says how the operations needed now differ from the plan's.
 * - `altered`: refuse. Dialpad is as it was, but the operations not yet done are not the ones the
 *   config asks for against it (`drift`): the file was edited.
 * - `blocked`: refuse. A fresh plan of the config is blocked by a rule now (`violations`, the
 *   errors), whatever the saved plan's summary and violations say.
 * - `mismatched`: refuse. A live id in an operation is not the object it names (`checkTargets`).
 */
export type Freshness =
  | { status: 'fresh'; done: number }
  | { status: 'uncheckable'; done: number; reason: 'no_config' | 'other_config' }
  | { status: 'stale'; done: number; savedDigest: string; liveDigest: string; drift: Drift }
  | { status: 'altered'; done: number; drift: Drift }
  | { status: 'blocked'; done: number; violations: Violation[] }
  | { status: 'mismatched'; done: number; mismatches: TargetMismatch[] };

type CheckInput = {
  plan: Plan;
  journal: Journal;
  client: DialpadClient;
  desired?: DesiredState;
  /** The confirmations file's entries, as for any plan (`PlanInputs`). */
  confirmed?: readonly ConfirmedGrant[];
  /** Restores apply waited for, when the caller read them already; else read from `journal`. */
  pendingRestores?: readonly PendingRestore[];
  now?: Date;
  /** Against the embedded emulator: the fresh plan's manual steps name their rehearsal commands, as `plan`'s do. */
  rehearsal?: Rehearsal;
};

/**
 * Reads Dialpad and the journal, plans the config against the read, and judges the saved plan
 * (`judgeFreshness`). `desired` is the config, when one is available; `now` is when the fresh
 * plan is made.
 */
export async function checkFreshness(input: CheckInput): Promise<Freshness> {
  return (await checkSavedPlan(input)).freshness;
}

/**
 * `checkFreshness`, and the saved plan as apply shows, reports and executes it (`shown`): its
 * operations with every text from the fresh plan (`showSavedPlan`), reversibility included, on
 * Dialpad's clock now. Without a config `shown` is the saved plan, which apply then refuses
 * (`uncheckable`). `fresh` is the plan of the config against Dialpad now (absent without a
 * config), for a refusal to show or save.
 */
export async function checkSavedPlan(input: CheckInput): Promise<{ freshness: Freshness; shown: Plan; fresh?: Plan }> {
  const { plan, desired } = input;
  const progress = await input.journal.progress(identifyPlan(plan));
  // As the plan read it (the same config and Dialpad pick the same reads, so the same digest);
  // without a config the plan cannot be checked anyway (`uncheckable`).
  const read = await fetchLive(input.client, desired === undefined ? READ_PHASE_ONE : readForPlan(desired));
  const pendingRestores = input.pendingRestores ?? (await input.journal.pendingRestores());
  const fresh = desired === undefined ? undefined : planFromRead({ desired, read, confirmed: input.confirmed, pendingRestores, now: input.now ?? new Date(), ...(input.rehearsal === undefined ? {} : { rehearsal: input.rehearsal }) });
  const live = desired === undefined ? read : keyLive(read, desired);
  const emailAliases = desired === undefined ? new Map<string, string>() : listEmailAliases(matchUsers(desired, read));
  const freshness = judgeFreshness({ plan, ...progress, liveDigest: digestLive(read), fresh, live, emailAliases });
  return { freshness, shown: fresh === undefined ? plan : showSavedPlan(plan, fresh), ...(fresh === undefined ? {} : { fresh }) };
}

/**
 * The freshness rule (pure). `done` and `inDoubt` are what the journal shows for this plan
 * (`JournalProgress`), `liveDigest` is the digest of a fresh read, `live` that read keyed by the
 * config's offices, `emailAliases` the live emails the config matched through `previous_emails`
 * (`listEmailAliases`), and `fresh` a plan of the config against it (absent without a config).
 * Checks, in order (the first that fails decides):
 *
 * 1. config: there is one, and it is the plan's (`config_digest`);
 * 2. live state: a plan nothing of which was started is current exactly when the live digest
 *    equals its basis. A plan under way changed Dialpad, so the digest cannot decide; then the
 *    operations not yet done must be exactly those the fresh plan needs (structural identity),
 *    else someone else changed Dialpad. "Exactly" includes their order (`compareOrder`). A plan is under way when the journal shows an operation
 *    done, in doubt or waiting (a manual step), or when a manual operation is no longer needed:
 *    a person did it, whether before the first apply or after (issue 14 #1). Exceptions to
 *    "exactly": a manual operation no longer needed was done by a person, and an operation in
 *    doubt (started, never finished: a kill mid-write) no longer needed landed; apply confirms
 *    the latter by reading before it would send it again. A restore the fresh plan replaces by a
 *    create is no longer possible (`impossible`), and always refused;
 * 3. operations: nothing started, Dialpad as planned, and still the operations differ from the
 *    fresh plan's, or are scheduled otherwise: the file was edited (a release added, a delete's
 *    email changed, an unassign moved after the assign that needs its number, …);
 * 4. rules: the fresh plan is not blocked (the saved summary and violations are never trusted);
 * 5. targets: every live id in the operations not yet done is the object the operation names.
 */
export function judgeFreshness(input: {
  plan: Plan;
  done: ReadonlySet<string>;
  inDoubt?: ReadonlySet<string>;
  /** Manual steps the journal shows apply waited for. */
  waiting?: ReadonlySet<string>;
  liveDigest: string;
  fresh?: Plan;
  live: LiveState;
  emailAliases?: ReadonlyMap<string, string>;
}): Freshness {
  const { plan, liveDigest, fresh } = input;
  const inDoubt = input.inDoubt ?? new Set<string>();
  const waiting = input.waiting ?? new Set<string>();
  const done = plan.operations.filter((op) => input.done.has(op.id)).length;
  const savedDigest = plan.basis.live_digest;

  if (fresh === undefined) return { status: 'uncheckable', done, reason: 'no_config' };
  if (fresh.basis.config_digest !== plan.basis.config_digest) return { status: 'uncheckable', done, reason: 'other_config' };

  const remaining = plan.operations.filter((op) => !input.done.has(op.id));
  const drift = compareOperations(remaining, fresh.operations);
  drift.reordered = compareOrder(remaining, fresh.operations);
  drift.impossible = drift.gone.filter((op) => !isStillPossible(op, fresh));
  drift.gone = drift.gone.filter((op) => isStillPossible(op, fresh));
  // A manual step no longer needed was done by a person: the plan is under way, whether apply
  // ran first (and journalled it `waiting`) or the person did (issue 14 #1: resumable either way).
  const manualDone = drift.gone.some((op) => op.manual);
  const started = done > 0 || manualDone || plan.operations.some((op) => inDoubt.has(op.id) || waiting.has(op.id));
  if (started) drift.gone = drift.gone.filter((op) => !op.manual && !inDoubt.has(op.id));
  const drifted = drift.added.length + drift.gone.length + drift.changed.length + drift.impossible.length + drift.reordered.length > 0;
  if (!started && liveDigest !== savedDigest) return { status: 'stale', done, savedDigest, liveDigest, drift };
  if (drifted) return started ? { status: 'stale', done, savedDigest, liveDigest, drift } : { status: 'altered', done, drift };

  if (fresh.summary.blocked) return { status: 'blocked', done, violations: fresh.violations.filter((v) => v.severity === 'error') };
  const mismatches = checkTargets(remaining, input.live, input.emailAliases);
  if (mismatches.length > 0) return { status: 'mismatched', done, mismatches };
  return { status: 'fresh', done };
}

/**
 * Whether a manual step the fresh plan no longer has was done rather than made impossible: a
 * restore whose user the fresh plan creates instead (the restore window passed) is impossible.
 */
function isStillPossible(op: Operation, fresh: Plan): boolean {
  if (op.kind !== 'restore_user') return true;
  const email = op.target.email.toLowerCase();
  return !fresh.operations.some((f) => f.kind === 'create_user' && f.email.toLowerCase() === email);
}

/**
 * Matches `saved` against `fresh` as multisets: first operations with equal identities, then,
 * among the rest, operations in the same slot (in plan order) as `changed`; what is left is
 * `gone` (saved) or `added` (fresh). Each list keeps its plan's order.
 */
export function compareOperations(saved: readonly Operation[], fresh: readonly Operation[]): Drift {
  const freshIds = fresh.map(identifyOperation);
  const unmatched = new Map<string, number[]>();
  freshIds.forEach((id, index) => push(unmatched, id, index));
  const savedLeft = saved.filter((op) => unmatched.get(identifyOperation(op))?.shift() === undefined);
  const freshLeft = new Set([...unmatched.values()].flat());

  const bySlot = new Map<string, number[]>();
  for (const index of [...freshLeft].sort((a, b) => a - b)) push(bySlot, slotOfOperation(fresh[index] as Operation), index);
  const changed: Drift['changed'] = [];
  const gone: Operation[] = [];
  for (const op of savedLeft) {
    const match = bySlot.get(slotOfOperation(op))?.shift();
    if (match === undefined) {
      gone.push(op);
    } else {
      freshLeft.delete(match);
      changed.push({ saved: op, fresh: fresh[match] as Operation });
    }
  }
  return { added: fresh.filter((_, index) => freshLeft.has(index)), gone, impossible: [], changed, reordered: [] };
}

/**
 * The operations `saved` schedules otherwise than `fresh`, among those with a twin of the same
 * identity there (matched in order, as `compareOperations` does): one that runs after an operation
 * its twin runs before (`order`), or whose `after` names other twins than its twin's (`after`).
 *
 * Order is part of what was reviewed and of what is safe: apply runs a plan in its order and
 * holds back the dependents (`after`) of a step not done, never re-sorting (STYLE 4). The fresh
 * plan's order is the one its simulation checked step by step: frees before claims (an unassign
 * before the assign of its number, a license freed before it is moved), creates before use,
 * reactivations before suspensions. Its `after` edges record only part of that (apply-plan.ts),
 * so no weaker test than "the same relative order and the same `after`" is provably safe: any
 * other order is refused rather than re-sorted, since apply carries out the plan that was
 * reviewed, order included, or nothing. Operations without a twin (done, landed in doubt, manual
 * steps a person did) are left out on both sides: they run no more.
 */
export function compareOrder(saved: readonly Operation[], fresh: readonly Operation[]): Drift['reordered'] {
  const unmatched = new Map<string, number[]>();
  fresh.forEach((op, index) => push(unmatched, identifyOperation(op), index));
  const pairs = saved.flatMap((op) => {
    const index = unmatched.get(identifyOperation(op))?.shift();
    return index === undefined ? [] : [{ saved: op, fresh: fresh[index] as Operation, index }];
  });
  const freshIdOf = new Map(pairs.map((p) => [p.saved.id, p.fresh.id]));
  const twinned = new Set(pairs.map((p) => p.fresh.id));
  const sameIds = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  const reordered: Drift['reordered'] = [];
  let latest = -1;
  for (const pair of pairs) {
    const savedAfter = pair.saved.after.flatMap((id) => freshIdOf.get(id) ?? []);
    const freshAfter = pair.fresh.after.filter((id) => twinned.has(id));
    if (pair.index < latest) reordered.push({ saved: pair.saved, fresh: pair.fresh, reason: 'order' });
    else if (!sameIds(savedAfter, freshAfter)) reordered.push({ saved: pair.saved, fresh: pair.fresh, reason: 'after' });
    latest = Math.max(latest, pair.index);
  }
  return reordered;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
