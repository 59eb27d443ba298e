import { ApiError } from '../dialpad/api-error.js';
import { BugError, DialformError } from '../errors.js';
import type { LiveState } from '../model/tenant.js';
import type { ConfirmedGrant } from '../model/confirmed-grants.js';
import type { Operation, Plan } from '../plan/types.js';
import { executeOperation, hasLanded, type ExecutionContext } from './execute-operation.js';
import { identifyPlan, type Journal } from './journal.js';
import type { JournalEntry } from '../journal-types.js';
import { digestOperation, fingerprintPlan } from '../plan/fingerprint.js';
import { specOf } from '../plan/kinds/index.js';
import type { ApplyApi, ApplyEvent, ApplyReport, OperationResult } from './types.js';
import { findSurprise, watchAnswers, type Surprise } from './check-surprise.js';

export interface ApplyOptions {
  api: ApplyApi;
  journal: Journal;
  onEvent?: (event: ApplyEvent) => void;
  /** The clock of the journal's times: Dialpad's (`DialpadClient.serverTime`) where known, so restore windows agree with it. */
  now?: () => Date;
  /** The confirmations file's entries (`readConfirmed`): what makes an analytics or proxy step done. */
  confirmed?: readonly ConfirmedGrant[];
  /**
   * Reads Dialpad (`fetchLive`): asked, just before it would be sent again, whether an operation
   * the journal shows started but not finished already landed. Needed only when there is one.
   */
  readLive?: () => Promise<LiveState>;
  /** Operations in flight at once, at most (default `APPLY_CONCURRENCY`; 1 runs them one by one). */
  concurrency?: number;
  /**
   * The fingerprint of the reviewed plan these operations are part of: the plan's own (the
   * default), or, when apply finishes what is left of a reviewed plan another run started
   * (`judgeReviewed`'s `resumed`), that plan's. Journalled with every operation.
   */
  reviewed?: string;
  /**
   * A request to stop (Ctrl-C): no operation starts once it is aborted; those in flight finish
   * (their outcome known and journalled), the rest are `not_run`, and the report is `interrupted`.
   */
  signal?: AbortSignal;
  /**
   * The plan's id in the journal (`identifyPlan`), when `plan` is a saved plan shown with the
   * fresh plan's texts (`showSavedPlan`): the saved file's, so a rerun of that file resumes it.
   * Default: `identifyPlan(plan)`.
   */
  planId?: string;
}

/** Why an operation did not start after `ApplyOptions.signal` was aborted. */
export const INTERRUPTED_REASON = 'apply was interrupted before it started';

/** Whether `op` is a step a person does: its kind says, never the plan's `manual` field. */
const isManual = (op: Operation): boolean => specOf(op).manual !== false;

/**
 * Operations apply keeps in flight by default. Enough that request latency does not idle the rate
 * limit (at Dialpad's 20 req/s a request every 50 ms, about one round trip), few enough that a
 * kill leaves at most this many operations in doubt for the next run to look up.
 */
export const APPLY_CONCURRENCY = 4;

/**
 * Whether `op` may start while `previous` (just before it in plan order) is in flight: only within
 * a run of one kind, and never beside a move that lets Dialpad provision a number (`new_number`
 * without `number`), which the plan allows only while the pool holds no number of its country.
 */
function mayOverlap(previous: Operation, op: Operation): boolean {
  const choosesNumber = (o: Operation) => o.kind === 'move_user' && o.new_number !== undefined && o.new_number.number === undefined;
  return previous.kind === op.kind && !choosesNumber(previous) && !choosesNumber(op);
}

