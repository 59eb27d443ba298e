/**
 * The action as GitHub runs it (test/support/composite-action.ts: action.yml's steps, `if:` and
 * `env:` evaluated, fake setup-node and artifact actions, hashFiles as the runner has it), in a
 * runner layout, against the emulator and the fake GitHub API over loopback: a pull request's plan
 * job, then the apply job after the merge.
 */
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { makeRepository } from '../support/ci-steps.js';
import { runCompositeAction, type ActionRun, type ArtifactStore } from '../support/composite-action.js';
import { startEmulator, type RunningEmulator } from '../support/emulator.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

/** One update reviewed (Alan's first name), under `unmanaged_users: delete`. */
const scenario = join(ROOT, 'test', 'integration', 'scenarios', 'action-review-loop');
const DIALFORM = `node ${join(ROOT, 'dist', 'cmd', 'dialform.js')}`;
const HEAD = 'b'.repeat(40);
const MERGE = 'a'.repeat(40);
const PR_RUN = 100;
const PUSH_RUN = 200;
const FINGERPRINT_LINE = /<!-- dialform:fingerprint (sha256:[0-9a-f]{64}) -->/;
const PLAN_MARKER = '<!-- dialform-plan: dialform -->';

describe.each([{ redact: false }, { redact: true }])('the action on a runner: review, merge, apply (redact: $redact) (issue 24)', ({ redact }) => {
  let emulator: RunningEmulator;
  let gh: FakeGitHub;
  let repo: string;
  let artifacts: ArtifactStore;
  beforeEach(async () => {
    emulator = await startEmulator(join(scenario, 'fixture.json'));
    gh = await startFakeGitHub();
    gh.issues.set(7, { number: 7, title: 'Alan gets his middle name', body: '', state: 'open', pull_request: {}, comments: [] });
    repo = await makeRepository(join(scenario, 'config.yaml'));
    artifacts = new Map();
  });
  afterEach(async () => {
    await emulator.close();
    await gh.close();
  });

  function run(mode: 'plan' | 'apply', more: Record<string, string> = {}): Promise<ActionRun> {
    const pr = mode === 'plan';
    return runCompositeAction({
      workspace: repo,
      with: { mode, config: 'dialform', redact: String(redact), dialform: DIALFORM, ...more },
      env: emulator.env,
      github: {
        token: gh.token,
        apiUrl: gh.url,
        eventName: pr ? 'pull_request' : 'push',
        event: pr ? { pull_request: { number: 7 } } : { ref: 'refs/heads/main' },
        sha: pr ? HEAD : MERGE,
        runId: pr ? PR_RUN : PUSH_RUN,
        baseRef: pr ? 'main' : '',
      },
      artifacts,
    });
  }

  /** The pull request's plan job, then GitHub's record of it and of the merge. */
  async function reviewAndMerge(): Promise<{ plan: ActionRun; fingerprint: string }> {
    const plan = await run('plan');
    expect(plan.outcome, plan.log).toBe('success');
    gh.runs.push({
      id: PR_RUN,
      head_sha: HEAD,
      event: 'pull_request',
      conclusion: 'success',
      artifacts: [...(artifacts.get(PR_RUN)?.keys() ?? [])].map((name) => ({ name, expired: false })),
    });
    gh.merges.set(MERGE, { number: 7, head: HEAD });
    const comment = gh.issues.get(7)?.comments.find((c) => c.body.startsWith(PLAN_MARKER));
    const fingerprint = FINGERPRINT_LINE.exec(comment?.body ?? '')?.[1] ?? '';
    expect(fingerprint, comment?.body).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(plan.outputs.fingerprint).toBe(fingerprint);
    return { plan, fingerprint };
  }

  /** Live users as `email first_name`, sorted. */
  async function liveUsers(): Promise<string[]> {
    const res = await fetch(`${emulator.url}/api/v2/users?state=active`, { headers: { authorization: `Bearer ${emulator.env.DIALPAD_API_KEY}` } });
    const body = (await res.json()) as { items: { emails: string[]; first_name: string }[] };
    return body.items.map((u) => `${u.emails[0]} ${u.first_name}`).sort();
  }
  const REVIEWED = ['alan.turing@acme.com Alan Mathison', 'grace.hopper@acme.com Grace'];
  const UNTOUCHED = ['alan.turing@acme.com Alan', 'grace.hopper@acme.com Grace'];

  it('uploads the plan artifact (guarded by a step output, not hashFiles outside the workspace) and comments the fingerprint (issue 24 #2)', async () => {
    const plan = await run('plan');
    expect(plan.outcome, plan.log).toBe('success');
    expect(plan.ran).toContain('Upload the plan');
    const uploaded = artifacts.get(PR_RUN)?.get('dialform-plan') ?? '';
    expect(readdirSync(uploaded).sort()).toEqual(redact ? ['plan.md', 'plan.redacted.json'] : ['plan.json', 'plan.md']);
    expect(plan.summary).toMatch(FINGERPRINT_LINE);
    expect(plan.outputs).toMatchObject({ exitcode: '2', has_changes: 'true', blocked: 'false' });
  }, 240_000);

  it('applies exactly the reviewed plan after the merge (issue 24 #1, #3)', async () => {
    const { fingerprint } = await reviewAndMerge();
    const apply = await run('apply');
    expect(apply.outcome, apply.log).toBe('success');
    expect(apply.outputs).toMatchObject({ exitcode: '0', result: 'done', fingerprint });
    expect(apply.summary).toContain('dialform apply: done');
    expect(apply.summary).toContain(fingerprint);
    // The job log holds apply's plan, progress and report: masked, under redact, as the comment is.
    expect(apply.log).toMatch(/op-1 .*: done/);
    if (redact) expect(apply.log + apply.summary).not.toMatch(/alan\.turing@acme\.com|Mathison/);
    else expect(apply.log).toContain('alan.turing@acme.com');
    expect(await liveUsers()).toEqual(REVIEWED);
    const after = await runCli(['plan', '-c', 'dialform', '--detailed-exitcode'], { cwd: repo, env: emulator.env });
    expect(after.code, after.stdout + after.stderr).toBe(0);
  }, 240_000);

  it('writes nothing when Dialpad changed after the review: comments the new plan on the pull request and fails (issue 24 #1, #3)', async () => {
    const { fingerprint } = await reviewAndMerge();
    // After the review, someone adds a user in Dialpad by hand; `unmanaged_users: delete` would delete them.
    const added = await fetch(`${emulator.url}/api/v2/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.env.DIALPAD_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'hand.made@acme.com', office_id: '6100000000000001', first_name: 'Hand', last_name: 'Made', license: 'talk' }),
    });
    expect(added.status, await added.clone().text()).toBe(200);
    const before = await liveUsers();

    const apply = await run('apply');
    expect(apply.outcome).toBe('failure');
    expect(await liveUsers()).toEqual(before);
    expect(before).toEqual([...UNTOUCHED, 'hand.made@acme.com Hand'].sort());
    expect(apply.outputs.result).toBe('differs');
    expect(apply.outputs.exitcode).toBe('1');
    expect(apply.outputs.fingerprint).toMatch(/^sha256:/);
    expect(apply.outputs.fingerprint).not.toBe(fingerprint);
    expect(apply.log).toContain('::error title=dialform apply: plan changed after review::');
    expect(apply.summary).toContain('nothing was applied');
    const told = gh.issues.get(7)?.comments.find((c) => c.body.startsWith('<!-- dialform-apply: dialform -->'));
    expect(told?.body).toContain(fingerprint);
    expect(told?.body).toContain(apply.outputs.fingerprint);
    expect(told?.body).toMatch(/1 to delete/);
    if (redact) expect(told?.body + apply.log + apply.summary).not.toContain('hand.made@acme.com');
    else expect(told?.body).toContain('hand.made@acme.com');
  }, 240_000);

  it('refuses to apply when no reviewed plan is found, unless on-plan-changed: apply (issue 24 #1)', async () => {
    const refused = await run('apply');
    expect(refused.outcome).toBe('failure');
    expect(refused.outputs.result).toBe('unreviewed');
    expect(refused.log).toContain('Found no reviewed plan for this commit');
    expect(await liveUsers()).toEqual(UNTOUCHED);

    const unsafe = await run('apply', { 'on-plan-changed': 'apply' });
    expect(unsafe.outcome, unsafe.log).toBe('success');
    expect(unsafe.log).toContain('unreviewed');
    expect(await liveUsers()).toEqual(REVIEWED);
  }, 240_000);
});

describe('the action on a runner: failures are reported where reviewers look (issue 24 #5)', () => {
  let emulator: RunningEmulator;
  let gh: FakeGitHub;
  let repo: string;
  beforeEach(async () => {
    emulator = await startEmulator(join(scenario, 'fixture.json'));
    gh = await startFakeGitHub();
    gh.issues.set(7, { number: 7, title: 'phones', body: '', state: 'open', pull_request: {}, comments: [] });
    repo = await makeRepository(join(scenario, 'config.yaml'));
  });
  afterEach(async () => {
    await emulator.close();
    await gh.close();
  });

  const plan = (env: Record<string, string>) =>
    runCompositeAction({
      workspace: repo,
      with: { mode: 'plan', config: 'dialform', dialform: DIALFORM },
      env,
      github: { token: gh.token, apiUrl: gh.url, eventName: 'pull_request', event: { pull_request: { number: 7 } }, sha: HEAD, runId: PR_RUN, baseRef: 'main' },
      artifacts: new Map(),
    });

  it('an invalid config: annotations at file:line:col, the sticky comment replaced, summary and outputs (issue 24 #5)', async () => {
    const first = await plan(emulator.env);
    expect(first.outcome, first.log).toBe('success');
    await writeFile(join(repo, 'dialform', 'dialform.yaml'), 'version: 1\nusers:\n  - email: x\n');
    const broken = await plan(emulator.env);
    expect(broken.outcome).toBe('failure');
    expect(broken.log).toMatch(/::error file=dialform\/dialform\.yaml,line=3,col=\d+,title=dialform validate::/);
    expect(broken.outputs).toMatchObject({ exitcode: '1', has_changes: 'false', blocked: 'false', summary: '{}', fingerprint: '' });
    expect(broken.summary).toContain('dialform validate failed');
    const comments = gh.issues.get(7)?.comments.filter((c) => c.body.startsWith(PLAN_MARKER)) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('dialform validate failed');
    expect(comments[0]?.body).not.toMatch(FINGERPRINT_LINE);
    expect(broken.ran).not.toContain('Upload the plan');
  }, 240_000);

  it('an unreachable API: the error in the comment, summary, an annotation and outputs (issue 24 #5)', async () => {
    const down = await plan({ ...emulator.env, DIALPAD_API_URL: 'http://127.0.0.1:9' });
    expect(down.outcome).toBe('failure');
    expect(down.log).toContain('::error title=dialform plan::');
    expect(down.outputs.exitcode).toBe('1');
    expect(down.summary).toContain('dialform plan failed');
    expect(gh.issues.get(7)?.comments[0]?.body).toContain('api_error');
  }, 240_000);

  it('does not adopt a comment with its marker written by someone else (issue 24 #5)', async () => {
    gh.issues.get(7)?.comments.push({ id: 1, body: `${PLAN_MARKER}\nlooks like a plan`, user: { login: 'mallory' } });
    const result = await plan(emulator.env);
    expect(result.outcome, result.log).toBe('success');
    const comments = gh.issues.get(7)?.comments ?? [];
    expect(comments[0]?.body).toBe(`${PLAN_MARKER}\nlooks like a plan`);
    expect(comments.filter((c) => c.user?.login === 'github-actions[bot]')).toHaveLength(1);
  }, 240_000);
});
