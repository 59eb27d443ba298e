/**
 * Issue 27 #1: an international move killed with SIGKILL at every write it makes, then rerun.
 * Whatever the point of the kill, no number config keeps ever ends on the moved user: the plan
 * names the one she gets, and apply never puts another on her. Every kill point ends with the
 * named number: a kill between the move and the assign (write 2) leaves her in the new office
 * without a number, which no read tells from a user who never had one, but the journal does, and
 * the rerun's plan finishes the move (docs/rules.md, "International transfers").
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator, parseFixture, type Fixture } from '../../src/emulator/index.js';
import { runCli } from '../support/cli.js';
import { runCliKilledMidWrite } from '../support/killed-cli.js';

const scenario = join(import.meta.dirname, '..', 'golden', 'international-move-names-spare-pool-number');
const KEPT = ['+14155550100', '+14155550199'];
const ADA = 'ada.lovelace@acme.com';

const numbersOf = (state: Fixture, email: string): string[] => [...(state.users.find((u) => u.emails[0] === email)?.phone_numbers ?? [])];

async function startCompany() {
  const fixture = parseFixture(await readFile(join(scenario, 'fixture.json'), 'utf8'), 'fixture.json');
  const emulator = createEmulator({ fixture, rateLimit: 0 });
  const running = await emulator.listen(0);
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-move-killed-'));
  const env = { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: 'test-company-key' };
  return { emulator, running, cwd, env };
}

const args = ['apply', '-c', join(scenario, 'config.yaml'), '--auto-approve'];

describe('issue 27 #1: an international move killed at every step and rerun', () => {
  it('leaves no kept number on the moved user, at any kill point, and ends with the number the plan named', async () => {
    // The move's writes, counted in an uninterrupted run: unassign her GB number, move, assign the named number.
    const whole = await startCompany();
    let total = 0;
    const stop = whole.emulator.onChange(() => total++);
    const full = await runCli(args, { cwd: whole.cwd, env: whole.env });
    stop();
    await whole.running.close();
    expect(full.code, full.stdout + full.stderr).toBe(0);
    expect(total).toBe(3);

    for (let killAt = 1; killAt <= total; killAt++) {
      const { emulator, running, cwd, env } = await startCompany();
      try {
        const seen: string[][] = [];
        const watch = emulator.onChange((state) => seen.push(numbersOf(state, ADA)));
        const killed = await runCliKilledMidWrite({ emulator, args, cwd, env, killWhen: (_state, writes) => writes === killAt });
        expect(killed.exit, `kill at write ${killAt}: ${killed.stderr}`).toBe('SIGKILL');
        const rerun = await runCli(args, { cwd, env });
        watch();
        expect(rerun.code, `rerun after a kill at write ${killAt}: ${rerun.stdout}${rerun.stderr}`).toBe(0);
        const state = emulator.snapshot();
        expect(numbersOf(state, ADA), `after a kill at write ${killAt}`).toEqual(['+14155550177']);
        // Not even for a moment: every state the emulator went through.
        for (const held of seen) expect(held.filter((n) => KEPT.includes(n)), `kill at write ${killAt}`).toEqual([]);
        for (const n of KEPT) expect(state.numbers.find((x) => x.number === n)).toMatchObject({ status: 'available' });
        const plan = await runCli(['plan', '-c', join(scenario, 'config.yaml'), '--detailed-exitcode'], { cwd, env });
        expect(plan.code, `plan after a kill at write ${killAt}: ${plan.stdout}${plan.stderr}`).toBe(0);
      } finally {
        await running.close();
      }
    }
  }, 180_000);
});
