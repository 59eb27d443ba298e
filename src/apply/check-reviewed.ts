import { digestOperation, fingerprintPlan } from '../plan/fingerprint.js';
import type { Operation, Plan } from '../plan/types.js';
import type { Journal } from './journal.js';

/**
 * Whether the plan apply is about to carry out is the one a reviewer approved
 * (`apply --expect-fingerprint`, docs/review-loop.md):
 *
 * - `reviewed`: the plan has the expected fingerprint (recomputed from its operations, never
 *   read from the file).
 * - `resumed`: it has not, but an apply of the reviewed plan started and every operation of this
 *   one is among what is left of it (the journal's `plan_started` and the operations done since):
 *   apply finishes the reviewed plan, as it resumes any plan. Apply journals its operations as
 *   part of the reviewed plan (`ApplyOptions.reviewed`).
 * - `nothing`: it has not, but it has no operations: there is nothing to write, so nothing
 *   unreviewed can be (Dialpad already matches the config, e.g. someone did the change by hand).
 * - `changed`: refuse, writing nothing. `unreviewed` lists the operations that are in no reviewed
 *   plan the journal knows (all of them when the journal never saw the reviewed plan start).
 */
export type ReviewCheck =
  | { status: 'reviewed' }
  | { status: 'resumed' }
  | { status: 'nothing' }
  | { status: 'changed'; expected: string; actual: string; unreviewed: Operation[]; reviewedStarted: boolean };

/** `judgeReviewed` with what the journal shows of the reviewed plan. */
export async function checkReviewed(plan: Plan, expected: string, journal: Journal): Promise<ReviewCheck> {
  return judgeReviewed({ plan, expected, remaining: await journal.reviewedRemaining(expected) });
}

/**
 * The rule (pure). `remaining` is what the journal shows left of the reviewed plan
 * (`readReviewedRemaining`), `undefined` when no apply of it started.
 */
export function judgeReviewed(input: { plan: Plan; expected: string; remaining: readonly string[] | undefined }): ReviewCheck {
  const { plan, expected, remaining } = input;
  const actual = fingerprintPlan(plan);
  if (actual === expected) return { status: 'reviewed' };
  const left = [...(remaining ?? [])];
  const unreviewed = plan.operations.filter((op) => {
    const at = left.indexOf(digestOperation(op));
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
  if (remaining !== undefined && unreviewed.length === 0) return { status: 'resumed' };
  if (plan.operations.length === 0) return { status: 'nothing' };
  return { status: 'changed', expected, actual, unreviewed, reviewedStarted: remaining !== undefined };
}
