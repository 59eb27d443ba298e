import { describe, expect, it } from 'vitest';
import { judgeApplied } from '../../src/apply/verify-applied.js';
import { emptyPlan, fullPlan } from '../support/plan-samples.js';

// Every operation ran, yet the fresh plan still has API work: Dialpad did something of its own
// (before issue 13 an international move's auto-assigned number did; the emulator no longer has a
// way to), so this is judged on the verification itself. How the CLI reports each verdict (exit 4
// and what differs, or exit 0 and "Verified") is tested through the built CLI in
// test/integration/apply-verification-exit.test.ts.
describe('judging an apply that ran every operation', () => {
  it('differs, with the API operations still to do, when the fresh plan has some (issue 14 #8)', () => {
    const fresh = fullPlan();
    const verification = judgeApplied(fresh);
    expect(verification.status).toBe('differs');
    const apiOperations = fresh.operations.filter((op) => !op.manual);
    expect(apiOperations.length).toBeGreaterThan(0);
    expect(verification).toEqual({ status: 'differs', plan: fresh, remaining: apiOperations });
  });

  it('converged when the fresh plan has no API operation left', () => {
    expect(judgeApplied(emptyPlan())).toEqual({ status: 'converged' });
  });
});
