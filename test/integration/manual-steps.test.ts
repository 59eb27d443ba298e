import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
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

function git(cwd: string, ...args: string[]): string {
  const author = ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', '-c', 'commit.gpgsign=false'];
  return execFileSync('git', [...author, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: cwd } }).trim();
}

/** The license-transfer company as it is live, with analytics declared for Ann and Cat. */
async function writeAnalyticsConfig(dir: string): Promise<void> {
  const text = (await readFile(join(transfer, 'config.yaml'), 'utf8'))
    .replace('first_name: Benjamin', 'first_name: Ben')
    .replace('talk: 5 }', 'talk: 6 }')
    .replace('talk: 3 }', 'talk: 2 }')
    .split('\n')
    .filter((line) => !line.includes('f@transfer.example'))
    .map((line) => (line.includes('a@transfer.example') || line.includes('c@transfer.example') ? line.replace(' }', ', analytics: true }') : line))
    .join('\n');
  await mkdir(join(dir, 'dialform'), { recursive: true });
  await writeFile(join(dir, 'dialform', 'dialform.yaml'), text);
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

  it('waits in the CI apply after a merge for an analytics grant, one bulk step; confirmed once, a fresh checkout is not asked again (issue 14 #2)', async () => {
    const running = await startEmulatorForTest(join(transfer, 'fixture.json'));
    const env = running.env;
    const repo = await mkdtemp(join(tmpdir(), 'dialform-confirm-'));
    await writeAnalyticsConfig(repo);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', 'dialform');
    git(repo, 'commit', '-q', '-m', 'Ann and Cat get analytics');

    // The apply after the merge (no --base): the grant is neither dropped nor reported as done.
    const first = await runCli(['apply', '-c', 'dialform', '--auto-approve'], { cwd: repo, env });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toMatch(/Manual step grant_analytics \(op-1, op-2; apply waits until it is confirmed\), for 2 user\(s\):/);
    expect(first.stdout).toContain('a@transfer.example');
    expect(first.stdout).toContain('c@transfer.example');
    expect(first.stdout).toContain('Add analytics permissions (one bulk action)');
    expect(first.stderr).not.toContain('Verified');

    const listed = await runCli(['confirm', '-c', 'dialform'], { cwd: repo, env });
    expect(listed.stdout).toBe('grant_analytics: a@transfer.example, c@transfer.example\n');
    const wrong = await runCli(['confirm', 'transfer_licenses', '-c', 'dialform'], { cwd: repo, env });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("transfer_licenses is verified through Dialpad's API");
    const confirm = await runCli(['confirm', 'grant_analytics', '-c', 'dialform'], { cwd: repo, env });
    expect(confirm.code, confirm.stderr).toBe(0);
    expect(confirm.stderr).toContain('Recorded 2 confirmation(s) in');
    git(repo, 'add', 'dialform');
    git(repo, 'commit', '-q', '-m', 'confirm the analytics grants');

    // A fresh CI checkout: a new clone, no journal, no emulator state but Dialpad's.
    const ci = await mkdtemp(join(tmpdir(), 'dialform-ci-'));
    git(ci, 'clone', '-q', repo, 'checkout');
    const clone = join(ci, 'checkout');
    const second = await runCli(['apply', '-c', 'dialform', '--auto-approve'], { cwd: clone, env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout + second.stderr).not.toContain('analytics');
    expect((await runCli(['plan', '-c', 'dialform', '--detailed-exitcode'], { cwd: clone, env })).code).toBe(0);

    // Taking Ann's away is a revoke that says remove, and only her change is shown.
    const yaml = join(clone, 'dialform', 'dialform.yaml');
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace(/(a@transfer\.example.*)analytics: true/, '$1analytics: false'));
    const revoke = await runCli(['plan', '-c', 'dialform'], { cwd: clone, env });
    expect(revoke.stdout).toContain('revoke analytics from a@transfer.example');
    expect(revoke.stdout).toContain('Remove analytics permissions');
    expect(revoke.stdout).not.toContain('Add analytics');
    expect(revoke.stdout).not.toContain('c@transfer.example');
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
