/**
 * The action's blast-radius check on pull requests (issue 30), through the composite-action runner
 * (test/support/composite-action.ts) against the emulator and the fake GitHub API over loopback: a
 * change to `users/london.yaml` alone stays in London (no label); moving a London user to New York
 * from that file reaches New York (label, both offices' sections and owners).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFixture } from '../../bench/generate-fixture.js';
import { BENCH_API_KEY, writeMatchingConfig } from '../../bench/write-config.js';
import { createEmulator, parseFixture } from '../../src/emulator/index.js';
import { ROOT } from '../support/cli.js';
import { commitWithOrigin } from '../support/ci-steps.js';
import { runCompositeAction } from '../support/composite-action.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

const exec = promisify(execFile);
const DIALFORM = `node ${join(ROOT, 'dist', 'cmd', 'dialform.js')}`;
const PLAN_MARKER = '<!-- dialform-plan: dialform -->';
/** Offices 0 and 6 of the generated company are both in the US: a move between them stays in one country. */
const KEYS: Record<string, string> = { 'office-01-us': 'london', 'office-07-us': 'new_york' };
const OWNERS: Record<string, string> = { london: '@acme/london-admins', new_york: '@acme/nyc-admins' };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A repository whose main branch holds a config of the generated company with London and New York owned; returns it and the emulator's env. */
async function makeCompany(): Promise<{ repo: string; env: Record<string, string>; gh: FakeGitHub }> {
  const fixture = parseFixture(JSON.stringify(generateFixture({ users: 21, offices: 7, seed: 3, deletedFraction: 0 })), 'generated.json');
  const top = await mkdtemp(join(tmpdir(), 'dialform-owners-action-'));
  const repo = join(top, 'repo');
  const dir = await writeMatchingConfig(fixture, join(repo, 'dialform'));
  for (const [from, to] of Object.entries(KEYS)) await rename(join(dir, 'users', `${from}.yaml`), join(dir, 'users', `${to}.yaml`));
  for (const file of ['dialform.yaml', ...(await readdir(join(dir, 'users'))).map((f) => join('users', f))]) {
    let text = await readFile(join(dir, file), 'utf8');
    for (const [from, to] of Object.entries(KEYS)) text = text.replaceAll(from, to);
    for (const [key, owner] of Object.entries(OWNERS)) text = text.replace(`\n  ${key}:\n`, `\n  ${key}:\n    owners: ["${owner}"]\n`);
    await writeFile(join(dir, file), text);
  }
  await commitWithOrigin(repo);

  const emulator = createEmulator({ fixture });
  const server = await emulator.listen(0);
  closers.push(() => server.close());
  const gh = await startFakeGitHub();
  closers.push(() => gh.close());
  gh.issues.set(7, { number: 7, title: 'London change', body: '', state: 'open', pull_request: {}, comments: [] });
  return { repo, env: { DIALPAD_API_URL: server.url, DIALPAD_API_KEY: BENCH_API_KEY }, gh };
}

/** Commits `change` to users/london.yaml's lines on the pull request's branch. */
async function changeLondon(repo: string, change: (line: string, index: number) => string): Promise<void> {
  const path = join(repo, 'dialform', 'users', 'london.yaml');
  let n = -1;
  const text = (await readFile(path, 'utf8'))
    .split('\n')
    .map((line) => (line.startsWith('  - {') ? change(line, ++n) : line))
    .join('\n');
  await writeFile(path, text);
  await exec('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', 'commit', '-q', '-am', 'change London'], { cwd: repo });
}

async function runPlanJob(company: { repo: string; env: Record<string, string>; gh: FakeGitHub }) {
  const run = await runCompositeAction({
    workspace: company.repo,
    with: { mode: 'plan', config: 'dialform', dialform: DIALFORM },
    env: company.env,
    github: { token: company.gh.token, apiUrl: company.gh.url, eventName: 'pull_request', event: { pull_request: { number: 7 } }, sha: 'b'.repeat(40), runId: 100, baseRef: 'main' },
    artifacts: new Map(),
  });
  const pull = company.gh.issues.get(7);
  return { run, labels: pull?.labels ?? [], comment: pull?.comments.find((c) => c.body.startsWith(PLAN_MARKER))?.body ?? '' };
}

describe('the action checks a pull request’s plan against the offices its files own (issue 30)', () => {
  it('a change to users/london.yaml that stays in London: London’s section, no cross-office label', async () => {
    const company = await makeCompany();
    await changeLondon(company.repo, (line, i) => (i === 0 ? line.replace(/first_name: \w+/, 'first_name: Renamed') : line));
    const { run, labels, comment } = await runPlanJob(company);
    expect(run.outcome, run.log).toBe('success');
    expect(comment).toContain('#### Office `london` — @acme/london-admins');
    expect(comment).not.toContain('#### Office `new_york`');
    expect(comment).toContain('Every operation stays inside what this change');
    expect(labels).toEqual([]);
  }, 240_000);

  it('moving a London user to New York from users/london.yaml: both offices’ sections and owners, and the label', async () => {
    const company = await makeCompany();
    await changeLondon(company.repo, (line, i) => (i === 0 ? line.replace('office: london', 'office: new_york') : line));
    const { run, labels, comment } = await runPlanJob(company);
    expect(run.outcome, run.log).toBe('success');
    expect(comment).toContain('#### Office `london` — @acme/london-admins');
    expect(comment).toContain('#### Office `new_york` — @acme/nyc-admins');
    expect(comment).toMatch(/- op-\d+ .*: reaches office new_york; needs approval of @acme\/nyc-admins/);
    expect(labels).toEqual(['dialform: cross-office']);
  }, 240_000);
});
