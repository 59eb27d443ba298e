/**
 * The built CLI as a process, once per flag whose other tests run the command tree in-process
 * (test/support/cli-in-process.ts; docs/testing.md): `status --search/--view/--with/--format csv/--redact`
 * (test/unit/status-command.test.ts), `import --with` (test/unit/e911-converge.test.ts), `import
 * --lifecycle` (test/unit/lifecycle-external.test.ts), `emulator snapshot --pseudonymize` and
 * `--emulator-reset` (test/unit/emulator-snapshot.test.ts). Each asserts what those tests assert
 * about the flag, through the argv a shell passes and the exit status and pipes it reads.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { ROOT, runCli } from '../support/cli.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(ROOT, 'test', 'golden');

describe('flags through the built CLI', () => {
  it('status --format csv --view, one view only, and --redact --search (issue 27 #17)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-status-flags-'));
    await cp(join(golden, 'offboard-one-user-under-ignore'), cwd, { recursive: true });
    const applied = await runCli(['apply', '-c', 'config.yaml', '--emulator', 'fixture.json', '--auto-approve'], { cwd });
    expect(applied.code, applied.stderr).toBe(0);
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
    const phones = await runCli(['status', '-c', 'config.yaml', '--emulator', '--with', 'deskphones', '--format', 'csv', '--view', 'users'], { cwd });
    expect(phones.code, phones.stderr).toBe(0);
    expect(phones.stdout.split('\r\n')[0]).toBe('email,name,office,license,state,permissions,numbers,deskphones');
  });

  it("import --with e911 writes a user's own E911 address; --lifecycle external writes policy.lifecycle, and refuses an owner it does not know", async () => {
    const fixture = JSON.parse(await readFile(join(golden, 'user-e911-override', 'fixture.json'), 'utf8')) as Fixture;
    const alan = fixture.users.find((u) => u.emails[0] === 'alan.turing@acme.com');
    if (alan === undefined) throw new Error('fixture without Alan');
    alan['e911_address'] = { address: '77 Mass Ave', address2: 'Apt 4', city: 'Cambridge', state: 'ma', zip: '02139', country: 'us' };
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-flags-'));
    await writeFile(join(cwd, 'fixture.json'), JSON.stringify(fixture));
    const running = await startEmulatorForTest(join(cwd, 'fixture.json'));
    const imported = await runCli(['import', '-o', 'company', '--with', 'e911'], { cwd, env: running.env });
    expect(imported.code, imported.stderr).toBe(0);
    const users = await readFile(join(cwd, 'company', 'users', 'acme-hq.yaml'), 'utf8');
    expect(users).toContain('e911: { address: 77 Mass Ave, address2: Apt 4, city: Cambridge, state: ma, zip: "02139", country: US }');

    const external = await runCli(['import', '-o', 'out', '--emulator', 'fixture.json', '--lifecycle', 'external'], { cwd });
    expect(external.code, external.stderr).toBe(0);
    expect(await readFile(join(cwd, 'out', 'dialform.yaml'), 'utf8')).toMatch(/policy:\n {2}unmanaged_users: ignore\n {2}lifecycle: external\n/);
    const bad = await runCli(['import', '-o', 'out2', '--emulator', '--lifecycle', 'okta'], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("'okta' is invalid");
  });

  it('emulator snapshot --pseudonymize leaves out every original email; plan --emulator-reset re-seeds the saved state from the twin', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-snapshot-flags-'));
    await cp(join(ROOT, 'examples', 'acme'), join(cwd, 'acme'), { recursive: true });
    const live = JSON.parse(await readFile(join(cwd, 'acme', 'live.json'), 'utf8')) as Fixture;
    const running = await startEmulatorForTest(join(cwd, 'acme', 'live.json'));
    const snap = await runCli(['emulator', 'snapshot', '--pseudonymize', '-o', 'pseudo.json'], { cwd, env: running.env });
    expect(snap.code, snap.stderr).toBe(0);
    const text = await readFile(join(cwd, 'pseudo.json'), 'utf8');
    for (const email of live.users.flatMap((u) => u.emails)) expect(text.toLowerCase()).not.toContain(email.toLowerCase());

    expect((await runCli(['emulator', 'snapshot', '-o', 'twin.json'], { cwd, env: running.env })).code).toBe(0);
    // Seeds the saved state from the pseudonymized company (whose plan is blocked: its offices are not acme's).
    expect((await runCli(['plan', '-c', 'acme', '--emulator', 'pseudo.json'], { cwd })).stderr).not.toContain('continues from its saved state');
    const kept = await runCli(['plan', '-c', 'acme', '--emulator', 'twin.json'], { cwd });
    expect(kept.stderr).toContain('continues from its saved state');
    const onLive = await runCli(['plan', '-c', 'acme', '--format', 'json'], { cwd, env: running.env });
    const onTwin = await runCli(['plan', '-c', 'acme', '--emulator', 'twin.json', '--emulator-reset', '--format', 'json'], { cwd });
    expect(onTwin.code, onTwin.stderr).toBe(onLive.code);
    expect(onTwin.stderr).not.toContain('continues from its saved state');
    expect(JSON.parse(onTwin.stdout).basis).toEqual(JSON.parse(onLive.stdout).basis);
  });
});
