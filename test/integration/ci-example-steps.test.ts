import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALFORM_COMMAND, ROOT } from '../support/cli.js';
import { makeRepository, runBash } from '../support/ci-steps.js';
import { startEmulator, type RunningEmulator } from '../support/emulator.js';
import { actionsEnv, startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

/** The three outcomes every example must survive, each a golden scenario (config + live fixture). */
const OUTCOMES = [
  { outcome: 'no changes', scenario: 'no-changes-under-ignore', planExit: 0 },
  { outcome: 'changes', scenario: 'cross-country-move-with-ack', planExit: 2 },
  { outcome: 'blocked', scenario: 'protected-user-deleted', planExit: 3 },
] as const;

describe.each(OUTCOMES)('CI examples run for real: $outcome (issue 16 #2)', ({ scenario, planExit }) => {
  const golden = join(ROOT, 'test', 'golden', scenario);
  let emulator: RunningEmulator;
  let gh: FakeGitHub;
  let repo: string;
  beforeAll(async () => {
    emulator = await startEmulator(join(golden, 'fixture.json'));
    gh = await startFakeGitHub();
    gh.issues.set(7, { number: 7, title: 'phones', body: '', state: 'open', pull_request: {}, comments: [] });
    repo = await makeRepository(join(golden, 'config.yaml'));
  });
  afterAll(async () => {
    await emulator.close();
    await gh.close();
  });

  /** The action's shell step as action.yml runs it, with the inputs a workflow would give. */
  async function runAction(mode: string, event: string) {
    const dir = join(repo, '..');
    await writeFile(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
    await writeFile(join(dir, 'output.txt'), '');
    await writeFile(join(dir, 'summary.md'), '');
    const env = {
      ...emulator.env,
      ...actionsEnv(gh, dir, event),
      MODE: mode,
      CONFIG: 'dialform',
      BASE: mode === 'plan' ? 'origin/main' : '',
      REDACT: 'true',
      DIALFORM: DIALFORM_COMMAND,
      WORK_DIR: join(dir, `work-${mode}`),
    };
    const result = await runBash(`bash ${join(ROOT, 'action', 'dialform-action.sh')}`, { cwd: repo, env });
    return { ...result, outputs: await readFile(join(dir, 'output.txt'), 'utf8'), summary: await readFile(join(dir, 'summary.md'), 'utf8'), work: env.WORK_DIR };
  }

  it(`the action's plan mode: sticky comment, outputs, redacted artifact${planExit === 3 ? ', fails with the violations in the log' : ''} (issue 16 #1)`, async () => {
    const result = await runAction('plan', 'pull_request');
    expect(result.code, result.log).toBe(planExit === 3 ? 3 : 0);
    const comments = gh.issues.get(7)?.comments ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith('<!-- dialform-plan: dialform -->\n<!-- dialform-plan -->')).toBe(true);
    expect(result.summary).toContain('### dialform plan');
    expect(result.outputs).toContain(`exitcode=${planExit}\nhas_changes=${planExit !== 0}\nblocked=${planExit === 3}\nsummary={"create":`);
    // redact is on: only the redacted plan is uploaded.
    expect(existsSync(join(result.work, 'artifact', 'plan.json'))).toBe(false);
    const artifact = await readFile(join(result.work, 'artifact', 'plan.redacted.json'), 'utf8');
    expect(artifact).not.toMatch(/@acme\.com|\+1\d{10}/);
    if (planExit === 3) {
      expect(result.log).toContain('::error title=dialform protected_user::');
      expect(result.log).toContain('::error title=dialform plan blocked::');
      expect(result.log).toContain('error protected_user');
    }
    // A second push updates the same comment.
    await runAction('plan', 'pull_request');
    expect(gh.issues.get(7)?.comments).toHaveLength(1);
  }, 120_000);

  it(`the action's drift mode: ${planExit === 0 ? 'no issue' : 'one drift issue'} (issue 16 #1)`, async () => {
    const result = await runAction('drift', 'schedule');
    expect(result.code, result.log).toBe(0);
    const issues = [...gh.issues.values()].filter((i) => !i.pull_request);
    expect(issues.map((i) => i.state)).toEqual(planExit === 0 ? [] : ['open']);
  }, 120_000);

  // Last: this writes to the emulator, if anything does. (The GitLab jobs run in gitlab-ci.test.ts.)
  // No pull request reviewed a plan for this push: the action applies nothing (issue 24 #1).
  it(`the action's apply mode applies nothing unreviewed (issue 16 #2, issue 24 #1)`, async () => {
    const action = await runAction('apply', 'push');
    expect(action.code, action.log).toBe(1);
    expect(action.outputs).toContain('result=unreviewed');
  }, 120_000);
});

describe('the examples keep what explains a failure (issue 16 #2)', () => {
  it('every GitLab job that plans or applies keeps its artifacts when: always, on Node 24', async () => {
    const doc = parse(await readFile(join(ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<string, { artifacts?: { when?: string }; image?: string }>;
    for (const job of ['plan', 'apply', 'drift']) expect(doc[job]?.artifacts?.when, job).toBe('always');
    expect((doc.default as { image?: string }).image).toBe('node:24');
  });

  it('the GitHub workflows use the action on Node 24', async () => {
    for (const file of ['github-actions.yml', 'github-drift.yml']) {
      const text = await readFile(join(ROOT, 'examples', 'ci', file), 'utf8');
      expect(text, file).toContain('uses: dialform/dialform@v1');
      expect(text, file).not.toMatch(/node-version: (?!24)/);
    }
  });
});
