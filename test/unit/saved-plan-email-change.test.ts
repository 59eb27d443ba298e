import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest, type RunningEmulator } from '../support/emulator.js';

const scenario = join(ROOT, 'test', 'golden', 'email-change-via-previous-emails');
const config = ['-c', join(scenario, 'config.yaml')];
const ALAN = '7200000000000002';
const GRACE = '7200000000000001';

const emailsOf = (running: RunningEmulator, id: string) => running.emulator.snapshot().users.find((u) => u.id === id)?.emails;

async function planToFile(running: RunningEmulator): Promise<{ cwd: string; fingerprint: string }> {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-email-change-'));
  const plan = await runCli(['plan', ...config, '--out', 'plan.json'], { cwd, env: running.env });
  expect(plan.code, plan.stderr).toBe(0);
  expect(plan.stdout).toContain('email: alan.turing@acme.com → alan@acme.com');
  const fingerprint = /Fingerprint: (sha256:[0-9a-f]{64})/.exec(plan.stdout)?.[1];
  expect(fingerprint).toBeDefined();
  return { cwd, fingerprint: fingerprint as string };
}

/**
 * A saved plan names a user whose email it changes by the new email (the config's), while Dialpad
 * still holds the old one under the same id. The saved-plan target check took that for an edited
 * plan and refused every email change with `plan_untrusted`, so the review loop could not apply one.
 */
describe('a saved plan that changes an email through previous_emails', () => {
  it('applies, and Dialpad then holds the new email', async () => {
    const running = await startEmulatorForTest(join(scenario, 'fixture.json'));
    const { cwd } = await planToFile(running);

    const apply = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env: running.env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 1 done, 0 failed');
    expect(emailsOf(running, ALAN)).toEqual(['alan@acme.com']);

    const after = await runCli(['plan', ...config, '--detailed-exitcode'], { cwd, env: running.env });
    expect(after.code, after.stdout).toBe(0);
  });

  it('applies under --expect-fingerprint, as the review loop runs it', async () => {
    const running = await startEmulatorForTest(join(scenario, 'fixture.json'));
    const { cwd, fingerprint } = await planToFile(running);

    const apply = await runCli(['apply', 'plan.json', ...config, '--auto-approve', '--expect-fingerprint', fingerprint], { cwd, env: running.env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(emailsOf(running, ALAN)).toEqual(['alan@acme.com']);
  });

  it('still refuses the plan when its target id is edited to another user, and writes nothing', async () => {
    const running = await startEmulatorForTest(join(scenario, 'fixture.json'));
    const { cwd } = await planToFile(running);
    const saved = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8'));
    expect(saved.operations[0].target).toMatchObject({ id: ALAN, email: 'alan@acme.com' });
    saved.operations[0].target.id = GRACE;
    await writeFile(join(cwd, 'plan.json'), JSON.stringify(saved));
    const before = JSON.stringify(running.emulator.snapshot().users);

    const apply = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env: running.env });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('plan_untrusted');
    expect(apply.stderr).toContain(`names user alan@acme.com (id ${GRACE}), but id ${GRACE} is the live user grace.hopper@acme.com`);
    expect(JSON.stringify(running.emulator.snapshot().users)).toBe(before);
  });
});
