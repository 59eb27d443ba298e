/** `dialform status` (the command tree in-process, test/support/cli-in-process.ts) against the embedded emulator: read-only, the three views. */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/journal-types.js';
import type { Status } from '../../src/status/build-status.js';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

/** The offboarding golden (its fixture's clock, 2026-11-26T09:00Z, is days from this machine's) in a scratch directory. */
async function offboarding(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-status-'));
  await cp(join(ROOT, 'test', 'golden', 'offboard-one-user-under-ignore'), cwd, { recursive: true });
  return cwd;
}

/** A plain `apply -c`, as CI runs it: no saved plan anywhere. */
async function applyPlainly(cwd: string): Promise<void> {
  const applied = await runCli(['apply', '-c', 'config.yaml', '--emulator', 'fixture.json', '--auto-approve'], { cwd });
  expect(applied.code, applied.stderr).toBe(0);
}

async function readStatus(cwd: string, extra: string[] = []): Promise<Status> {
  const json = await runCli(['status', '-c', 'config.yaml', '--emulator', '--format', 'json', ...extra], { cwd });
  expect(json.code, json.stderr).toBe(0);
  return JSON.parse(json.stdout) as Status;
}

describe('dialform status (issue 14)', () => {
  it('shows the three views after an offboarding, with who the number was last for and the time left to restore', async () => {
    const cwd = await offboarding();
    expect((await runCli(['plan', '-c', 'config.yaml', '--emulator', 'fixture.json', '--out', 'plan.json'], { cwd })).code).toBe(0);
    const applied = await runCli(['apply', 'plan.json', '-c', 'config.yaml', '--emulator', '--auto-approve'], { cwd });
    expect(applied.code, applied.stderr).toBe(0);
    const state = await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8');

    const status = await readStatus(cwd, ['--plan', 'plan.json']);
    expect(status.users.map((u) => `${u.email} ${u.state}`)).toEqual([
      'dennis.ritchie@acme.com active',
      'grace.hopper@acme.com active',
      'niklaus.wirth@acme.com suspended',
    ]);
    expect(status.reserved_numbers).toMatchObject([{ number: '+14155550102', office: 'Acme HQ', last_for: 'alan.turing@acme.com' }]);
    // By the embedded emulator's clock (each run starts it at the fixture's time): the window is all but untouched.
    expect(status.deleted_users).toMatchObject([{ email: 'alan.turing@acme.com' }]);
    expect(status.deleted_users[0]?.hours_left).toBeGreaterThanOrEqual(71);
    expect(status.deleted_users[0]?.hours_left).toBeLessThanOrEqual(72);

    const text = await runCli(['status', '-c', 'config.yaml', '--emulator', '--search', 'company admin'], { cwd });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Active or Pending Users (1, matching "company admin"):\n  grace.hopper@acme.com  Grace Hopper  Acme HQ  talk  active  company admin  +14155550101\n');
    const numbers = await runCli(['status', '-c', 'config.yaml', '--emulator', '--view', 'numbers'], { cwd });
    expect(numbers.stdout).toMatch(/\+14155550102 {2}Acme HQ {2}last for alan\.turing@acme\.com, unassigned 2026-11-26T09:0/);
    // Read-only: the emulator's state is as the apply left it.
    expect(await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8')).toBe(state);
  });
});

describe('dialform status after a plain apply, on Dialpad’s clock (issue 27)', () => {
  it('status forgets what dialform did: after a plain apply -c, the journal alone says who the number was last for and when the user was deleted (issue 27 #6)', async () => {
    const cwd = await offboarding();
    await applyPlainly(cwd);
    const status = await readStatus(cwd);
    expect(status.reserved_numbers).toMatchObject([{ number: '+14155550102', last_for: 'alan.turing@acme.com' }]);
    // By the embedded emulator's clock (each run starts it at the fixture's time): the window is all but untouched.
    expect(status.deleted_users).toMatchObject([{ email: 'alan.turing@acme.com' }]);
    expect(status.deleted_users[0]?.hours_left).toBeGreaterThanOrEqual(71);
    expect(status.deleted_users[0]?.hours_left).toBeLessThanOrEqual(72);
    expect(status.deleted_users[0]?.deleted_at).not.toBeNull();
    const text = await runCli(['status', '-c', 'config.yaml', '--emulator', '--view', 'all'], { cwd });
    expect(text.stdout).not.toContain('unknown');
  });

  it('status uses the local clock: deadlines, hours left and the read time follow the emulator’s clock, set days apart (issue 27 #4)', async () => {
    const cwd = await offboarding();
    await applyPlainly(cwd);
    // The journal is dated by Dialpad's clock (the fixture's 2026-11-26T09:00Z), not this machine's.
    const journal = (await readFile(join(cwd, '.dialform', 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as JournalEntry);
    const deleted = journal.find((e) => e.kind === 'delete_user' && e.status === 'done');
    expect(deleted?.at).toMatch(/^2026-11-26T09:0/);
    // 70 h 30 min after the deletion by Dialpad's clock: 1 h left, whatever this machine's clock says.
    const statePath = join(cwd, '.dialform', 'emulator-state.json');
    const later = new Date(Date.parse(deleted!.at) + (70 * 60 + 30) * 60_000).toISOString();
    await writeFile(statePath, JSON.stringify({ ...(JSON.parse(await readFile(statePath, 'utf8')) as object), clock: later }));
    const status = await readStatus(cwd);
    expect(status.read_at.slice(0, 16)).toBe(later.slice(0, 16));
    expect(status.deleted_users).toMatchObject([{ email: 'alan.turing@acme.com', hours_left: 1, restorable_until: new Date(Date.parse(deleted!.at) + 72 * 3_600_000).toISOString() }]);
    const text = await runCli(['status', '-c', 'config.yaml', '--emulator'], { cwd });
    expect(text.stdout).toContain(`(1 h left)`);
    expect(text.stdout).toContain(`Read from Dialpad at ${later.slice(0, 16)}`);
  });

  it('status at scale through the CLI: csv per view, one view only, and --redact (issue 27 #17)', async () => {
    const cwd = await offboarding();
    await applyPlainly(cwd);
    const csv = await runCli(['status', '-c', 'config.yaml', '--emulator', '--format', 'csv', '--view', 'numbers'], { cwd });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toMatch(/^number,office,last_for,unassigned_at\r\n\+14155550102,Acme HQ,alan\.turing@acme\.com,2026-11-26T09:0\d:\d\d\.000Z\r\n$/);
    const two = await runCli(['status', '-c', 'config.yaml', '--emulator', '--format', 'csv', '--view', 'users', 'numbers'], { cwd });
    expect(two.code).not.toBe(0);
    expect(two.stderr).toContain('--format csv writes one view: add exactly one --view summary|users|numbers|deleted');
    const redacted = await runCli(['status', '-c', 'config.yaml', '--emulator', '--view', 'all', '--redact', '--search', '+1 (415) 555-0102'], { cwd });
    expect(redacted.code, redacted.stderr).toBe(0);
    expect(redacted.stdout).toContain('Reserved Numbers (1, matching "+• (•••) •••-••02")');
    expect(redacted.stdout).not.toMatch(/alan|turing|4155550102/i);
  });
});

describe('dialform status --view e911 (issue 29)', () => {
  it('lists an office with users and no address in Dialpad and a user declared incomplete, reading each office address once, and nothing without the view', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-status-e911-'));
    const golden = join(ROOT, 'test', 'golden', 'user-e911-override');
    const fixture = JSON.parse(await readFile(join(golden, 'fixture.json'), 'utf8')) as { offices: Record<string, unknown>[] };
    delete fixture.offices[0]?.['e911_address'];
    await writeFile(join(cwd, 'fixture.json'), JSON.stringify(fixture));
    const config = (await readFile(join(golden, 'config.yaml'), 'utf8')).replace('../../../schemas', join(ROOT, 'schemas'));
    await writeFile(join(cwd, 'config.yaml'), config);
    const running = await startEmulatorForTest(join(cwd, 'fixture.json'));
    let seen = 0;
    /** The E911 requests since the last call. */
    const e911Reads = (): string[] => {
      const log = running.emulator.requestLog();
      const fresh = log.slice(seen);
      seen = log.length;
      return fresh.flatMap((r) => (r.path.endsWith('/e911') ? [`${r.method} ${r.path}`] : []));
    };

    const asked = await runCli(['status', '-c', 'config.yaml', '--view', 'e911', '--format', 'json'], { cwd, env: running.env });
    expect(asked.code, asked.stderr).toBe(0);
    const status = JSON.parse(asked.stdout) as Status;
    expect(status.e911?.offices).toEqual([{ office: 'Acme HQ', country: 'US', users: 2, e911_address: null, missing: ['address', 'city', 'state', 'zip', 'country'] }]);
    expect(status.e911?.users.map((u) => `${u.email} ${u.declared_in} ${u.missing.join(',')}`)).toEqual(['grace.hopper@acme.com config zip']);
    expect(status.summary.e911).toEqual({ offices_without_address: 1, users_incomplete: 1 });
    // The office's address once (the plan's read and the view's are one), Alan's (config declares it).
    expect(e911Reads().sort()).toEqual(['GET /api/v2/offices/6100000000000001/e911', 'GET /api/v2/users/7200000000000002/e911']);

    const text = await runCli(['status', '-c', 'config.yaml', '--view', 'e911', '--redact'], { cwd, env: running.env });
    expect(text.stdout).toContain('E911 gaps: 1 office(s) with users and no complete address in Dialpad, 1 user(s) with an incomplete own address');
    expect(text.stdout).not.toContain('12 Oak Ave');
    e911Reads();

    const plain = await runCli(['status', '--format', 'json'], { cwd: await mkdtemp(join(tmpdir(), 'dialform-status-e911-none-')), env: running.env });
    expect(plain.code, plain.stderr).toBe(0);
    expect((JSON.parse(plain.stdout) as Status).e911).toBeNull();
    expect(e911Reads()).toEqual([]);
  });
});
