import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALFORM_COMMAND, ROOT } from '../support/cli.js';
import { startEmulator, type RunningEmulator } from '../support/emulator.js';
import { startFakeGitLab, type FakeGitLab, type FakeNote } from '../support/fake-gitlab.js';
import { headOf, makeGitLabProject, mergeBranch, pipelineJobs, pushBranch, runJob, type GitLabProject, type JobResult, type PipelineOptions } from '../support/gitlab-pipeline.js';

/** What the project's CI/CD variables point at: this checkout's build and GitLab helper. */
const DIALFORM_BUILT = DIALFORM_COMMAND;
const GITLAB_HELPER = `node ${join(ROOT, 'action', 'gitlab.mjs')}`;
const MARKER = /^<!-- dialform:fingerprint (sha256:[0-9a-f]{64}) -->$/m;
const IID = 7;

const golden = (scenario: string) => join(ROOT, 'test', 'golden', scenario);

/** What Dialpad holds, without the emulator's clock. */
function dialpadState(emulator: RunningEmulator): unknown {
  const { company, offices, users, numbers } = emulator.emulator.snapshot();
  return structuredClone({ company, offices, users, numbers });
}

describe('examples/ci/gitlab-ci.yml run as GitLab would (issue 24)', () => {
  let emulator: RunningEmulator;
  let gl: FakeGitLab;
  let project: GitLabProject;

  async function setUp(scenario: string): Promise<void> {
    emulator = await startEmulator(join(golden(scenario), 'fixture.json'));
    gl = await startFakeGitLab();
    project = await makeGitLabProject(join(golden(scenario), 'config.yaml'));
  }
  afterEach(async () => {
    await emulator?.close();
    await gl?.close();
  });

  function variables(): Record<string, string> {
    return { ...emulator.env, GITLAB_TOKEN: gl.token, CI_API_V4_URL: gl.url, DIALFORM: DIALFORM_BUILT, DIALFORM_GITLAB: GITLAB_HELPER };
  }

  /** Every job the example's rules put in the pipeline, in stage order, stopping at a failure as GitLab does. */
  async function runPipeline(opts: Omit<PipelineOptions, 'projectVariables'>): Promise<JobResult[]> {
    const results: JobResult[] = [];
    for (const job of await pipelineJobs(opts)) {
      const result = await runJob(project, job, { ...opts, projectVariables: variables() });
      results.push(result);
      if (result.code !== 0) break;
    }
    return results;
  }

  /** Opens merge request !7 from a branch that touches the config, and runs its pipeline. */
  async function openMergeRequest(notes: FakeNote[] = []): Promise<{ head: string; jobs: JobResult[] }> {
    const head = await pushBranch(project, 'phones', (config) => `${config}# reviewed in !${IID}\n`);
    gl.mergeRequests.set(IID, { iid: IID, state: 'opened', target_branch: 'main', sha: head, merge_commit_sha: null, squash_commit_sha: null, notes });
    const jobs = await runPipeline({ source: 'merge_request_event', sha: head, branch: 'phones', mergeRequestIid: IID });
    return { head, jobs };
  }

  /** Merges !7 and runs the default branch's pipeline for the merge commit. */
  async function mergeAndRunPipeline(): Promise<JobResult[]> {
    const sha = await mergeBranch(project, 'phones');
    Object.assign(gl.mergeRequests.get(IID) ?? {}, { state: 'merged', merge_commit_sha: sha });
    return runPipeline({ source: 'push', sha, branch: 'main' });
  }

  const notes = (): FakeNote[] => gl.mergeRequests.get(IID)?.notes ?? [];
  const planNote = () => notes().find((n) => n.author.id === gl.bot.id && n.body.startsWith('<!-- dialform-plan: dialform -->\n'));
  const job = (jobs: JobResult[], name: string) => {
    const found = jobs.find((j) => j.job === name);
    if (!found) throw new Error(`no ${name} job ran: ${jobs.map((j) => j.job).join(', ')}`);
    return found;
  };

  it('selects validate and plan for a merge request, apply for the default branch, drift for a schedule', async () => {
    expect(await pipelineJobs({ source: 'merge_request_event', branch: 'phones' })).toEqual(['validate', 'plan']);
    expect(await pipelineJobs({ source: 'push', branch: 'main' })).toEqual(['apply']);
    expect(await pipelineJobs({ source: 'push', branch: 'phones' })).toEqual([]);
    expect(await pipelineJobs({ source: 'schedule', branch: 'main' })).toEqual(['drift']);
  });

  it('no changes: the note says so and carries the fingerprint; apply passes and writes nothing', async () => {
    await setUp('no-changes-under-ignore');
    const before = dialpadState(emulator);
    const mr = await openMergeRequest();
    const plan = job(mr.jobs, 'plan');
    expect(plan.code, plan.log).toBe(0);
    expect(plan.log).toContain('dialform plan: no changes (exit 0)');
    expect(await readFile(join(plan.dir, '..', 'plan.npm.log'), 'utf8')).toBe('npm ci\n');
    expect(planNote()?.author.id).toBe(gl.bot.id);
    expect(planNote()?.body).toContain('no changes');
    expect(planNote()?.body).toMatch(MARKER);
    expect(JSON.parse(await readFile(join(plan.dir, 'plan.report.json'), 'utf8'))).toEqual({ create: 0, update: 0, delete: 0 });

    const apply = job(await mergeAndRunPipeline(), 'apply');
    expect(apply.code, apply.log).toBe(0);
    expect(apply.log).toContain(`dialform apply: done: the plan reviewed (${MARKER.exec(planNote()?.body ?? '')?.[1]})`);
    expect(dialpadState(emulator)).toEqual(before);
  }, 240_000);

  it('changes: the widget counts them, and apply carries out exactly the plan reviewed', async () => {
    await setUp('cross-country-move-with-ack');
    // Someone else's note with the marker is never taken for the pipeline's own.
    const mr = await openMergeRequest([{ id: 1, body: `<!-- dialform-plan: dialform -->\n<!-- dialform:fingerprint sha256:${'f'.repeat(64)} -->`, author: gl.member, system: false }]);
    expect(job(mr.jobs, 'plan').code, job(mr.jobs, 'plan').log).toBe(0);
    // A second push's pipeline updates the same note.
    const again = await runJob(project, 'plan', { source: 'merge_request_event', sha: mr.head, branch: 'phones', mergeRequestIid: IID, projectVariables: variables() });
    expect(again.code, again.log).toBe(0);
    expect(again.log).toContain('dialform plan: changes to apply (exit 2)');
    expect(notes().filter((n) => n.author.id === gl.bot.id)).toHaveLength(1);
    expect(notes()[0]?.body).toContain('f'.repeat(64));
    expect(JSON.parse(await readFile(join(again.dir, 'plan.report.json'), 'utf8'))).toEqual({ create: 0, update: 1, delete: 0 });
    const reviewed = MARKER.exec(planNote()?.body ?? '')?.[1];
    expect(reviewed).toMatch(/^sha256:/);
    const saved = JSON.parse(await readFile(join(again.dir, 'plan.json'), 'utf8')) as { fingerprint: string };
    expect(saved.fingerprint).toBe(reviewed);

    const apply = job(await mergeAndRunPipeline(), 'apply');
    expect(apply.code, apply.log).toBe(0);
    expect(apply.log).toContain(`dialform apply: done: the plan reviewed (${reviewed})`);
    const ada = (dialpadState(emulator) as { users: { emails: string[]; office_id: string }[]; offices: { id: string; name: string }[] });
    const london = ada.offices.find((o) => o.name === 'Acme London')?.id;
    expect(ada.users.find((u) => u.emails.includes('ada.lovelace@acme.com'))?.office_id).toBe(london);
    expect(notes().filter((n) => n.body.includes('did not apply'))).toEqual([]);
  }, 240_000);

  it('blocked: the plan job fails with the violations in the note; apply writes nothing and fails', async () => {
    await setUp('protected-user-deleted');
    const before = dialpadState(emulator);
    const mr = await openMergeRequest();
    const plan = job(mr.jobs, 'plan');
    expect(plan.code, plan.log).toBe(3);
    expect(plan.log).toContain('dialform plan: BLOCKED by a rule (exit 3)');
    expect(planNote()?.body).toContain('protected_user');
    expect(planNote()?.body).toMatch(MARKER);

    const apply = job(await mergeAndRunPipeline(), 'apply');
    expect(apply.code, apply.log).toBe(3);
    expect(apply.log).toContain('dialform apply: BLOCKED by a rule (exit 3)');
    expect(dialpadState(emulator)).toEqual(before);
  }, 240_000);

  it('changed after review: apply writes nothing, posts the new plan on the merged MR, and fails', async () => {
    await setUp('cross-country-move-with-ack');
    const mr = await openMergeRequest();
    expect(job(mr.jobs, 'plan').code).toBe(0);
    const reviewedNote = planNote()?.body;
    // By hand in Dialpad, after the review: Alan's first name changes, so the plan now has one more operation.
    await renameAlanByHand(emulator);
    const afterHandChange = dialpadState(emulator);

    const apply = job(await mergeAndRunPipeline(), 'apply');
    expect(apply.code, apply.log).toBe(1);
    expect(apply.log).toContain('the plan CHANGED since it was reviewed');
    expect(apply.log).toContain('Refusing to apply: the plan is not the reviewed one');
    expect(dialpadState(emulator)).toEqual(afterHandChange);
    const posted = notes().at(-1);
    expect(posted?.author.id).toBe(gl.bot.id);
    expect(posted?.body).toContain('dialform did not apply');
    expect(posted?.body).toContain('alan.turing@acme.com');
    expect(posted?.body).not.toMatch(MARKER);
    expect(planNote()?.body).toBe(reviewedNote);

    // Retrying the job does not make the unreviewed plan reviewed.
    const retry = await runJob(project, 'apply', { source: 'push', sha: await headOf(project, 'main'), branch: 'main', projectVariables: variables() });
    expect(retry.code, retry.log).toBe(1);
    expect(dialpadState(emulator)).toEqual(afterHandChange);
  }, 240_000);

  it('no merge request: a push straight to the default branch applies nothing and fails', async () => {
    await setUp('cross-country-move-with-ack');
    const before = dialpadState(emulator);
    const sha = await pushBranch(project, 'phones', (config) => `${config}# pushed without review\n`).then(() => mergeBranch(project, 'phones'));
    const jobs = await runPipeline({ source: 'push', sha, branch: 'main' });
    const apply = job(jobs, 'apply');
    expect(apply.code, apply.log).toBe(1);
    expect(apply.log).toContain('NO REVIEWED PLAN for this commit');
    expect(apply.log).toContain('No merge request was merged as');
    expect(dialpadState(emulator)).toEqual(before);
  }, 240_000);

  it('waiting for a manual step: exit 4, and the retried job finishes the reviewed plan once the step is done (the journal in the cache)', async () => {
    emulator = await startEmulator(join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer', 'fixture.json'));
    gl = await startFakeGitLab();
    project = await makeGitLabProject(join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer', 'config.yaml'));
    const mr = await openMergeRequest();
    expect(job(mr.jobs, 'plan').code, job(mr.jobs, 'plan').log).toBe(0);
    const reviewed = MARKER.exec(planNote()?.body ?? '')?.[1];

    const waiting = job(await mergeAndRunPipeline(), 'apply');
    expect(waiting.code, waiting.log).toBe(4);
    expect(waiting.log).toContain('dialform apply: WAITING for a manual step (exit 4)');

    // The admin transfers the license in Dialpad, then retries the job.
    await emulator.console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    const retry = await runJob(project, 'apply', { source: 'push', sha: await headOf(project, 'main'), branch: 'main', projectVariables: variables() });
    expect(retry.code, retry.log).toBe(0);
    expect(retry.log).toContain('Finishing the reviewed plan an earlier apply started');
    expect(retry.log).toContain(`dialform apply: done: the plan reviewed (${reviewed})`);
    expect(notes().filter((n) => n.body.includes('did not apply'))).toEqual([]);
  }, 240_000);

  it('drift: passes while Dialpad matches the default branch, fails with exit 2 when it differs', async () => {
    await setUp('no-changes-under-ignore');
    const same = await runPipeline({ source: 'schedule', sha: await headOf(project, 'main'), branch: 'main' });
    expect(job(same, 'drift').code, job(same, 'drift').log).toBe(0);
    await renameAlanByHand(emulator);
    const differs = await runPipeline({ source: 'schedule', sha: await headOf(project, 'main'), branch: 'main' });
    expect(job(differs, 'drift').code).toBe(2);
    expect(job(differs, 'drift').log).toContain('Dialpad DIFFERS from the default branch');
  }, 240_000);
});

/** What an admin does in Dialpad by hand: Alan Turing (managed by both configs used here) becomes "Al". */
async function renameAlanByHand(emulator: RunningEmulator): Promise<void> {
  const response = await fetch(`${emulator.url}/api/v2/users/7200000000000002`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${emulator.env.DIALPAD_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ first_name: 'Al' }),
  });
  expect(response.status).toBe(200);
}
