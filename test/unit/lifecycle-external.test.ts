/**
 * `policy.lifecycle: external` applied for real (issue 18): the CLI plans, applies and plans again
 * against a standalone emulator over loopback, and the emulator's request log shows that dialform
 * never created, deleted, suspended or reactivated anyone, while settings were reconciled.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/emulator/index.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest, type RunningEmulator } from '../support/emulator.js';

const fixture = join(import.meta.dirname, '..', 'golden', 'external-idp-suspended-user-changes-office', 'fixture.json');

/**
 * Under `dialform` this config creates Katherine, suspends Alan, reactivates Ada and deletes
 * Barbara (unmanaged under `delete`); under `external` none of it. Alan's admin rights and Ada's
 * office are settings, reconciled either way.
 */
const config = (lifecycle: string): string => `version: 1
company: { account_type: pro }
policy: { lifecycle: ${lifecycle}, unmanaged_users: delete }
offices:
  hq:  { name: Acme HQ, country: US, price_level: premium, licenses: { talk: 2 } }
  nyc: { name: Acme New York, country: US, price_level: premium, licenses: { talk: 2 } }
users:
  - { email: grace.hopper@acme.com, first_name: Grace, last_name: Hopper, office: hq, license: talk, admin: company, numbers: ["+14155550101"] }
  - { email: alan.turing@acme.com, first_name: Alan, last_name: Turing, office: hq, license: talk, admin: office, state: suspended, numbers: ["+14155550102"] }
  - { email: ada.lovelace@acme.com, first_name: Ada, last_name: Lovelace, office: nyc, license: talk, numbers: ["+14155550103"] }
  - { email: katherine.johnson@acme.com, first_name: Katherine, last_name: Johnson, office: hq, license: lite_lines }
`;

