/**
 * An international move whose config leaves the user's numbers to the move (no `numbers:`) stopped
 * between the move and the number it gives: the user is in the new office without a number, which
 * no read of Dialpad tells from a user who never had one. The journal does: the next plan, a fresh
 * one (a plain `apply` rerun, not the saved plan), finishes the move and gives the number.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmulator, parseFixture, type Fixture } from '../../src/emulator/index.js';
import { readUnfinishedMoves } from '../../src/apply/journal.js';
import type { JournalEntry } from '../../src/journal-types.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';

const scenario = join(import.meta.dirname, '..', 'golden', 'international-move-names-spare-pool-number');
const config = join(scenario, 'config.yaml');
const ADA = 'ada.lovelace@acme.com';
const ADA_ID = '7200000000000003';
const HQ = '6100000000000001';

const numbersOf = (state: Fixture, email: string): string[] => [...(state.users.find((u) => u.emails[0] === email)?.phone_numbers ?? [])];
const officeOf = (state: Fixture, email: string): string | undefined => state.users.find((u) => u.emails[0] === email)?.office_id;

async function serve(fixture: Fixture, faults?: string) {
  const emulator = createEmulator({ fixture, rateLimit: 0, ...(faults === undefined ? {} : { faults }) });
  const running = await emulator.listen(0);
  onTestFinished(() => running.close());
  return { emulator, env: { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: 'test-company-key' } };
}

describe('an international move stopped between the move and its new number', () => {
  it('is finished by the next plain apply: the user gets the number the move gave, and the plan after is empty', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-part-way-'));
    const fixture = parseFixture(await readFile(join(scenario, 'fixture.json'), 'utf8'), 'fixture.json');
    // Every assign to Ada fails: the move lands, the number never does.
    const failing = await serve(fixture, `rate=0,fail=POST:/api/v2/users/${ADA_ID}/assign_number`);
    const first = await runCli(['apply', '-c', config, '--auto-approve'], { cwd, env: failing.env });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    const stopped = failing.emulator.snapshot();
    expect(officeOf(stopped, ADA)).toBe(HQ);
    expect(numbersOf(stopped, ADA)).toEqual([]);

    // Dialpad recovers; the same company, the same journal.
    const healthy = await serve(stopped);
    const plan = await runCli(['plan', '-c', config, '--detailed-exitcode'], { cwd, env: healthy.env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    expect(plan.stdout).toContain('earlier apply stopped part way');
    const rerun = await runCli(['apply', '-c', config, '--auto-approve'], { cwd, env: healthy.env });
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    const after = healthy.emulator.snapshot();
    expect(officeOf(after, ADA)).toBe(HQ);
    expect(numbersOf(after, ADA)).toEqual(['+14155550177']);
    const again = await runCli(['plan', '-c', config, '--detailed-exitcode'], { cwd, env: healthy.env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 60_000);
});

describe('readUnfinishedMoves', () => {
  const line = (status: JournalEntry['status'], extra: Partial<JournalEntry> = {}): JournalEntry => ({
    plan: 'p',
    op: 'op-1',
    kind: 'move_user',
    status,
    at: '2026-12-01T00:00:00Z',
    subject: 'Ada@acme.com',
    owes_number: { from: 'london', to: 'hq' },
    ...extra,
  });

  it.each([
    ['a move killed mid-write (started)', [line('started')], [{ email: 'ada@acme.com', from: 'london', to: 'hq' }]],
    ['a move that failed', [line('started'), line('failed')], [{ email: 'ada@acme.com', from: 'london', to: 'hq' }]],
    ['a move seen done', [line('started'), line('done')], []],
    ['a move finished by a later plan', [line('failed'), line('done', { plan: 'q' })], []],
    ['a move that gives no new number', [line('started', { owes_number: undefined })], []],
  ])('%s', (_name, entries, expected) => {
    expect(readUnfinishedMoves(entries)).toEqual(expected);
  });
});
