import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const transfer = join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer');
/** Alan was deleted 18 h before the fixture's clock and is back in config: a manual restore. */
const restored = join(ROOT, 'test', 'golden', 'recently-deleted-user-restored');
const THREE_DAYS = 72 * 3600;

/** The license-transfer scenario without Ben's rename: the plan's first operation is the manual transfer. */
async function writeTransferOnlyConfig(dir: string): Promise<string> {
  const text = (await readFile(join(transfer, 'config.yaml'), 'utf8')).replace('first_name: Benjamin', 'first_name: Ben');
  const path = join(dir, 'dialform.yaml');
  await writeFile(path, text);
  return path;
}

/** Manual steps over HTTP against the emulator: their lifecycle across separate runs (issue 14). */
describe('manual steps', () => {

  it('resumes a saved plan whose first operation is a manual transfer, done after the first apply (issue 14 #1)', async () => {
    const running = await startEmulatorForTest(join(transfer, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-manual-'));
    const config = ['-c', await writeTransferOnlyConfig(cwd)];
    const env = running.env;
    expect((await runCli(['plan', ...config, '--out', 'plan.json'], { cwd, env })).code).toBe(0);

    const first = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toContain('Transfer Licenses');

    await running.console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    const second = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stderr).not.toContain('no longer needed');
    expect(running.emulator.snapshot().users.some((u) => u.emails?.[0] === 'f@transfer.example')).toBe(true);
  });

  it('resumes a saved plan whose manual transfer was done before its first apply (issue 14 #1)', async () => {
    const running = await startEmulatorForTest(join(transfer, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-manual-'));
    const config = ['-c', await writeTransferOnlyConfig(cwd)];
    const env = running.env;
    expect((await runCli(['plan', ...config, '--out', 'plan.json'], { cwd, env })).code).toBe(0);

    await running.console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    const apply = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(running.emulator.snapshot().users.some((u) => u.emails?.[0] === 'f@transfer.example')).toBe(true);
  });

  it('turns a restore whose window passed while apply waited into an explicit choice, never a silent new account (issue 14 #3)', async () => {
    const running = await startEmulatorForTest(join(restored, 'fixture.json'));
    const env = running.env;
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-restore-'));
    const yaml = join(cwd, 'dialform.yaml');
    await writeFile(yaml, await readFile(join(restored, 'config.yaml'), 'utf8'));

    const first = await runCli(['apply', '-c', yaml, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toContain('restore deleted user alan.turing@acme.com');

    // Nobody restores Alan: three days later Dialpad has anonymized the account.
    await running.console('clock', { advance_seconds: THREE_DAYS });
    const plan = await runCli(['plan', '-c', yaml], { cwd, env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(3);
    expect(plan.stdout).toContain('error restore_window_expired');
    const second = await runCli(['apply', '-c', yaml, '--auto-approve'], { cwd, env });
    expect(second.code, second.stdout + second.stderr).toBe(3);
    expect(second.stdout).toContain('is no longer restorable');
    expect(second.stdout).toContain('add allow_new_account: true to the entry');
    expect(running.emulator.snapshot().users.filter((u) => u.emails?.[0] === 'alan.turing@acme.com')).toEqual([]);

    // The way out, in config: a new account, its history lost, said as a warning.
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace("alan.turing@acme.com, first_name: Alan, last_name: Turing, office: hq, license: talk }", "alan.turing@acme.com, first_name: Alan, last_name: Turing, office: hq, license: talk, allow_new_account: true }"));
    const third = await runCli(['apply', '-c', yaml, '--auto-approve'], { cwd, env });
    expect(third.code, third.stdout + third.stderr).toBe(0);
    expect(third.stdout).toContain('warning restore_window_expired');
    expect(running.emulator.snapshot().users.filter((u) => u.emails?.[0] === 'alan.turing@acme.com' && u.state === 'active')).toHaveLength(1);

    // The choice is made: the wait is over, and the key is no longer needed.
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace(', allow_new_account: true', ''));
    const after = await runCli(['plan', '-c', yaml, '--detailed-exitcode'], { cwd, env });
    expect(after.code, after.stdout).toBe(0);
  });

  it("calls a saved plan's restore no longer possible, not no longer needed, once its window passed (issue 14 #3)", async () => {
    const running = await startEmulatorForTest(join(restored, 'fixture.json'));
    const env = running.env;
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-restore-saved-'));
    const config = ['-c', join(restored, 'config.yaml')];
    expect((await runCli(['plan', ...config, '--out', 'plan.json'], { cwd, env })).code).toBe(0);
    await running.console('clock', { advance_seconds: THREE_DAYS });
    const apply = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(1);
    expect(apply.stderr).toMatch(/no longer possible: restore_user .*alan\.turing@acme\.com/);
    expect(apply.stderr).not.toContain('no longer needed');
  });
});
