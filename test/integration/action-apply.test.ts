import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { DIALFORM_FROM_SOURCE, makeRepository, runBash } from '../support/ci-steps.js';
import { startEmulator, type RunningEmulator } from '../support/emulator.js';
import { actionsEnv, startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

const scenario = join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer');

/** The action's apply mode around a manual license transfer: exit 4 with the step in the job summary, then a re-run finishes. */
describe("the action's apply mode (issue 16 #1)", () => {
  let emulator: RunningEmulator;
  let gh: FakeGitHub;
  let repo: string;
  beforeAll(async () => {
    emulator = await startEmulator(join(scenario, 'fixture.json'));
    gh = await startFakeGitHub();
    repo = await makeRepository(join(scenario, 'config.yaml'));
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
      DIALFORM: DIALFORM_FROM_SOURCE,
      WORK_DIR: join(dir, 'work-apply'),
    };
    const result = await runBash(`bash ${join(ROOT, 'action', 'dialform-action.sh')}`, { cwd: repo, env });
    return { ...result, outputs: await readFile(join(dir, 'output.txt'), 'utf8'), summary: await readFile(join(dir, 'summary.md'), 'utf8') };
  }

  it('lists the waiting manual step in the job summary and exits 4; a re-run after it is done finishes (issue 16 #1)', async () => {
    const waiting = await apply(join(repo, 'no-such-reviewed-plan.json'));
    expect(waiting.code, waiting.log).toBe(4);
    expect(waiting.outputs).toContain('exitcode=4');
    expect(waiting.summary).toContain('### ✋ dialform apply is waiting for manual steps');
    expect(waiting.summary).toMatch(/- \*\*op-\d+\*\* transfer 1 .*\(manual\)/);
    expect(waiting.summary).toContain('<!-- dialform-confirm:');
    expect(waiting.log).toContain('::error title=dialform apply waiting::1 manual step(s) waiting');

    await emulator.console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    const done = await apply();
    expect(done.code, done.log).toBe(0);
    expect(done.outputs).toContain('exitcode=0');
  }, 180_000);
});
