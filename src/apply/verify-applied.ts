import type { DialpadClient } from '../dialpad/index.js';
import { planAgainstLive, type PlanInputs } from '../plan-against-live.js';
import type { Operation, Plan } from '../plan/types.js';

/**
 * After a complete apply: `converged` when Dialpad matches the config; else `differs`, with the
 * fresh plan and the API operations it still needs (`remaining`, in plan order). Manual steps
 * are left out of `remaining`: apply reported them, and waits for them on its next run.
 */
export type Verification = { status: 'converged' } | { status: 'differs'; plan: Plan; remaining: Operation[] };

/** Reads Dialpad again, plans the config against it and judges the result (`judgeApplied`). */
export async function verifyApplied(input: PlanInputs & { client: DialpadClient; now?: Date }): Promise<Verification> {
  const { plan } = await planAgainstLive(input);
  return judgeApplied(plan);
}

/** The verification rule (pure): a fresh plan with no API operation left means converged. */
export function judgeApplied(fresh: Plan): Verification {
  const remaining = fresh.operations.filter((op) => !op.manual);
  return remaining.length === 0 ? { status: 'converged' } : { status: 'differs', plan: fresh, remaining };
}
