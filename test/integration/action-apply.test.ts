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
  const { apply, emulator, repo } = useApplyScenario(scenario);

  it('lists the waiting manual step in the job summary and exits 4; a re-run after it is done finishes (issue 16 #1)', async () => {
    const reviewed = await runCli(['plan', '-c', 'dialform', '--out', 'reviewed.json'], { cwd: repo(), env: emulator().env });
    expect(reviewed.code, reviewed.stderr).toBe(0);
    const waiting = await apply(join(repo(), 'reviewed.json'));
    expect(waiting.code, waiting.log).toBe(4);
    expect(waiting.outputs).toContain('exitcode=4');
    expect(waiting.summary).toContain('### ✋ dialform apply is waiting for manual steps');
    expect(waiting.summary).toMatch(/- \*\*op-\d+\*\* transfer 1 .*\(manual\)/);
    expect(waiting.summary).toContain('<!-- dialform-confirm:');
    expect(waiting.log).toContain('::error title=dialform apply waiting::1 manual step(s) waiting');
    expect(waiting.outputs).toContain('result=waiting');
    expect(waiting.summary).toContain('### ✋ dialform apply: waiting');

    // The re-run resumes the reviewed plan's apply (the journal says it started): its fresh plan is
    // smaller than the reviewed one, which apply's resume rule allows.
    await emulator().console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    const done = await apply(join(repo(), 'reviewed.json'));
    expect(done.code, done.log).toBe(0);
    expect(done.outputs).toContain('exitcode=0');
  }, 180_000);
});

describe("the action's apply mode with a reviewed plan (issue 24 #1)", () => {
  const { apply, emulator, repo } = useApplyScenario(move);

  it('writes nothing when Dialpad changed since the reviewed plan, and says so; applies a plan that is still the reviewed one (issue 24 #1)', async () => {
    const first = await runCli(['plan', '-c', 'dialform', '--out', 'reviewed.json'], { cwd: repo(), env: emulator().env });
    expect(first.code, first.stderr).toBe(0);
    // Someone renames Ada in Dialpad after the review: the plan now also renames her back.
    const renamed = await fetch(`${emulator().url}/api/v2/users/7200000000000003`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${emulator().env.DIALPAD_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ first_name: 'Augusta' }),
    });
    expect(renamed.status).toBe(200);
    const live = () => fetch(`${emulator().url}/api/v2/users/7200000000000003`, { headers: { authorization: `Bearer ${emulator().env.DIALPAD_API_KEY}` } }).then((r) => r.json());
    const before = await live();
    const stale = await apply(join(repo(), 'reviewed.json'));
    expect(stale.code, stale.log).toBe(1);
    expect(await live()).toEqual(before);
    expect(stale.log).not.toContain('re-planning');
    expect(stale.outputs).toContain('result=differs');
    expect(stale.summary).toContain('nothing was applied');

    const second = await runCli(['plan', '-c', 'dialform', '--out', 'reviewed.json'], { cwd: repo(), env: emulator().env });
    expect(second.code, second.stderr).toBe(0);
    const fresh = await apply(join(repo(), 'reviewed.json'));
    expect(fresh.code, fresh.log).toBe(0);
    expect(fresh.outputs).toContain('result=done');
  }, 180_000);
});
