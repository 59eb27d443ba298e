/**
 * The action's apply beside another run of the same workflow (issue 26 #4): as GitHub runs it
 * (test/support/composite-action.ts), against the emulator and the fake GitHub API over loopback.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { makeRepository } from '../support/ci-steps.js';
import { runCompositeAction, type ActionRun, type ArtifactStore } from '../support/composite-action.js';
import { startEmulator, type RunningEmulator } from '../support/emulator.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

const scenario = join(ROOT, 'test', 'integration', 'scenarios', 'action-review-loop');
const DIALFORM = `node ${join(ROOT, 'dist', 'cmd', 'dialform.js')}`;
const HEAD = 'b'.repeat(40);
const MERGE = 'a'.repeat(40);
const PR_RUN = 100;
const PUSH_RUN = 200;
const WORKFLOW = 31;

describe('the action refuses to apply while another run of its workflow is in progress (issue 26 #4)', () => {
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

  function run(mode: 'plan' | 'apply'): Promise<ActionRun> {
    const pr = mode === 'plan';
    return runCompositeAction({
      workspace: repo,
      with: { mode, config: 'dialform', dialform: DIALFORM },
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

  /** The pull request's plan job and the merge; then this apply run, in progress, as GitHub lists it. */
  async function reviewAndMerge(): Promise<void> {
    const plan = await run('plan');
    expect(plan.outcome, plan.log).toBe('success');
    gh.runs.push({ id: PR_RUN, head_sha: HEAD, event: 'pull_request', conclusion: 'success', artifacts: [], workflow_id: WORKFLOW, head_branch: 'alan' });
    gh.merges.set(MERGE, { number: 7, head: HEAD });
    gh.runs.push({ id: PUSH_RUN, head_sha: MERGE, event: 'push', conclusion: 'success', artifacts: [], workflow_id: WORKFLOW, head_branch: 'main', status: 'in_progress' });
  }

  async function liveFirstNames(): Promise<string[]> {
    const res = await fetch(`${emulator.url}/api/v2/users?state=active`, { headers: { authorization: `Bearer ${emulator.env.DIALPAD_API_KEY}` } });
    return ((await res.json()) as { items: { first_name: string }[] }).items.map((u) => u.first_name).sort();
  }

  it('an older commit applied beside a newer one: the apply refuses while another run of the workflow on the branch is in progress, and writes nothing', async () => {
    await reviewAndMerge();
    // The run of the previous merge, still applying.
    gh.runs.push({ id: 199, head_sha: 'c'.repeat(40), event: 'push', conclusion: 'success', artifacts: [], workflow_id: WORKFLOW, head_branch: 'main', status: 'in_progress' });
    const apply = await run('apply');
    expect(apply.outcome).toBe('failure');
    expect(apply.outputs).toMatchObject({ result: 'concurrent', exitcode: '1' });
    expect(apply.log).toContain('::error title=dialform apply: another run is in progress::');
    expect(apply.summary).toContain('another run of this workflow is in progress — nothing was applied');
    expect(apply.summary).toContain('- https://github.example/acme/phones/actions/runs/199');
    expect(apply.summary).not.toContain('- https://github.example/acme/phones/actions/runs/200');
    expect(await liveFirstNames()).toEqual(['Alan', 'Grace']);
    expect(emulator.emulator.requestLog().filter((r) => r.method !== 'GET')).toEqual([]);
    expect(gh.requests).toContain(`GET /repos/acme/phones/actions/workflows/${WORKFLOW}/runs`);
  }, 240_000);

  it('applies when the other runs are finished, of another workflow or branch, or plan runs of pull requests', async () => {
    await reviewAndMerge();
    gh.runs.push(
      { id: 198, head_sha: 'c'.repeat(40), event: 'push', conclusion: 'success', artifacts: [], workflow_id: WORKFLOW, head_branch: 'main', status: 'completed' },
      { id: 197, head_sha: 'd'.repeat(40), event: 'push', conclusion: 'success', artifacts: [], workflow_id: WORKFLOW + 1, head_branch: 'main', status: 'in_progress' },
      { id: 196, head_sha: 'e'.repeat(40), event: 'push', conclusion: 'success', artifacts: [], workflow_id: WORKFLOW, head_branch: 'release', status: 'in_progress' },
      { id: 195, head_sha: 'f'.repeat(40), event: 'pull_request', conclusion: 'success', artifacts: [], workflow_id: WORKFLOW, head_branch: 'main', status: 'in_progress' },
    );
    const apply = await run('apply');
    expect(apply.outcome, apply.log).toBe('success');
    expect(apply.outputs.result).toBe('done');
    expect(await liveFirstNames()).toEqual(['Alan Mathison', 'Grace']);
  }, 240_000);
});