/**
 * Executes a plan's operations in the plan's order (apply never re-sorts). Only a run of
 * consecutive operations of one kind overlaps (up to `concurrency` at once, each after the
 * operations it follows, `after`), so their round trips overlap; an operation of another kind
 * starts once everything before it has finished. The ordering guarantees more than its `after`
 * edges say — phases (frees before claims, unassigns before assigns, reactivations before
 * suspensions, an office or group created before it is used) — and a barrier at every change of
 * kind keeps all of them, as running one by one did; operations of one kind in a row are the bulk
 * of a large plan (renames, creates, deletions).
 *
 * - The journal is prepared first: one that cannot be written is refused before any write.
 * - An operation recorded as done for this plan in the journal is skipped, so a rerun after a
 *   crash or a kill continues without repeating anything. Before each API write a `started`
 *   entry is journalled; an operation started but not finished (a kill mid-write) is first
 *   looked up in a fresh read (`hasLanded`) and only sent again if it did not land.
 * - A manual step that is not done yet (`waiting`) does not stop the run: everything that does
 *   not depend on it (`after`) still runs; its dependents are `not_run`. The report is `waiting`.
 *   Its state is journalled (`waiting`, then `done` once verified or confirmed).
 * - The first failing API operation stops the run: operations already in flight finish, the rest
 *   are `not_run`. The report is `failed`. A failure that leaves the write in doubt (the answer
 *   lost, and the read that would settle it failed too) is journalled `in_doubt`, like a kill
 *   mid-write: the next run of the plan settles it by reading.
 * - So does the first write Dialpad answers otherwise than the plan predicted (`findSurprise`,
 *   docs/fidelity.md): it is journalled `done` with the surprise, reported `failed`, and the
 *   report carries it (`surprise`).
 * - A stop request (`signal`) does the same without a failure: the report is `interrupted`.
 *
 * A blocked plan (an error violation, or a summary saying so) is refused before anything runs.
 * This trusts the plan: a saved plan must pass `checkFreshness` first, which recomputes
 * blocked-ness from a fresh plan rather than believing the file, and is executed as
 * `showSavedPlan` shows it, so the instructions a waiting step prints are the fresh plan's.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  if (plan.summary.blocked || plan.violations.some((v) => v.severity === 'error')) {
    throw new DialformError('plan_blocked', 'the plan is blocked by a rule; fix the violations and plan again');
  }
  const now = options.now ?? (() => new Date());
  const planId = options.planId ?? identifyPlan(plan);
  await options.journal.prepare();
  const { done: alreadyDone, inDoubt, waiting: waitedFor } = await options.journal.progress(planId);
  const own = fingerprintPlan(plan);
  const reviewed = options.reviewed ?? own;
  // A reviewed plan's first run records what it consists of, so a later run expecting its
  // fingerprint can finish what is left of it (`readReviewedRemaining`).
  if (reviewed === own && alreadyDone.size + inDoubt.size + waitedFor.size === 0 && plan.operations.length > 0) {
    await options.journal.recordPlanStarted({ record: 'plan_started', plan: planId, fingerprint: own, operations: plan.operations.map(digestOperation), at: now().toISOString() });
  }
  const journal = (op: Operation, status: JournalEntry['status'], error?: string, surprised?: string) =>
    options.journal.record({
      plan: planId,
      op: op.id,
      kind: op.kind,
      status,
      at: now().toISOString(),
      ...(op.target.type === 'user' ? { subject: op.target.email } : {}),
      ...(status === 'done' ? listPooled(plan, op) : {}),
      ...(op.kind === 'move_user' && op.new_number !== undefined ? { owes_number: { from: op.from.key, to: op.to.key } } : {}),
      ...(error === undefined ? {} : { error }),
      ...(surprised === undefined ? {} : { surprise: surprised }),
      reviewed,
      identity: digestOperation(op),
    });
  // One read serves every operation in doubt: their writes all happened before the run began.
  let liveRead: Promise<LiveState> | undefined;
  const landed = async (op: Operation): Promise<boolean> => {
    if (!inDoubt.has(op.id) || isManual(op)) return false;
    if (options.readLive === undefined) throw new BugError(`applyPlan needs readLive to check whether ${op.id}, started before, landed`);
    liveRead ??= options.readLive();
    return hasLanded(op, await liveRead);
  };
  const ctx: ExecutionContext = { api: options.api, confirmed: options.confirmed ?? [], officeIds: new Map(), userIds: new Map(), groupIds: new Map() };
  const results: OperationResult[] = [];
  /** Operations whose dependents cannot run in this pass. */
  const unfinished = new Set<string>();
  /** Settles when an operation's result is known: what its dependents (`after`) wait for. */
  const finished = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let failed = false;
  /** Whether an operation did not start because `options.signal` was aborted. */
  let interrupted = false;
  /** The first write Dialpad answered otherwise than the plan predicted (`findSurprise`): stops the run like a failure. */
  let surprise: Surprise | undefined;
  /** An exception that is not a user's or Dialpad's failure (a bug): rethrown once nothing is in flight. */
  let bug: { error: unknown } | undefined;
  const total = plan.operations.length;
  const concurrency = Math.max(1, options.concurrency ?? APPLY_CONCURRENCY);

  const run = async (index: number, op: Operation): Promise<OperationResult> => {
    const base = { id: op.id, kind: op.kind, summary: op.summary, ...(op.step === undefined ? {} : { step: op.step }) };
    if (alreadyDone.has(op.id)) return { ...base, outcome: { status: 'already_done' } };
    if (failed) return { ...base, outcome: { status: 'not_run', reason: 'apply stopped at an earlier failure' } };
    if (options.signal?.aborted === true) {
      interrupted = true;
      return { ...base, outcome: { status: 'not_run', reason: INTERRUPTED_REASON } };
    }
    if (op.after.some((id) => unfinished.has(id))) {
      const waitingOn = op.after.filter((id) => unfinished.has(id));
      return { ...base, outcome: { status: 'not_run', reason: `waits for ${waitingOn.join(', ')}` } };
    }
    options.onEvent?.({ type: 'start', index, total, id: op.id, summary: op.summary });
    if (await landed(op)) {
      await journal(op, 'done');
      return { ...base, outcome: { status: 'already_done' } };
    }
    if (!isManual(op)) await journal(op, 'started');
    let result: OperationResult;
    try {
      const watched = watchAnswers(ctx.api);
      result = { ...base, outcome: await executeOperation(op, { ...ctx, api: watched.api }) };
      const found = result.outcome.status === 'done' ? findSurprise(op, watched.answers) : undefined;
      if (found !== undefined) {
        // The write landed (journalled `done`, with the surprise); what follows was planned for another company.
        failed = true;
        surprise ??= found;
        await journal(op, 'done', undefined, found.message);
        return { ...base, outcome: { status: 'failed', error: found.message } };
      }
    } catch (error) {
      // Only a user's or Dialpad's failure is journalled; anything else (a BugError) propagates.
      if (!(error instanceof DialformError)) throw error;
      failed = true;
      // A write whose answer was lost and could not be settled by reading may have landed: it is
      // journalled in doubt, so the next run of this plan looks it up before sending it again.
      const inDoubt = error instanceof ApiError && error.outcomeUnknown;
      result = { ...base, outcome: { status: 'failed', error: error.message, ...(inDoubt ? { inDoubt } : {}) } };
    }
    const outcome = result.outcome;
    // A manual step's lifecycle is journalled as well: `waiting` marks the plan started (so it
    // is resumable whichever comes first, the next run or the step) and keeps a restore on record.
    if (outcome.status === 'failed') await journal(op, outcome.inDoubt === true ? 'in_doubt' : 'failed', outcome.error);
    if (outcome.status === 'done' || outcome.status === 'waiting') await journal(op, outcome.status);
    return result;
  };

  for (const [index, op] of plan.operations.entries()) {
    // Operations start in plan order. One starts once everything before it has finished if its
    // kind differs from the previous one's, else once every operation it follows has finished
    // and fewer than `concurrency` are in flight, so a request's latency overlaps the next ones'
    // (one at a time, 50 ms of latency at 20 req/s leaves the rate limit ~10 % idle); the
    // transport's rate limiter still spaces every request.
    const previous = plan.operations[index - 1];
    if (previous !== undefined && !mayOverlap(previous, op)) await Promise.all(inFlight);
    await Promise.all(op.after.map((id) => finished.get(id)));
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (bug !== undefined) break;
    const settled = run(index, op).then(
      (result) => {
        const status = result.outcome.status;
        if (status === 'waiting' || status === 'not_run' || status === 'failed') unfinished.add(op.id);
        results[index] = result;
        options.onEvent?.({ type: 'result', index, total, result });
      },
      (error: unknown) => {
        bug ??= { error };
      },
    );
    const tracked = settled.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    finished.set(op.id, tracked);
  }
  await Promise.all(inFlight);
  if (bug !== undefined) throw bug.error;

  const waiting = results.some((r) => r.outcome.status === 'waiting');
  return { results, status: failed ? 'failed' : interrupted ? 'interrupted' : waiting ? 'waiting' : 'complete', ...(surprise === undefined ? {} : { surprise }) };
}

/** The numbers `op` sent to the reserved pool and whom from, as the plan's simulation recorded them. */
function listPooled(plan: Plan, op: Operation): Pick<JournalEntry, 'to_pool'> {
  const pooled = plan.pool.flatMap((p) => (p.operation_id === op.id && p.direction === 'in' && p.user !== undefined ? [{ number: p.number, from: p.user }] : []));
  return pooled.length === 0 ? {} : { to_pool: pooled };
}
