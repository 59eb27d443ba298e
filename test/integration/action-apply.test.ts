import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALFORM_COMMAND, ROOT, runCli } from '../support/cli.js';
import { makeRepository, runBash } from '../support/ci-steps.js';
import { startEmulator, type RunningEmulator } from '../support/emulator.js';
import { actionsEnv, startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

const scenario = join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer');
const move = join(ROOT, 'test', 'golden', 'cross-country-move-with-ack');

/** One scenario's emulator, fake GitHub and repository, and a runner of the action's apply mode in it. */
function useApplyScenario(dirOf: string) {
  let emulator: RunningEmulator;
  let gh: FakeGitHub;
  let repo: string;
  beforeAll(async () => {
    emulator = await startEmulator(join(dirOf, 'fixture.json'));
    gh = await startFakeGitHub();
    repo = await makeRepository(join(dirOf, 'config.yaml'));
  });
  afterAll(async () => {
    await emulator.close();
    await gh.close();
  });

  async function apply(planFile = '') {
    const dir = join(repo, '..');
    await writeFile(join(dir, 'output.txt'), '');
    await writeFile(join(dir, 'summary.md'), '');
    const env = {
      ...emulator.env,
      ...actionsEnv(gh, dir, 'push'),
      MODE: 'apply',
      CONFIG: 'dialform',
      PLAN_FILE: planFile,
      JOURNAL: '.dialform/journal.jsonl',
      DIALFORM: DIALFORM_COMMAND,
      WORK_DIR: join(dir, 'work-apply'),
    };
    const result = await runBash(`bash ${join(ROOT, 'action', 'dialform-action.sh')}`, { cwd: repo, env });
    return { ...result, outputs: await readFile(join(dir, 'output.txt'), 'utf8'), summary: await readFile(join(dir, 'summary.md'), 'utf8') };
  }
  return { apply, emulator: () => emulator, repo: () => repo };
}

/** Around a manual license transfer: exit 4 with the step in the job summary, then a re-run finishes. */
describe("the action's apply mode with a manual step (issue 16 #1)", () => {
  const { apply, emulator } = useApplyScenario(scenario);

  it('lists the waiting manual step in the job summary and exits 4; a re-run after it is done finishes (issue 16 #1)', async () => {
    const waiting = await apply('no-such-reviewed-plan.json');
    expect(waiting.code, waiting.log).toBe(4);
    expect(waiting.outputs).toContain('exitcode=4');
    expect(waiting.summary).toContain('### ✋ dialform apply is waiting for manual steps');
    expect(waiting.summary).toMatch(/- \*\*op-\d+\*\* transfer 1 .*\(manual\)/);
    expect(waiting.summary).toContain('<!-- dialform-confirm:');
    expect(waiting.log).toContain('::error title=dialform apply waiting::1 manual step(s) waiting');

    await emulator().console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    const done = await apply();
    expect(done.code, done.log).toBe(0);
    expect(done.outputs).toContain('exitcode=0');
  }, 180_000);
});

describe("the action's apply mode with a reviewed plan (issue 16 #1)", () => {
  const { apply, emulator, repo } = useApplyScenario(move);

  it('re-plans when Dialpad changed since the reviewed plan; applies a fresh one as it is (issue 16 #1)', async () => {
    const first = await runCli(['plan', '-c', 'dialform', '--out', 'reviewed.json'], { cwd: repo(), env: emulator().env });
    expect(first.code, first.stderr).toBe(0);
    // Someone renames Ada in Dialpad after the review: the reviewed plan is stale.
    const renamed = await fetch(`${emulator().url}/api/v2/users/7200000000000003`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${emulator().env.DIALPAD_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ first_name: 'Augusta' }),
    });
    expect(renamed.status).toBe(200);
    const stale = await apply(join(repo(), 'reviewed.json'));
    expect(stale.code, stale.log).toBe(0);
    expect(stale.log).toContain('Applying the reviewed plan');
    expect(stale.log).toContain('The reviewed plan cannot be applied as it is: re-planning against Dialpad now.');

    const second = await runCli(['plan', '-c', 'dialform', '--out', 'reviewed.json'], { cwd: repo(), env: emulator().env });
    expect(second.code, second.stderr).toBe(0);
    const fresh = await apply(join(repo(), 'reviewed.json'));
    expect(fresh.code, fresh.log).toBe(0);
    expect(fresh.log).toContain('Applying the reviewed plan');
    expect(fresh.log).not.toContain('re-planning');
  }, 180_000);
});
