import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type Fixture, type RunningEmulator } from '../../src/emulator/index.js';
import type { DoctorReport } from '../../src/doctor/types.js';
import { runCli } from '../support/cli.js';
import { makeFixture } from '../support/emulator-harness.js';

const COMPANY_KEY = 'doctor-company-key-8c1f';
const OFFICE_KEY = 'doctor-office-key-5e2a';

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The fixture with a company-admin key and a key scoped to HQ (Dialpad's office-level keys). */
function fixtureWithKeys(extra: Partial<Fixture> = {}): Fixture {
  return { ...makeFixture(), api_keys: [{ key: COMPANY_KEY, scope: 'company' }, { key: OFFICE_KEY, scope: 'office', office_id: '10' }], ...extra };
}

/** Serves `fixture` over loopback and runs `dialform doctor …args` against it with `key`. */
async function doctor(fixture: Fixture, args: string[] = [], opts: { key?: string; faults?: string } = {}): Promise<{ code: number; stdout: string; stderr: string; emulator: Emulator }> {
  const emulator = createEmulator({ fixture, rateLimit: 0, ...(opts.faults === undefined ? {} : { faults: opts.faults }) });
  running = await emulator.listen(0);
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-doctor-'));
  const result = await runCli(['doctor', ...args], { cwd, env: { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: opts.key ?? COMPANY_KEY } });
  return { ...result, emulator };
}

const codes = (report: DoctorReport) => report.findings.map((f) => `${f.severity} ${f.code}`);

describe('dialform doctor (issue 28)', () => {
  it('passes against the emulator, reads with GETs only, and says what it read', async () => {
    const { code, stdout, stderr, emulator } = await doctor(fixtureWithKeys());
    expect(code, stdout + stderr).toBe(0);
    const log = emulator.requestLog();
    expect(log.length).toBeGreaterThan(5);
    expect(log.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(stdout).toContain('works; company admin');
    expect(stdout).toContain('plan tier pro');
    expect(stdout).toMatch(/Users {6}4: 4 active/);
    expect(stdout).toMatch(/Plan read  at most \d+ requests/);
    expect(stdout).toMatch(/Clock {6}Dialpad .*: -?[01] s apart/);
    expect(stdout).toContain('user.UserProto: 4 record(s), as described');
    expect(stdout).toMatch(/confirmed +user_license_lines/);
    expect(stdout).toContain('Nothing to act on.');
    expect(stdout).not.toContain(COMPANY_KEY);
  });

  it('names a response shape Dialpad changed: the renamed field as not described, the one dialform reads as lacking', async () => {
    const { code, stdout } = await doctor(fixtureWithKeys(), ['--format', 'json'], { faults: 'rate=0,rename=license:license_type' });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as DoctorReport;
    const users = report.shapes.find((s) => s.schema === 'schemas.user.UserProto');
    expect(users?.unknown_fields).toEqual({ license_type: 4 });
    expect(users?.missing_fields).toEqual({ license: 4 });
    expect(codes(report)).toContain('error response_shape');
    expect(codes(report)).toContain('warning unknown_fields');
    expect(report.findings.find((f) => f.code === 'response_shape')?.message).toBe('user.UserProto: 4 of 4 record(s) lack license, which dialform reads');
  });

  it('names a key that works but is not a company-admin key, and writes nothing', async () => {
    const { code, stdout, emulator } = await doctor(fixtureWithKeys(), [], { key: OFFICE_KEY });
    expect(code).toBe(1);
    expect(stdout).toContain('works; NOT a company-admin key');
    expect(stdout).toMatch(/^error key_not_company_admin: /m);
    expect(stdout).toContain('Have a company admin create the key.');
    expect(stdout).not.toContain(OFFICE_KEY);
    expect(emulator.requestLog().every((r) => r.method === 'GET')).toBe(true);
  });

  it('names a key Dialpad refuses', async () => {
    const { code, stdout } = await doctor(fixtureWithKeys(), ['--format', 'json'], { key: 'not-a-key-of-this-company' });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report.key).toEqual({ works: false, company_admin: 'unknown' });
    expect(codes(report)).toEqual(['error key_rejected']);
  });

  it("names Dialpad's clock when it is far from ours", async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
    const { code, stdout } = await doctor(fixtureWithKeys({ clock: twoDaysAgo }), ['--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report.clock?.skew_seconds).toBeLessThan(-2 * 24 * 3600 + 60);
    expect(report.findings.find((f) => f.code === 'clock_skew')).toMatchObject({ severity: 'error', message: "Dialpad's clock is 48 h behind this machine's" });
  });

  it('masks names, emails and numbers by default; --no-redact shows them', async () => {
    const fixture = fixtureWithKeys();
    fixture.offices[1] = { ...fixture.offices[1]!, licenses: { talk_lines: 1 } };
    // A foreign number held in a US office: the assumption check quotes it.
    fixture.users[2] = { ...fixture.users[2]!, phone_numbers: ['+442071230103'] };
    fixture.numbers = [...(fixture.numbers ?? []), { number: '+442071230103', status: 'user', office_id: '10', target_id: '103', target_type: 'user', type: 'local' }];
    const redacted = await doctor(fixture);
    expect(redacted.stdout).toMatch(/CONTRADICTED user_numbers_in_office_country: 1 of \d+: \+44•+03 \(GB\) in a US office/);
    expect(redacted.stdout).not.toMatch(/Acme|\+442071230103/);
    expect(redacted.code).toBe(0);
    await running?.close();
    const shown = await doctor(fixture, ['--no-redact']);
    expect(shown.stdout).toContain('10 Acme HQ (US)');
    expect(shown.stdout).toContain('+442071230103');
  });
});
