/**
 * A write that landed but whose answer was lost, with the read that would settle it failing too
 * (issue 26 #10): apply journals it in doubt, and the next run of the same saved plan settles it by
 * reading instead of refusing the plan as stale or sending the write again.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startApiProxy } from '../support/api-proxy.js';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const scenario = join(ROOT, 'test', 'integration', 'scenarios', 'action-review-loop');

describe('a write that landed but ended ambiguous (issue 26 #10)', () => {
  it('a write that landed but ended ambiguous is journalled in doubt, and the saved plan resumes and settles it without sending it again', async () => {
    const emulator = await startEmulatorForTest(join(scenario, 'fixture.json'));
    // Once armed, the next create is passed on and its answer lost; the email look-ups that would
    // settle it fail too, until healed.
    const faults = { loseNextCreate: false, lost: false };
    const proxy = await startApiProxy(emulator.url, ({ method, url }) => {
      if (faults.lost && method === 'GET' && url.pathname === '/api/v2/users' && url.searchParams.has('email')) return 'fail';
      if (!faults.loseNextCreate || method !== 'POST' || url.pathname !== '/api/v2/users') return 'pass';
      [faults.loseNextCreate, faults.lost] = [false, true];
      return 'lose_answer';
    });
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-in-doubt-'));
    const config = (await readFile(join(scenario, 'config.yaml'), 'utf8')).replace(
      '\nusers:\n',
      '\nusers:\n  - { email: ada.lovelace@acme.com, first_name: Ada, last_name: Lovelace, office: hq, license: talk }\n',
    );
    await writeFile(join(cwd, 'dialform.yaml'), config);
    const env = { ...emulator.env, DIALPAD_API_URL: proxy.url };

    const plan = await runCli(['plan', '--out', 'plan.json'], { cwd, env });
    expect(plan.code, plan.stderr).toBe(0);
    const saved = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8')) as { operations: { id: string; kind: string }[] };
    const create = saved.operations.find((op) => op.kind === 'create_user');
    expect(create).toBeDefined();

    faults.loseNextCreate = true;
    const first = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toContain(`In doubt: ${create?.id}`);
    const users = () => emulator.emulator.snapshot().users.filter((u) => u.emails?.[0] === 'ada.lovelace@acme.com');
    expect(users()).toHaveLength(1);
    const journal = (await readFile(join(cwd, '.dialform', 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { op?: string; status?: string });
    expect(journal.filter((e) => e.op === create?.id).map((e) => e.status)).toEqual(['started', 'in_doubt']);

    faults.lost = false;
    const second = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd, env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`${create?.id} create_user ada\\.lovelace@acme\\.com.*: already done`));
    // Settled by reading: the create reached Dialpad once, and Ada exists once.
    expect(emulator.emulator.stats().requests['POST /api/v2/users']).toBe(1);
    expect(users()).toHaveLength(1);
  }, 60_000);
});
