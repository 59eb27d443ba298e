import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { actionsEnv, startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

const SCRIPT = join(ROOT, 'action', 'github.mjs');

/** Runs `action/github.mjs ...args` as the action does, against the fake GitHub. */
function github(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [SCRIPT, ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the action script against a fake GitHub API (issue 16 #1)', () => {
  let gh: FakeGitHub;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    dir = await mkdtemp(join(tmpdir(), 'dialform-action-'));
    env = actionsEnv(gh, dir);
    await writeFile(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
    await writeFile(join(dir, 'summary.md'), '');
    await writeFile(join(dir, 'output.txt'), '');
    // A busy pull request: the plan comment will be on the second page of 100.
    gh.issues.set(7, { number: 7, title: 'change phones', body: '', state: 'open', pull_request: {}, comments: [] });
    for (let i = 0; i < 120; i += 1) gh.issues.get(7)?.comments.push({ id: i + 1, body: `review comment ${i}` });
  });
  afterEach(() => gh.close());

  async function plan(text: string): Promise<string> {
    const file = join(dir, `plan-${Math.random()}.md`);
    await writeFile(file, text);
    return file;
  }

  it('creates the sticky comment, then updates the same one; one comment per config path (issue 16 #1)', async () => {
    const first = await github(['comment', '--body-file', await plan('<!-- dialform-plan -->\nfirst'), '--config', 'dialform'], env);
    expect(first.code, first.stderr).toBe(0);
    const second = await github(['comment', '--body-file', await plan('<!-- dialform-plan -->\nsecond'), '--config', 'dialform'], env);
    expect(second.code, second.stderr).toBe(0);
    const other = await github(['comment', '--body-file', await plan('<!-- dialform-plan -->\nstaging'), '--config', 'staging/dialform'], env);
    expect(other.code, other.stderr).toBe(0);

    const mine = gh.issues.get(7)?.comments.filter((c) => c.body.includes('dialform-plan')) ?? [];
    expect(mine.map((c) => c.user?.login)).toEqual(['github-actions[bot]', 'github-actions[bot]']);
    expect(mine.map((c) => c.body.split('\n')[0])).toEqual(['<!-- dialform-plan: dialform -->', '<!-- dialform-plan: staging/dialform -->']);
    expect(mine[0]?.body).toContain('second');
    expect(mine[0]?.body).not.toContain('first');
    expect(gh.issues.get(7)?.comments).toHaveLength(122);
    expect(gh.requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(1);
  });

  it('shortens a plan over 65,536 characters and points at the summary and artifact (issue 16 #1)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `- \`~\` **op-${i + 1}** update user${i}@acme.com: license`);
    const body = ['<!-- dialform-plan -->', '### dialform plan', '<details><summary>HQ</summary>', '', ...rows, '</details>', '**Plan: 0 to create**'].join('\n');
    expect(body.length).toBeGreaterThan(65_536);
    const result = await github(['comment', '--body-file', await plan(body), '--config', 'dialform'], env);
    expect(result.code, result.stderr).toBe(0);
    const posted = gh.issues.get(7)?.comments.at(-1)?.body ?? '';
    expect(posted.length).toBeLessThanOrEqual(65_536);
    expect(posted.startsWith('<!-- dialform-plan: dialform -->\n<!-- dialform-plan -->')).toBe(true);
    expect(posted).toContain('**Truncated**');
    expect(posted).toContain('the job summary and the `dialform-plan` artifact of [this run](https://github.example/acme/phones/actions/runs/4242)');
    expect(posted.match(/<details>/g)?.length).toBe(posted.match(/<\/details>/g)?.length);
    expect(posted).toMatch(/op-\d+\*\* update user\d+@acme\.com: license\n<\/details>\n\n---\n\*\*Truncated/);
  });

  it('opens one drift issue, updates it, and closes it when Dialpad matches again (issue 16 #1)', async () => {
    const drifted = await plan('<!-- dialform-plan -->\n1 to update');
    expect((await github(['drift', '--body-file', drifted, '--config', 'dialform', '--exitcode', '2'], env)).code).toBe(0);
    expect((await github(['drift', '--body-file', drifted, '--config', 'dialform', '--exitcode', '2'], env)).code).toBe(0);
    const opened = [...gh.issues.values()].filter((i) => !i.pull_request);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ state: 'open', title: 'dialform: Dialpad has drifted from dialform' });
    expect(opened[0]?.body.startsWith('<!-- dialform-drift: dialform -->')).toBe(true);

    const clean = await github(['drift', '--body-file', await plan('no changes'), '--config', 'dialform', '--exitcode', '0'], env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('closed issue #2');
    expect(opened[0]?.state).toBe('closed');
    expect(opened[0]?.comments[0]?.body).toContain('matches the default branch again');
    const again = await github(['drift', '--body-file', await plan('no changes'), '--config', 'dialform', '--exitcode', '0'], env);
    expect(again.stdout).toContain('No drift');
  });

  it('sets outputs, annotates violations and lists waiting manual steps in the summary (issue 16 #1)', async () => {
    const planJson = join(dir, 'plan.json');
    await writeFile(
      planJson,
      JSON.stringify({
        fingerprint: `sha256:${'f'.repeat(64)}`,
        summary: { create: 1, update: 0, delete: 0, move: 0, manual: 1, blocked: true },
        operations: [
          { id: 'op-1', manual: false, summary: 'create user a@acme.com', notes: [], source: 'dialform/users.yaml:12' },
          { id: 'op-2', manual: true, summary: 'grant analytics to a@acme.com (manual)', notes: ['Admin Settings › Users: tick Charting Data'] },
        ],
        violations: [
          { code: 'protected_user', severity: 'error', message: 'ceo@acme.com is protected\nway out', operation_ids: [] },
          { code: 'new_user_number', severity: 'warning', message: 'a@acme.com gets a number', operation_ids: ['op-2', 'op-1'] },
        ],
      }),
    );
    const out = await github(['outputs', '--plan', planJson, '--exitcode', '3'], env);
    expect(out.stdout).toContain('::error title=dialform protected_user::ceo@acme.com is protected%0Away out');
    expect(await readFile(join(dir, 'output.txt'), 'utf8')).toBe(
      `exitcode=3\nhas_changes=true\nblocked=true\nsummary={"create":1,"update":0,"delete":0,"move":0,"manual":1}\nfingerprint=sha256:${'f'.repeat(64)}\n`,
    );
    const manual = await github(['manual', '--plan', planJson], env);
    expect(manual.stdout).toContain('1 manual step(s) waiting');
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('- **op-2** grant analytics to a@acme.com (manual)\n  - Admin Settings › Users: tick Charting Data');
    expect(summary).not.toContain('op-1');
  });

  it('annotates a violation at the config line of its operation (issue 24 #5)', async () => {
    const planJson = join(dir, 'plan.json');
    await writeFile(
      planJson,
      JSON.stringify({
        summary: { create: 1, update: 0, delete: 0, move: 0, manual: 0, blocked: false },
        operations: [{ id: 'op-1', manual: false, summary: 'create user a@acme.com', notes: [], source: 'dialform/users.yaml:12' }],
        violations: [{ code: 'new_user_number', severity: 'warning', message: 'a@acme.com gets a number', operation_ids: ['op-1'] }],
      }),
    );
    const out = await github(['outputs', '--plan', planJson, '--exitcode', '2'], env);
    expect(out.stdout).toContain('::warning file=dialform/users.yaml,line=12,title=dialform new_user_number::a@acme.com gets a number');
  });

  it('turns a failed validate into file/line/col annotations, a report and outputs (issue 24 #5)', async () => {
    const log = join(dir, 'validate.log');
    await writeFile(log, 'dialform/a.yaml:3:5: users[0] is missing required property "office"\ndialform/a.yaml:4:5: unknown property "bogus"\n2 problems found.\n');
    const body = join(dir, 'failure.md');
    const result = await github(['errors', '--what', 'dialform validate', '--log', log, '--exitcode', '1', '--body-file', body], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('::error file=dialform/a.yaml,line=3,col=5,title=dialform validate::users[0] is missing required property "office"');
    expect(result.stdout).toContain('::error file=dialform/a.yaml,line=4,col=5,title=dialform validate::unknown property "bogus"');
    expect(await readFile(body, 'utf8')).toContain('- `dialform/a.yaml:4:5` unknown property "bogus"');
    expect(await readFile(join(dir, 'output.txt'), 'utf8')).toBe('exitcode=1\nhas_changes=false\nblocked=false\nsummary={}\nfingerprint=\n');

    // The JSON error document (validate --format json) wins over the log when there is one.
    const json = join(dir, 'validate.json');
    await writeFile(json, JSON.stringify({ error: { code: 'config_invalid', message: '1 problem', problems: [{ file: 'dialform/b.yaml', line: 7, col: 2, message: 'bad, very: bad' }] } }));
    const fromJson = await github(['errors', '--what', 'dialform validate', '--log', log, '--json', json, '--exitcode', '1', '--body-file', body], env);
    expect(fromJson.stdout).toContain('::error file=dialform/b.yaml,line=7,col=2,title=dialform validate::bad, very: bad');
    expect(fromJson.stdout).not.toContain('a.yaml');
  });

  it('adopts only its own comment: one with the marker written by someone else is left alone (issue 24 #5)', async () => {
    const marker = '<!-- dialform-plan: dialform -->';
    gh.issues.get(7)?.comments.push({ id: 500, body: `${marker}\nplanted by someone else`, user: { login: 'mallory' } });
    const first = await github(['comment', '--body-file', await plan('the real plan'), '--config', 'dialform'], env);
    expect(first.code, first.stderr).toBe(0);
    const planted = gh.issues.get(7)?.comments.find((c) => c.id === 500);
    expect(planted?.body).toBe(`${marker}\nplanted by someone else`);
    const ours = gh.issues.get(7)?.comments.filter((c) => c.user?.login === 'github-actions[bot]') ?? [];
    expect(ours.map((c) => c.body)).toEqual([`${marker}\nthe real plan`]);

    // A personal token: its own login (GET /user) is the author it adopts.
    const pat = { ...env, GITHUB_TOKEN: gh.patToken };
    await github(['comment', '--body-file', await plan('as ops, first'), '--config', 'dialform'], pat);
    await github(['comment', '--body-file', await plan('as ops, second'), '--config', 'dialform'], pat);
    const byOps = gh.issues.get(7)?.comments.filter((c) => c.user?.login === 'dialform-ops') ?? [];
    expect(byOps.map((c) => c.body)).toEqual([`${marker}\nas ops, second`]);
    expect(ours[0]?.body).toBe(`${marker}\nthe real plan`);
  });

  it('keeps the fingerprint line when it shortens a long plan (issue 24 #2)', async () => {
    const fingerprint = `<!-- dialform:fingerprint sha256:${'a'.repeat(64)} -->`;
    const rows = Array.from({ length: 3000 }, (_, i) => `- **op-${i + 1}** update user${i}@acme.com: license`);
    const result = await github(['comment', '--body-file', await plan([...rows, fingerprint].join('\n')), '--config', 'dialform'], { ...env, ARTIFACT_NAME: 'phones-plan' });
    expect(result.code, result.stderr).toBe(0);
    const posted = gh.issues.get(7)?.comments.at(-1)?.body ?? '';
    expect(posted.length).toBeLessThanOrEqual(65_536);
    expect(posted).toContain('the job summary and the `phones-plan` artifact of [this run]');
    expect(posted.trimEnd().endsWith(fingerprint)).toBe(true);
  });

  it('finds the fingerprint reviewed on the merged pull request in its own plan comment only (issue 24 #1)', async () => {
    gh.merges.set('a'.repeat(40), { number: 7, head: 'b'.repeat(40) });
    const marker = '<!-- dialform-plan: dialform -->';
    const reviewedFp = `sha256:${'1'.repeat(64)}`;
    gh.issues.get(7)?.comments.push(
      { id: 600, body: `${marker}\nplan\n<!-- dialform:fingerprint ${reviewedFp} -->`, user: { login: 'github-actions[bot]' } },
      { id: 601, body: `${marker}\nplanted\n<!-- dialform:fingerprint sha256:${'2'.repeat(64)} -->`, user: { login: 'mallory' } },
    );
    const found = await github(['reviewed', '--config', 'dialform'], env);
    expect(found.code, found.stderr).toBe(0);
    expect(await readFile(join(dir, 'output.txt'), 'utf8')).toBe(`pull=7\nfingerprint=${reviewedFp}\n`);
  });

  it('does not take a plan comment rewritten after the merge (a re-run of the plan job) as the reviewed plan (issue 24 #1)', async () => {
    gh.merges.set('a'.repeat(40), { number: 7, head: 'b'.repeat(40), merged_at: '2026-11-28T12:00:00Z' });
    const marker = '<!-- dialform-plan: dialform -->';
    gh.issues.get(7)?.comments.push({
      id: 602,
      body: `${marker}\nplan\n<!-- dialform:fingerprint sha256:${'3'.repeat(64)} -->`,
      user: { login: 'github-actions[bot]' },
      updated_at: '2026-11-28T12:05:00Z',
    });
    const found = await github(['reviewed', '--config', 'dialform'], env);
    expect(found.code, found.stderr).toBe(0);
    expect(await readFile(join(dir, 'output.txt'), 'utf8')).toBe('pull=7\n');
    expect(found.stdout).toContain('No plan comment or plan artifact on #7.');
  });

  it('falls back to the run holding the plan artifact, skipping runs without it (issue 16 #1)', async () => {
    gh.merges.set('a'.repeat(40), { number: 7, head: 'b'.repeat(40) });
    gh.runs.push(
      { id: 30, head_sha: 'b'.repeat(40), event: 'pull_request', conclusion: 'failure', artifacts: [{ name: 'dialform-plan', expired: false }] },
      { id: 20, head_sha: 'b'.repeat(40), event: 'pull_request', conclusion: 'success', artifacts: [{ name: 'coverage', expired: false }] },
      { id: 10, head_sha: 'b'.repeat(40), event: 'pull_request', conclusion: 'success', artifacts: [{ name: 'dialform-plan', expired: false }] },
    );
    const found = await github(['reviewed', '--config', 'dialform'], env);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toContain('The plan reviewed on #7 is in the artifact of run 10.');
    expect(await readFile(join(dir, 'output.txt'), 'utf8')).toBe('pull=7\nrun-id=10\n');

    const none = await github(['reviewed', '--config', 'dialform'], { ...env, GITHUB_SHA: 'c'.repeat(40) });
    expect(none.stdout).toContain('No merged pull request for this commit.');
  });

  it('names the operation when GitHub refuses, without a stack trace (issue 16 #1)', async () => {
    const result = await github(['comment', '--body-file', await plan('x'), '--config', 'dialform'], { ...env, GITHUB_TOKEN: 'wrong' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('dialform action: list the pull request comments: GitHub answered 401 to GET /repos/acme/phones/issues/7/comments: Bad credentials');
  });
});
