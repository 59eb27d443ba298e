/**
 * Apply stops at the first surprise (issue 28), for real: the CLI plans and applies against a
 * standalone emulator over loopback whose fixture switches make it behave unlike dialform's
 * reading of Dialpad (docs/emulator.md, "Behaving unlike dialform's reading"). Apply stops after
 * the first surprising write, exits 4 naming it, writes a redacted fidelity report, and the rerun
 * plans from what Dialpad did.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countryOfNumber } from '../../src/model/countries.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(import.meta.dirname, '..', 'golden');

/** The scenario's fixture with `switches` set, written into a fresh working directory. */
async function prepare(scenario: string, switches: Record<string, string>) {
  const dir = join(golden, scenario);
  const cwd = await mkdtemp(join(tmpdir(), `dialform-surprise-${scenario}-`));
  const fixture = JSON.parse(await readFile(join(dir, 'fixture.json'), 'utf8')) as Record<string, unknown>;
  const fixturePath = join(cwd, 'fixture.json');
  await writeFile(fixturePath, JSON.stringify({ ...fixture, ...switches }));
  return { cwd, fixturePath, args: ['-c', join(dir, 'config.yaml')] };
}

/** The one fidelity report apply wrote under `.dialform/`, as text. */
async function readReport(cwd: string): Promise<string> {
  const names = (await readdir(join(cwd, '.dialform'))).filter((n) => /^surprise-\d{8}T\d{6}Z\.json$/.test(n));
  expect(names).toHaveLength(1);
  return readFile(join(cwd, '.dialform', names[0] ?? ''), 'utf8');
}

/** The office's unassigned talk lines, as Dialpad (the emulator) reports them. */
async function freeTalkLines(url: string, officeId: string): Promise<number> {
  const res = await fetch(`${url}/api/v2/offices/${officeId}/available_licenses`, { headers: { authorization: 'Bearer test-company-key' } });
  return Number(((await res.json()) as { talk_lines?: unknown }).talk_lines ?? 0);
}

