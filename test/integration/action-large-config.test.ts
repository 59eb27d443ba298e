/**
 * The action's committed bundle on a config large enough that the CLI would load it in a worker
 * thread (issue 31: `loadConfigBeside` from 1 MiB, numbers read beside from 2,000): the bundle is
 * one file with no worker beside it, so both loads must fall back to the calling thread and the
 * plan job, run from action.yml as a runner evaluates it (default `dialform:` input, the bundle),
 * must still plan the pull request's change. Real HTTP to the emulator and the fake GitHub API.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFixture } from '../../bench/generate-fixture.js';
import { BENCH_API_KEY, writeMatchingConfig } from '../../bench/write-config.js';
import { WORKER_MIN_BYTES } from '../../src/config/load-config-beside.js';
import { createEmulator, parseFixture } from '../../src/emulator/index.js';
import { ROOT } from '../support/cli.js';
import { commitWithOrigin } from '../support/ci-steps.js';
import { runCompositeAction } from '../support/composite-action.js';
import { startFakeGitHub } from '../support/fake-github.js';

const exec = promisify(execFile);
const PLAN_MARKER = '<!-- dialform-plan: dialform -->';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function configBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true })) {
    const info = await stat(join(dir, entry));
    if (info.isFile()) total += info.size;
  }
  return total;
}

describe("the action's bundle plans a config of over 1 MiB (issue 31: loads without a worker file)", () => {
  it('runs the plan job from action.yml with the default dialform input and comments the change', async () => {
    expect(existsSync(join(ROOT, 'action', 'dist', 'load-config-worker.js'))).toBe(false);
    const fixture = parseFixture(JSON.stringify(generateFixture({ users: 9_000, offices: 6, seed: 31, deletedFraction: 0 })), 'generated.json');
    const top = await mkdtemp(join(tmpdir(), 'dialform-action-large-'));
    const repo = join(top, 'repo');
    const dir = await writeMatchingConfig(fixture, join(repo, 'dialform'));
    expect(await configBytes(dir)).toBeGreaterThanOrEqual(WORKER_MIN_BYTES);

    await commitWithOrigin(repo);
    const usersFile = join(dir, 'users', (await readdir(join(dir, 'users'))).sort()[0] as string);
    const text = await readFile(usersFile, 'utf8');
    await writeFile(usersFile, text.replace(/first_name: \w+/, 'first_name: Renamedperson'));
    await exec('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', 'commit', '-q', '-am', 'rename one person'], { cwd: repo });

    const server = await createEmulator({ fixture }).listen(0);
    closers.push(() => server.close());
    const gh = await startFakeGitHub();
    closers.push(() => gh.close());
    gh.issues.set(7, { number: 7, title: 'Rename', body: '', state: 'open', pull_request: {}, comments: [] });

    const run = await runCompositeAction({
      workspace: repo,
      with: { mode: 'plan', config: 'dialform' },
      env: { DIALPAD_API_URL: server.url, DIALPAD_API_KEY: BENCH_API_KEY },
      github: { token: gh.token, apiUrl: gh.url, eventName: 'pull_request', event: { pull_request: { number: 7 } }, sha: 'b'.repeat(40), runId: 100, baseRef: 'main' },
      artifacts: new Map(),
    });
    expect(run.outcome, run.log).toBe('success');
    const comment = gh.issues.get(7)?.comments.find((c) => c.body.startsWith(PLAN_MARKER))?.body ?? '';
    expect(comment).toContain('**Plan: 0 to create, 1 to update, 0 to delete**');
    expect(comment).toMatch(/`first_name`: `\w+` → `Renamedperson`/);
    expect(run.log).not.toContain(BENCH_API_KEY);
  }, 300_000);
});