/** Requests that change who exists or whether they are active. */
function lifecycleWrites(log: LoggedRequest[]): string[] {
  return log
    .filter(
      (r) =>
        (r.method === 'POST' && r.route === '/api/v2/users') ||
        (r.method === 'DELETE' && r.route === '/api/v2/users/{id}') ||
        (r.method === 'PATCH' && r.route === '/api/v2/users/{id}' && 'state' in r.body),
    )
    .map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`);
}

async function planApplyPlan(lifecycle: string, running: RunningEmulator): Promise<{ again: string }> {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-lifecycle-'));
  await writeFile(join(cwd, 'config.yaml'), config(lifecycle));
  const args = ['-c', 'config.yaml'];
  const env = running.env;
  const planned = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
  expect(planned.code, planned.stdout + planned.stderr).toBe(2);
  const applied = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  const again = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
  expect(again.code, again.stdout + again.stderr).toBe(0);
  return { again: again.stdout };
}

describe('lifecycle: external, plan → apply → plan (issue 18 #1)', () => {

  it('never calls create, delete or a state change, and reconciles the settings (issue 18 #1)', async () => {
    const running = await startEmulatorForTest(fixture);
    const { again } = await planApplyPlan('external', running);
    expect(lifecycleWrites(running.emulator.requestLog())).toEqual([]);
    const users = new Map(running.emulator.snapshot().users.map((u) => [u.emails?.[0], u]));
    expect(users.get('ada.lovelace@acme.com')).toMatchObject({ state: 'suspended', office_id: '6100000000000002' });
    expect(users.get('alan.turing@acme.com')).toMatchObject({ state: 'active', admin_office_ids: ['6100000000000001'] });
    expect(users.get('barbara.liskov@acme.com')?.state).toBe('active');
    expect(users.has('katherine.johnson@acme.com')).toBe(false);
    expect(again).toContain('Waiting for provisioning by the identity provider');
    expect(again).toContain('katherine.johnson@acme.com');
  });

  it('the same log shows those calls under lifecycle: dialform, so the check can fail (issue 18 #1)', async () => {
    const running = await startEmulatorForTest(fixture);
    await planApplyPlan('dialform', running);
    const writes = lifecycleWrites(running.emulator.requestLog());
    expect(writes.some((w) => w.startsWith('POST /api/v2/users '))).toBe(true);
    expect(writes.some((w) => w.startsWith('DELETE '))).toBe(true);
    expect(writes.some((w) => w.includes('"state":"suspended"'))).toBe(true);
    expect(writes.some((w) => w.includes('"state":"active"'))).toBe(true);
  });
});

describe('the emulator as the identity provider (issue 18 #2)', () => {
  it('scim-create provisions a waiting user and scim-suspend suspends one; dialform reconciles the rest and never reactivates (issue 18 #2)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-scim-'));
    await cp(join(import.meta.dirname, '..', 'golden', 'external-user-waiting-for-provisioning'), cwd, { recursive: true });
    const config = await readFile(join(cwd, 'config.yaml'), 'utf8');
    // Katherine's number is not the company's yet: leave her numbers to Dialpad for this rehearsal.
    await writeFile(join(cwd, 'config.yaml'), config.replace(', numbers: ["+14155550105"] }', ', admin: office }'));
    const first = await runCli(['plan', '-c', 'config.yaml', '--emulator', 'fixture.json'], { cwd });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Waiting for provisioning[^\n]*\n[^\n]*katherine\.johnson@acme\.com/);

    // Alan's suspension frees the Talk license Katherine's creation needs.
    const suspended = await runCli(['emulator', 'do', 'scim-suspend', 'alan.turing@acme.com'], { cwd });
    expect(suspended.code, suspended.stderr).toBe(0);
    const created = await runCli(['emulator', 'do', 'scim-create', 'katherine.johnson@acme.com', '--office', 'hq', '-c', 'config.yaml'], { cwd });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toBe('Created katherine.johnson@acme.com in Acme HQ (talk), as the identity provider would through SCIM.\n');

    const next = await runCli(['plan', '-c', 'config.yaml', '--emulator', '--out', 'plan.json'], { cwd });
    expect(next.code, next.stderr).toBe(0);
    const plan = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8')) as { operations: { kind: string; target: { email?: string } }[]; waiting_for_provisioning?: unknown };
    expect(plan.waiting_for_provisioning).toBeUndefined();
    const ops = plan.operations.map((o) => `${o.kind} ${o.target.email ?? ''}`);
    expect(ops).toContain('update_user katherine.johnson@acme.com');
    expect(ops.filter((o) => /^(create|delete|suspend|reactivate|restore)_user /.test(o))).toEqual(['create_user linus.torvalds@acme.com']);
  });

  it('scim-create refuses an office the config does not declare, and a user who exists (issue 18 #2)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-scim-'));
    await cp(join(import.meta.dirname, '..', 'golden', 'external-user-waiting-for-provisioning'), cwd, { recursive: true });
    expect((await runCli(['plan', '-c', 'config.yaml', '--emulator', 'fixture.json'], { cwd })).code).toBe(0);
    const unknown = await runCli(['emulator', 'do', 'scim-create', 'kj@acme.com', '--office', 'paris', '-c', 'config.yaml'], { cwd });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('office "paris" is not declared in the config');
    const taken = await runCli(['emulator', 'do', 'scim-create', 'grace.hopper@acme.com', '--office', 'hq', '-c', 'config.yaml'], { cwd });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('a user with email grace.hopper@acme.com already exists');
  });
});

describe('import --lifecycle (issue 18 #4)', () => {
  it('writes policy.lifecycle: external, and the imported config plans no changes (issue 18 #4)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-lifecycle-'));
    await cp(fixture, join(cwd, 'fixture.json'));
    const imported = await runCli(['import', '-o', 'out', '--emulator', 'fixture.json', '--lifecycle', 'external'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    expect(await readFile(join(cwd, 'out', 'dialform.yaml'), 'utf8')).toMatch(/policy:\n {2}unmanaged_users: ignore\n {2}lifecycle: external\n/);
    const plan = await runCli(['plan', '-c', 'out', '--emulator', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);

    const bad = await runCli(['import', '-o', 'out2', '--emulator', '--lifecycle', 'okta'], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("'okta' is invalid");
  });
});