describe('apply stops at the first surprise', () => {
  it('a suspension that keeps the license (suspended_licenses: kept) is no surprise: the plan never counts the line freed, so apply completes and converges', async () => {
    const { cwd, fixturePath, args } = await prepare('unmanaged-users-suspend', { suspended_licenses: 'kept' });
    const running = await startEmulatorForTest(fixturePath);
    const before = await freeTalkLines(running.url, '6100000000000001');
    const applied = await runCli(['apply', ...args, '--auto-approve'], { cwd, env: running.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(running.emulator.snapshot().users.find((u) => u.emails[0] === 'dennis.ritchie@acme.com')?.state).toBe('suspended');
    // The switch works: the suspension freed no line.
    expect(await freeTalkLines(running.url, '6100000000000001')).toBe(before);
    expect(applied.stderr).not.toContain('Surprise');
    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env: running.env });
    expect(final.code, final.stdout + final.stderr).toBe(0);
  });

  it('a license change Dialpad answers without making (license_changes: ignored): stops before the create that needed the freed line, reports it, and the rerun converges once Dialpad makes it', async () => {
    const { cwd, fixturePath, args } = await prepare('license-downgrade-frees-line', { license_changes: 'ignored' });
    const running = await startEmulatorForTest(fixturePath);
    const applied = await runCli(['apply', ...args, '--auto-approve', '--format', 'json'], { cwd, env: running.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(4);
    expect(applied.stderr).toContain('Dialpad did leave the license talk where the plan predicted the license lite_lines');
    expect(applied.stderr).toContain('Stopped at op-1. Succeeded: none. Not run: op-2.');
    const outcome = JSON.parse(applied.stdout) as { apply: { status: string; surprise?: { operation: string; field: string; report: string } } };
    expect(outcome.apply).toMatchObject({ status: 'failed', surprise: { operation: 'op-1', field: 'license' } });
    // The write that surprised was the last one: Ken, who needed the line it should have freed, was never created.
    const writes = running.emulator.requestLog().filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.route}`)).toEqual(['PATCH /api/v2/users/{id}']);

    const report = await readReport(cwd);
    expect(await readFile(outcome.apply.surprise?.report ?? '', 'utf8')).toBe(report);
    expect(report).not.toContain('alan.turing@acme.com');
    expect(report).not.toContain('test-company-key');
    expect(JSON.parse(report)).toMatchObject({ field: 'license', dialpad_did: 'leave the license talk', plan_predicted: 'the license lite_lines', operation: { id: 'op-1', kind: 'update_user' }, answer: { license: 'talk' } });
    const journal = await readFile(join(cwd, '.dialform', 'journal.jsonl'), 'utf8');
    expect(journal).toMatch(/"op":"op-1","kind":"update_user","status":"done".*"surprise":"op-1 .*Dialpad did leave the license talk/);

    // The rerun plans from what Dialpad did: Alan still holds talk, so the change is planned again.
    const again = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env: running.env });
    expect(again.code, again.stdout + again.stderr).toBe(2);
    expect(again.stdout).toContain('license: talk → lite_lines');

    // Once Dialpad makes license changes (the same company, the switch off), apply converges.
    const fixed = join(cwd, 'fixed.json');
    const { license_changes: _ignored, ...state } = running.emulator.snapshot();
    await writeFile(fixed, JSON.stringify(state));
    const repaired = await startEmulatorForTest(fixed);
    const rerun = await runCli(['apply', ...args, '--auto-approve'], { cwd, env: repaired.env });
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env: repaired.env });
    expect(final.code, final.stdout + final.stderr).toBe(0);
  });

  it('a number Dialpad chooses from another country (number_assignment: foreign): stops at the move, reports it, and the rerun plans from the number Dialpad chose', async () => {
    const { cwd, fixturePath } = await prepare('international-move-leaves-wanted-pool-number', { number_assignment: 'foreign' });
    // Without the kept pool number, Ada's move asks Dialpad for a number once Alan's is assigned
    // (no_safe_new_number blocks it otherwise, issue 27 #1).
    const fixture = JSON.parse(await readFile(fixturePath, 'utf8')) as { numbers: { number: string }[] };
    await writeFile(fixturePath, JSON.stringify({ ...fixture, numbers: fixture.numbers.filter((n) => n.number !== '+14155550199') }));
    const config = await readFile(join(golden, 'international-move-leaves-wanted-pool-number', 'config.yaml'), 'utf8');
    await writeFile(join(cwd, 'config.yaml'), config.replace('reserved_numbers:\n  keep: ["+14155550199"]\n', ''));
    const args = ['-c', join(cwd, 'config.yaml')];
    const running = await startEmulatorForTest(fixturePath);
    const applied = await runCli(['apply', ...args, '--auto-approve'], { cwd, env: running.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(4);
    const ada = running.emulator.snapshot().users.find((u) => u.emails[0] === 'ada.lovelace@acme.com');
    const chosen = ada?.phone_numbers?.[0] ?? '';
    expect(countryOfNumber(chosen)).toBe('CA');
    expect(applied.stderr).toContain(`Dialpad did choose ${chosen} (CA) where the plan predicted a number of US`);
    // The move is the plan's last write (Alan's assign goes first); stopping before a next write is the license case's.
    expect(applied.stdout).toContain('Stopped at op-2. Succeeded: op-1. Not run: none.');

    const report = await readReport(cwd);
    expect(report).not.toContain(chosen);
    expect(report).not.toContain('ada.lovelace@acme.com');
    expect(JSON.parse(report)).toMatchObject({ field: 'number country', plan_predicted: 'a number of US', request: { call: 'assignChosenNumber' } });

    const rerun = await runCli(['apply', ...args, '--auto-approve'], { cwd, env: running.env });
    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env: running.env });
    expect({ rerun: rerun.code, final: final.code }, rerun.stdout + rerun.stderr + final.stdout + final.stderr).toEqual({ rerun: 0, final: 0 });
  });
});
