/**
 * International moves applied for real: the CLI plans and applies against a standalone emulator
 * over loopback, configured both ways Dialpad may choose a number (`number_assignment:
 * pool_first`, the documented default, and `provision`). Whatever number Dialpad would pick, the
 * apply converges in one run, the plan after it is empty, and no kept or wanted number is ever put
 * on the moved user: the plan names the number, or is blocked.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import { createDialpadClient } from '../../src/dialpad/index.js';
import type { Fixture } from '../../src/emulator/index.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(import.meta.dirname, '..', 'golden');
const LONDON = '6100000000000003';

function numbersOf(state: Fixture, email: string): string[] {
  return [...(state.users.find((u) => u.emails[0] === email)?.phone_numbers ?? [])];
}

function poolEntry(state: Fixture, number: string) {
  const n = state.numbers.find((x) => x.number === number);
  return n !== undefined && n.status === 'available' && n.target_id === undefined ? n : undefined;
}


/** Starts the emulator on a scenario's fixture with `number_assignment` set; plans, applies, plans again. */
async function applyScenario(scenario: string, numberAssignment: 'pool_first' | 'provision', planExit = 2) {
  const dir = join(golden, scenario);
  const cwd = await mkdtemp(join(tmpdir(), `dialform-${scenario}-`));
  const fixture = JSON.parse(await readFile(join(dir, 'fixture.json'), 'utf8')) as Record<string, unknown>;
  const fixturePath = join(cwd, 'fixture.json');
  // pool_first is the default: left unset, as most fixtures do.
  await writeFile(fixturePath, JSON.stringify(numberAssignment === 'pool_first' ? fixture : { ...fixture, number_assignment: numberAssignment }));
  const running = await startEmulatorForTest(fixturePath);
  const args = ['-c', join(dir, 'config.yaml')];
  const env = running.env;
  const planned = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
  expect(planned.code, planned.stdout + planned.stderr).toBe(planExit);
  let writes = 0;
  const stop = running.emulator.onChange(() => writes++);
  const applied = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
  stop();
  const again = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
  return { applied, again, state: running.emulator.snapshot(), writes };
}

describe.each(['pool_first', 'provision'] as const)('international move with number_assignment: %s', (numberAssignment) => {
  it('GB → US with the only US pool number kept: the plan is blocked (no_safe_new_number), apply writes nothing (issue 13 #1, issue 27 #1)', async () => {
    const { applied, again, state } = await applyScenario('international-move-keeps-pool-number', numberAssignment, 3);
    expect(applied.code, applied.stdout + applied.stderr).toBe(3);
    expect(again.stdout).toContain('no_safe_new_number');
    expect(poolEntry(state, '+14155550199')).toBeDefined();
    expect(numbersOf(state, 'ada.lovelace@acme.com')).toEqual(['+442071234567']);
  });

  it('issue 27 #1: GB → US with kept US pool numbers and a spare one: the user holds exactly the spare one the plan names, the kept ones never leave the pool', async () => {
    const { applied, again, state, writes } = await applyScenario('international-move-names-spare-pool-number', numberAssignment);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(numbersOf(state, 'ada.lovelace@acme.com')).toEqual(['+14155550177']);
    expect(poolEntry(state, '+14155550100')).toBeDefined();
    expect(poolEntry(state, '+14155550199')).toBeDefined();
    // Unassign the GB number, move, assign the named one: nothing handed out and taken back.
    expect(writes).toBe(3);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it('pools the GB number under Acme London, the office she left (issue 13 #4)', async () => {
    const { state } = await applyScenario('international-move-names-spare-pool-number', numberAssignment);
    expect(poolEntry(state, '+442071234567')?.office_id).toBe(LONDON);
  });

  it('GB → US with a named pool number: exits 0 and the user holds exactly it (issue 13 #2)', async () => {
    const { applied, again, state } = await applyScenario('international-move-named-pool-number', numberAssignment);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(numbersOf(state, 'ada.lovelace@acme.com')).toEqual(['+14155550188']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });
});

describe('assign_number answered 409', () => {
  it('counts "already assigned to this user" as done, and still fails for a number another user holds (issue 13 #2)', async () => {
    const running = await startEmulatorForTest(join(golden, 'international-move-named-pool-number', 'fixture.json'));
    const api = createApplyApi(createDialpadClient({ baseUrl: running.url, apiKey: 'test-company-key' }));
    await api.assignNumber('7200000000000001', '+14155550188', false);
    await expect(api.assignNumber('7200000000000001', '+14155550188', false)).resolves.toBeUndefined();
    await expect(api.assignNumber('7200000000000003', '+14155550188', true)).rejects.toThrow(/409/);
  });
});

describe('a Toronto pool number', () => {
  const dir = join(golden, 'toronto-number-on-seattle-user');

  it('is a number_conflict for a Seattle (US) user and fine for a Toronto user: the plan blocks, then applies (issue 13 #3)', async () => {
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-toronto-'));
    const env = running.env;
    const blocked = await runCli(['plan', '-c', join(dir, 'config.yaml'), '--detailed-exitcode'], { cwd, env });
    expect(blocked.code, blocked.stdout + blocked.stderr).toBe(3);
    expect(blocked.stdout).toContain('+14165550123 for grace.hopper@acme.com');

    const config = (await readFile(join(dir, 'config.yaml'), 'utf8'))
      .replace('numbers: ["+12065550101", "+14165550123"]', 'numbers: ["+12065550101"]')
      .replace('office: toronto, license: talk }', 'office: toronto, license: talk, numbers: ["+14165550104", "+14165550123"] }');
    await writeFile(join(cwd, 'toronto.yaml'), config);
    const applied = await runCli(['apply', '-c', 'toronto.yaml', '--auto-approve'], { cwd, env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(numbersOf(running.emulator.snapshot(), 'tom.thomson@acme.com')).toEqual(['+14165550104', '+14165550123']);
  });
});
