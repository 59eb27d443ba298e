import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { startEmulatorForTest } from '../support/emulator.js';

const acme = join(ROOT, 'examples', 'acme');

function git(cwd: string, ...args: string[]): string {
  const author = ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', '-c', 'commit.gpgsign=false'];
  return execFileSync('git', [...author, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: cwd } }).trim();
}

/** Two CI jobs out of order: the newer commit is applied, then the older one must not undo it. */
describe('applying a config older than the one last applied', () => {

  it('refuses the older commit after the newer one was applied (apply -c and apply FILE), exit 1, nothing written; --allow-older-config goes ahead (issue 12 #15)', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const env = running.env;
    const repo = await mkdtemp(join(tmpdir(), 'dialform-order-'));
    await cp(acme, join(repo, 'dialform'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', 'dialform');
    git(repo, 'commit', '-q', '-m', 'A: with Frances');
    const a = git(repo, 'rev-parse', 'HEAD');
    const nyc = join(repo, 'dialform', 'users', 'nyc.yaml');
    const withFrances = await readFile(nyc, 'utf8');
    await writeFile(nyc, withFrances.split('\n').filter((line) => !line.includes('frances.allen@acme.com')).join('\n'));
    git(repo, 'commit', '-q', '-am', 'B: Frances leaves (unmanaged_users: delete)');
    const b = git(repo, 'rev-parse', 'HEAD');

    const applyB = await runCli(['apply', '-c', 'dialform', '--auto-approve'], { cwd: repo, env });
    expect(applyB.code, applyB.stdout + applyB.stderr).toBe(0);
    const frances = () => running?.emulator.snapshot().users.find((u) => u.emails?.[0] === 'frances.allen@acme.com');
    expect(frances()?.state).toBe('deleted');
    const journal = await readFile(join(repo, '.dialform', 'journal.jsonl'), 'utf8');
    expect(journal).toContain(`"record":"applied_config","plan":`);
    expect(journal).toContain(`"commit":"${b}"`);

    git(repo, 'checkout', '-q', a);
    const emulator = running.emulator;
    // What Dialpad holds, without the emulator's clock (it moves on by itself).
    const state = () => JSON.stringify({ ...emulator.snapshot(), clock: undefined });
    const before = state();
    const applyA = await runCli(['apply', '-c', 'dialform', '--auto-approve'], { cwd: repo, env });
    expect(applyA.code).toBe(1);
    expect(applyA.stderr).toContain(`this config (commit ${a.slice(0, 12)}) is older than the one last applied (commit ${b.slice(0, 12)}, at `);
    expect(applyA.stderr).toContain('pass --allow-older-config to apply it deliberately');
    expect(applyA.stdout).toBe('');
    expect(state()).toBe(before);

    // A plan saved from the older commit is refused the same way.
    expect((await runCli(['plan', '-c', 'dialform', '--out', 'plan.json'], { cwd: repo, env })).code).toBe(0);
    const saved = await runCli(['apply', 'plan.json', '-c', 'dialform', '--auto-approve'], { cwd: repo, env });
    expect(saved.code).toBe(1);
    expect(saved.stderr).toContain(`this config (commit ${a.slice(0, 12)}) is older than the one last applied`);
    expect(state()).toBe(before);

    const deliberate = await runCli(['apply', '-c', 'dialform', '--auto-approve', '--allow-older-config'], { cwd: repo, env });
    expect(deliberate.stderr).toContain('Applying deliberately (--allow-older-config)');
    // Past the refusal: the plan brings Frances back (restoring a deleted user is a manual step).
    expect(deliberate.code, deliberate.stdout + deliberate.stderr).toBe(4);
    expect(deliberate.stdout).toContain('restore deleted user frances.allen@acme.com');
  });
});
