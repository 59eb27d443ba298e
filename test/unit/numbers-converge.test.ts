import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(import.meta.dirname, '..', 'golden');

/** Every company number, sorted: what must survive a reshuffle. */
function companyNumbers(state: Fixture): string[] {
  return (state.numbers ?? []).map((n) => n.number).sort();
}

/** Primary email → the user's numbers, primary first. */
function holdings(state: Fixture): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const u of state.users ?? []) {
    const email = u.emails?.[0];
    if (email !== undefined && u.state !== 'deleted') out[email] = [...(u.phone_numbers ?? [])];
  }
  return out;
}

/**
 * Number reshuffles through the reserved pool, applied for real: the CLI plans and applies
 * against a standalone emulator over loopback; the next plan is empty, every user holds what
 * config says, and no number left the company on the way (no release, the same number set).
 */
describe.each([
  {
    scenario: 'number-swap-through-pool',
    want: { 'grace.hopper@acme.com': ['+14155550102'], 'alan.turing@acme.com': ['+14155550101'] },
  },
  {
    scenario: 'number-cycle-three-way',
    want: {
      'grace.hopper@acme.com': ['+14155550102'],
      'alan.turing@acme.com': ['+14155550103'],
      'ada.lovelace@acme.com': ['+14155550101'],
    },
  },
])('$scenario applies and converges', ({ scenario, want }) => {

  it('moves every number to its new owner without releasing any', async () => {
    const dir = join(golden, scenario);
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), `dialform-${scenario}-`));
    const args = ['-c', join(dir, 'config.yaml')];
    const env = running.env;
    const before = running.emulator.snapshot();

    const planned = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
    expect(planned.code, planned.stdout + planned.stderr).toBe(2);

    const applied = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);

    const after = running.emulator.snapshot();
    expect(holdings(after)).toMatchObject(want);
    expect(companyNumbers(after)).toEqual(companyNumbers(before));
    // Every reshuffled number is held again: none was left behind in the pool.
    const pooled = (after.numbers ?? []).filter((n) => n.status === 'available').map((n) => n.number);
    expect(pooled.filter((n) => Object.values(want).flat().includes(n))).toEqual([]);
    const deletes = Object.keys(running.emulator.stats().requests).filter((k) => k.startsWith('DELETE /api/v2/numbers'));
    expect(deletes).toEqual([]);

    const again = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });
});
