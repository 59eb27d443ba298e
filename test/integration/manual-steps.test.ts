import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { startEmulatorForTest } from '../support/emulator.js';

const transfer = join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer');

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

/** Manual steps over HTTP against the emulator: their lifecycle across separate runs (issue 14). The CI run across git commits is here; the rest run the CLI in-process (test/unit/manual-steps.test.ts). */
describe('manual steps', () => {

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

});
