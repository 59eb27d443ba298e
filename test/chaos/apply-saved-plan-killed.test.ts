import { afterEach, describe, expect, it } from 'vitest';
import { APPLY_CONCURRENCY } from '../../src/apply/apply-plan.js';
import { createEmulator, type Fixture } from '../../src/emulator/index.js';
import { runCli } from '../support/cli.js';
import { addUsers, API_KEY, deleteUnmanaged, expectEdited, liveEmails, makeCompany, removeUsers, renameUsers } from '../support/chaos-company.js';
import { runCliKilledMidWrite } from '../support/killed-cli.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('saved plan killed part way', () => {
  it('resumes the same saved plan after SIGKILL mid-write, confirming the write in doubt, and converges with no duplicates (issue 12)', async () => {
    const company = await makeCompany({ users: 200, offices: 4 });
    await deleteUnmanaged(company.configDir);
    const removed = await removeUsers(company.configDir, 8);
    const renamed = await renameUsers(company.configDir, 100);
    const added = await addUsers(company.configDir, 5);
    const emulator = createEmulator({ fixture: company.fixture, rateLimit: 0, latencyMs: 10 });
    const running = await emulator.listen(0);
    closers.push(() => running.close());
    const env = { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: API_KEY };
    const common = ['-c', 'dialform', '--rate-limit', '200'];

    const saved = await runCli(['plan', ...common, '--out', 'plan.json'], { cwd: company.cwd, env });
    expect(saved.code, saved.stdout + saved.stderr).toBe(0);
    const apply = ['apply', 'plan.json', ...common, '--auto-approve'];

    // Killed as the 10th new user is created, before Dialpad's answer: the journal shows that
    // create_user started and never finished, and only a read can tell it landed.
    const newUsers = (state: Fixture) => liveEmails(state).filter((e) => e.startsWith('new-')).length;
    const killed = await runCliKilledMidWrite({ emulator, args: apply, cwd: company.cwd, env, killWhen: (state) => newUsers(state) === 10 });
    expect(killed.killedAt, killed.stderr).toBeGreaterThan(0);
    expect(killed.exit).toBe('SIGKILL');
    // Creates overlap (up to APPLY_CONCURRENCY in flight): those sent before the kill land too.
    const atKill = newUsers(emulator.snapshot());
    expect(atKill).toBeGreaterThanOrEqual(10);
    expect(atKill).toBeLessThan(10 + APPLY_CONCURRENCY);

    const resumed = await runCli(apply, { cwd: company.cwd, env });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming a plan this journal has already started/);
    const plan = await runCli(['plan', ...common, '--detailed-exitcode'], { cwd: company.cwd, env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);

    const state = emulator.snapshot();
    expectEdited(state, { added, removed, renamed, numbers: company.fixture.numbers });
    // Each create reached Dialpad once: the write in doubt was confirmed by reading, not sent again.
    expect(emulator.stats().requests['POST /api/v2/users']).toBe(added.length);
  }, 30_000);
});
