import { DialformError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { executeOperation, type ExecutionContext } from './execute-operation.js';
import { identifyPlan, type Journal } from './journal.js';
import type { ApplyApi, ApplyEvent, ApplyReport, OperationResult } from './types.js';

export interface ApplyOptions {
  api: ApplyApi;
  journal: Journal;
  onEvent?: (event: ApplyEvent) => void;
  now?: () => Date;
}

/**
 * Executes a plan's operations in the plan's order (apply never re-sorts).
 *
 * - An operation recorded as done for this plan in the journal is skipped, so a rerun after a
 *   crash or a kill continues without repeating anything.
 * - A manual step that is not done yet (`waiting`) does not stop the run: everything that does
 *   not depend on it (`after`) still runs; its dependents are `not_run`. The report is `waiting`.
 * - The first failing API operation stops the run; the rest are `not_run`. The report is `failed`.
 *
 * A blocked plan (an error violation) is refused before anything runs.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  if (plan.summary.blocked) {
    throw new DialformError('plan_blocked', 'the plan is blocked by a rule; fix the violations and plan again');
  }
  const now = options.now ?? (() => new Date());
  const planId = identifyPlan(plan);
  const alreadyDone = await options.journal.done(planId);
  const ctx: ExecutionContext = { api: options.api, officeIds: new Map(), userIds: new Map() };
  const results: OperationResult[] = [];
  /** Operations whose dependents cannot run in this pass. */
  const unfinished = new Set<string>();
  let failed = false;
  const total = plan.operations.length;

  for (const [index, op] of plan.operations.entries()) {
    const base = { id: op.id, kind: op.kind, summary: op.summary };
    let result: OperationResult;
    if (alreadyDone.has(op.id)) {
      result = { ...base, outcome: { status: 'already_done' } };
    } else if (failed) {
      result = { ...base, outcome: { status: 'not_run', reason: 'apply stopped at an earlier failure' } };
    } else if (op.after.some((id) => unfinished.has(id))) {
      const waitingOn = op.after.filter((id) => unfinished.has(id));
      result = { ...base, outcome: { status: 'not_run', reason: `waits for ${waitingOn.join(', ')}` } };
    } else {
      options.onEvent?.({ type: 'start', index, total, id: op.id, summary: op.summary });
      try {
        result = { ...base, outcome: await executeOperation(op, ctx) };
      } catch (error) {
        // Only a user's or Dialpad's failure is journalled; anything else (a BugError) propagates.
        if (!(error instanceof DialformError)) throw error;
        failed = true;
        result = { ...base, outcome: { status: 'failed', error: error.message } };
      }
      const status = result.outcome.status;
      if (status === 'done' || status === 'failed') {
        await options.journal.record({
          plan: planId,
          op: op.id,
          kind: op.kind,
          status,
          at: now().toISOString(),
          ...(result.outcome.status === 'failed' ? { error: result.outcome.error } : {}),
        });
      }
    }
    const status = result.outcome.status;
    if (status === 'waiting' || status === 'not_run' || status === 'failed') unfinished.add(op.id);
    results.push(result);
    options.onEvent?.({ type: 'result', index, total, result });
  }

  const waiting = results.some((r) => r.outcome.status === 'waiting');
  return { results, status: failed ? 'failed' : waiting ? 'waiting' : 'complete' };
}
