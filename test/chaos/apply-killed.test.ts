import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator/index.js';
import { runCli } from '../support/cli.js';
import { addUsers, API_KEY, duplicateEmails, liveEmails, makeCompany, renameUsers } from '../support/chaos-company.js';
import { runCliKilledMidWrite } from '../support/killed-cli.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('apply killed part way', () => {
  it('reruns to the same end state with no duplicates after SIGKILL', async () => {
    const company = await makeCompany({ users: 200, offices: 4 });
    const renamed = await renameUsers(company.configDir, 120);
    const added = await addUsers(company.configDir, 5);
    const emulator = createEmulator({ fixture: company.fixture, rateLimit: 0, latencyMs: 10 });
    const running = await emulator.listen(0);
    closers.push(() => running.close());
    const env = { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: API_KEY };
    const args = ['apply', '-c', 'dialform', '--auto-approve', '--rate-limit', '200'];

    const killed = await runCliKilledMidWrite({ emulator, args, cwd: company.cwd, env, killWhen: (_state, writes) => writes === 40 });
    expect(killed.killedAt, killed.stderr).toBe(40);
    expect(killed.exit).toBe('SIGKILL');
    const partial = emulator.snapshot();
    const renamedSoFar = partial.users.filter((u) => String(u.last_name ?? '').endsWith(' Renamed')).length;
    expect(renamedSoFar + liveEmails(partial).filter((e) => e.startsWith('new-')).length).toBeLessThan(renamed.length + added.length);

    const rerun = await runCli(args, { cwd: company.cwd, env });
    expect(rerun.code, rerun.stderr).toBe(0);
    const plan = await runCli(['plan', '-c', 'dialform', '--detailed-exitcode'], { cwd: company.cwd, env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);

    const state = emulator.snapshot();
    expect(duplicateEmails(state)).toEqual([]);
    const emails = liveEmails(state);
    for (const email of added) expect(emails.filter((e) => e === email)).toHaveLength(1);
    const lastNames = new Map(state.users.map((u) => [String(u.emails[0]), String(u.last_name ?? '')]));
    for (const email of renamed) expect(lastNames.get(email)).toMatch(/ Renamed$/);
    expect(state.numbers.map((n) => n.number).sort()).toEqual(company.fixture.numbers.map((n) => n.number).sort());
  }, 60_000);
});
