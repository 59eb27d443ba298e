/**
 * `policy.lifecycle: external` applied for real (issue 18): the CLI plans, applies and plans again
 * against a standalone emulator over loopback, and the emulator's request log shows that dialform
 * never created, deleted, suspended or reactivated anyone, while settings were reconciled.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/emulator/index.js';
import { runCli } from '../support/cli.js';
import { startEmulator, type RunningEmulator } from '../support/emulator.js';

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
  let running: RunningEmulator | undefined;
  afterEach(async () => running?.close());

  it('never calls create, delete or a state change, and reconciles the settings (issue 18 #1)', async () => {
    running = await startEmulator(fixture);
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
    running = await startEmulator(fixture);
    await planApplyPlan('dialform', running);
    const writes = lifecycleWrites(running.emulator.requestLog());
    expect(writes.some((w) => w.startsWith('POST /api/v2/users '))).toBe(true);
    expect(writes.some((w) => w.startsWith('DELETE '))).toBe(true);
    expect(writes.some((w) => w.includes('"state":"suspended"'))).toBe(true);
    expect(writes.some((w) => w.includes('"state":"active"'))).toBe(true);
  });
});
