import { describe, expect, it } from 'vitest';
import { reportVerification } from '../../cmd/commands/apply.js';
import type { Io } from '../../cmd/io.js';
import { EXIT } from '../../src/exit-codes.js';
import { judgeApplied } from '../../src/apply/verify-applied.js';
import { emptyPlan, fullPlan } from '../support/plan-samples.js';

function captureIo(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
    color: false,
    errIsTty: false,
    interactive: false,
    confirm: async () => false,
    env: {},
    cwd: '.',
  };
  return io;
}

// Every operation ran, yet the fresh plan still has API work: Dialpad did something of its own
// (before issue 13 an international move's auto-assigned number did; the emulator no longer has a
// way to), so this is judged on the verification itself.
describe('an apply that ran every operation but did not converge', () => {
  it('exits 4 (rerun to continue), not 1, and says so with what still differs (issue 14 #8)', () => {
    const io = captureIo();
    const fresh = fullPlan();
    const verification = judgeApplied(fresh);
    expect(verification.status).toBe('differs');
    expect(reportVerification(verification, io, false)).toBe(EXIT.incomplete);
    expect(EXIT.incomplete).toBe(4);
    const apiOperations = fresh.operations.filter((op) => !op.manual).length;
    expect(io.stderr).toContain(`Apply finished, but Dialpad still differs from the configuration in ${apiOperations} way(s); run apply again to continue`);
    expect(io.stdout).toContain(fresh.operations.find((op) => !op.manual)!.summary);
  });

  it('exits 0 and says Verified when the fresh plan has no API operation left', () => {
    const io = captureIo();
    expect(reportVerification(judgeApplied(emptyPlan()), io, false)).toBe(EXIT.ok);
    expect(io.stderr).toContain('Verified: Dialpad now matches the configuration.');
  });
});
