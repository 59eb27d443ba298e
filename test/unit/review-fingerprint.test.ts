import { mkdtemp, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import { validatePlanDocument } from '../../src/plan/plan-file.js';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest, type RunningEmulator } from '../support/emulator.js';

const acme = join(ROOT, 'examples', 'acme');
const transfer = join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer');

async function fingerprintOf(args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const plan = await runCli(['plan', ...args, '--format', 'json'], { cwd, env });
  return (JSON.parse(plan.stdout) as { fingerprint: string }).fingerprint;
}

/** Renames a user in Dialpad behind dialform's back (as in Dialpad's UI). */
async function renameInDialpad(running: RunningEmulator, email: string, firstName: string): Promise<void> {
  const target = running.emulator.snapshot().users.find((u) => u.emails?.[0] === email);
  const res = await fetch(`${running.url}/api/v2/users/${target?.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${running.env.DIALPAD_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ first_name: firstName }),
  });
  expect(res.status).toBe(200);
}

/** The emulated company, without its clock (which moves on its own). */
function companyState(running: RunningEmulator): string {
  const { clock: _clock, ...company } = running.emulator.snapshot();
  return JSON.stringify(company);
}

/** `apply --expect-fingerprint` (docs/review-loop.md): what merges is what was reviewed. */
describe('apply --expect-fingerprint', () => {
  it('applies the plan with the reviewed fingerprint', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-fp-'));
    const env = running.env;
    const reviewed = await fingerprintOf(['-c', acme], cwd, env);
    const text = await runCli(['plan', '-c', acme], { cwd, env });
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(`Fingerprint: ${reviewed}`);

    const apply = await runCli(['apply', '-c', acme, '--auto-approve', '--expect-fingerprint', reviewed], { cwd, env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stderr).toContain('Verified: Dialpad now matches the configuration.');
  });

  it('writes nothing and fails with plan_changed when Dialpad changed so that the plan gains an operation; --out saves the new plan', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-fp-changed-'));
    const env = running.env;
    const reviewed = await fingerprintOf(['-c', acme], cwd, env);
    // Grace is as config wants her: renaming her in Dialpad adds an update to the plan.
    await renameInDialpad(running, 'grace.hopper@acme.com', 'Gracie');
    const before = companyState(running);

    const apply = await runCli(['apply', '-c', acme, '--auto-approve', '--expect-fingerprint', reviewed, '--out', 'fresh.json'], { cwd, env });
    expect(apply.code).toBe(ERROR_CODES.plan_changed);
    expect(apply.code).toBe(EXIT.error);
    expect(companyState(running)).toBe(before);
    expect(apply.stderr).toContain(`expected fingerprint ${reviewed}`);
    expect(apply.stderr).toMatch(/update_user .*grace\.hopper@acme\.com/);
    expect(apply.stderr).toContain('Nothing was applied.');

    const fresh = JSON.parse(await readFile(join(cwd, 'fresh.json'), 'utf8')) as { fingerprint: string };
    expect(validatePlanDocument(fresh)).toEqual([]);
    expect(fresh.fingerprint).not.toBe(reviewed);
    expect(apply.stderr).toContain(`the plan now has ${fresh.fingerprint}`);
    expect(fresh.fingerprint).toBe(await fingerprintOf(['-c', acme], cwd, env));

    // The new plan, reviewed in turn, applies.
    const again = await runCli(['apply', '-c', acme, '--auto-approve', '--expect-fingerprint', fresh.fingerprint], { cwd, env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it('refuses a saved plan FILE that is not the reviewed one, and writes no --out when the fresh plan is the reviewed one', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-fp-file-'));
    const env = running.env;
    expect((await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env })).code).toBe(0);
    const saved = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8')) as { fingerprint: string };
    const other = `sha256:${'0'.repeat(64)}`;
    const before = companyState(running);
    const wrong = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve', '--expect-fingerprint', other, '--out', 'fresh.json'], { cwd, env });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`expected fingerprint ${other}, the plan now has ${saved.fingerprint}`);
    expect(companyState(running)).toBe(before);
    expect(existsSync(join(cwd, 'fresh.json'))).toBe(true);

    const right = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve', '--expect-fingerprint', saved.fingerprint], { cwd, env });
    expect(right.code, right.stdout + right.stderr).toBe(0);
  });

  it('refuses a malformed fingerprint and --out without --expect-fingerprint before reading anything', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-fp-usage-'));
    const bad = await runCli(['apply', '-c', acme, '--auto-approve', '--expect-fingerprint', 'abc'], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--expect-fingerprint must be sha256:');
    const out = await runCli(['apply', '-c', acme, '--auto-approve', '--out', 'x.json'], { cwd });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('needs --expect-fingerprint');
  });

  it('finishes a reviewed plan whose apply waited for a manual step (the journal records it), but not one that gained an operation', async () => {
    const running = await startEmulatorForTest(join(transfer, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-fp-resume-'));
    const args = ['-c', join(transfer, 'config.yaml')];
    const env = running.env;
    const reviewed = await fingerprintOf(args, cwd, env);

    const first = await runCli(['apply', ...args, '--auto-approve', '--expect-fingerprint', reviewed], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(EXIT.incomplete);
    const journal = await readFile(join(cwd, '.dialform', 'journal.jsonl'), 'utf8');
    expect(journal).toContain(`"record":"plan_started","plan"`);
    // The record of the reviewed plan holds digests only; operation lines name their subject (for `status`).
    expect(journal.split('\n').find((line) => line.includes('"record":"plan_started"'))).not.toContain('transfer.example');

    await running.console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    // What is left (the new hire) is part of the reviewed plan; an unreviewed rename is not.
    await renameInDialpad(running, 'a@transfer.example', 'Annie');
    const before = companyState(running);
    const changed = await runCli(['apply', ...args, '--auto-approve', '--expect-fingerprint', reviewed], { cwd, env });
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('not among what is left of the reviewed plan');
    expect(changed.stderr).toMatch(/update_user .*a@transfer\.example/);
    expect(companyState(running)).toBe(before);

    await renameInDialpad(running, 'a@transfer.example', 'Ann');
    const second = await runCli(['apply', ...args, '--auto-approve', '--expect-fingerprint', reviewed], { cwd, env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stderr).toContain('Finishing the reviewed plan an earlier apply started');
    expect(running.emulator.snapshot().users.some((u) => u.emails?.[0] === 'f@transfer.example')).toBe(true);
  });
});
