/**
 * Rehearsing with `--emulator` on one machine: plan → apply (waits for the manual step, exit 4) →
 * `dialform emulator do …` (the step, on the embedded emulator's saved state, named by the plan) →
 * apply converges. Each command is a separate run (in-process: test/support/cli-in-process.ts)
 * on the embedded emulator's saved state; test/integration/cli-converge.test.ts holds that state
 * across separate processes.
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';

const scenario = join(import.meta.dirname, '..', 'integration', 'scenarios', 'license-transfer');

async function rehearsalDir(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-rehearsal-'));
  await cp(scenario, cwd, { recursive: true });
  return cwd;
}

describe('rehearsing a license transfer with --emulator (issue 14 #7)', () => {
  it('plan names the emulator do command; apply waits; the command does the step; apply converges (issue 14 #7)', async () => {
    const cwd = await rehearsalDir();
    const args = ['-c', 'config.yaml', '--emulator'];
    const command = 'dialform emulator do transfer-licenses --from hq --to boston --kind talk --count 1 -c config.yaml';

    const plan = await runCli(['plan', ...args, 'fixture.json', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain(`Rehearsing with --emulator: do it with \`${command}\`.`);

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toContain(command);

    const done = await runCli(command.split(' ').slice(1), { cwd });
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe('Transferred 1 talk license(s) from Transfer HQ to Transfer Boston.\n');

    const second = await runCli(['apply', ...args, '--auto-approve'], { cwd });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stderr).toContain('Verified');
    const state = JSON.parse(await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8')) as Fixture;
    expect(state.users.some((u) => u.emails[0] === 'f@transfer.example')).toBe(true);
  });

  it('refuses a step Dialpad would refuse, saying why, and leaves the state as it was (issue 14 #7)', async () => {
    const cwd = await rehearsalDir();
    expect((await runCli(['plan', '-c', 'config.yaml', '--emulator', 'fixture.json'], { cwd })).code).toBe(0);
    const before = await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8');
    const refused = await runCli(['emulator', 'do', 'transfer-licenses', '--from', 'hq', '--to', 'boston', '--kind', 'talk', '--count', '9', '-c', 'config.yaml'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error emulator_step_refused: transfer 9 talk license\(s\) from Transfer HQ to Transfer Boston: office \d+ \(Transfer HQ\) has only 2 unassigned talk_lines; only unassigned licenses can be transferred\n$/);
    expect(await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8')).toBe(before);

    const unknown = await runCli(['emulator', 'do', 'restore-user', 'nobody@transfer.example'], { cwd });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error emulator_step_refused: restore nobody@transfer.example: no user nobody@transfer.example in the emulated company\n');
  });

  it('says to run a command with --emulator first when there is no saved state (issue 14 #7)', async () => {
    const cwd = await rehearsalDir();
    const result = await runCli(['emulator', 'do', 'grant-analytics', 'a@transfer.example'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('run a command with --emulator first');
  });
});
