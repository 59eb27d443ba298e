/**
 * Nothing hidden (issue 24): a difference the API cannot reconcile — an office renamed in config
 * (no API renames an office), a license count only a purchase reaches — is a manual step: a
 * change for `plan --detailed-exitcode` (exit 2), listed by `status`, waited for and verified by
 * apply. Rehearsed on the embedded emulator, the step done with `dialform emulator do`.
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { EXIT } from '../../src/exit-codes.js';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';

async function scenarioDir(name: string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), `dialform-${name}-`));
  await cp(join(ROOT, 'test', 'golden', name), cwd, { recursive: true });
  return cwd;
}

const args = ['-c', 'config.yaml', '--emulator'];

async function emulatorState(cwd: string): Promise<Fixture> {
  return JSON.parse(await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8')) as Fixture;
}

describe('differences only a person can make are changes, shown and waited for', () => {
  it('an office renamed in config (pinned by id): plan exits 2, status shows it, apply waits until Dialpad shows the new name', async () => {
    const cwd = await scenarioDir('office-renamed-pinned-by-id');
    const plan = await runCli(['plan', ...args, 'fixture.json', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stderr).toBe(EXIT.changes);
    expect(plan.stdout).toContain('Admin Settings › Offices › Acme HQ › Office settings: change the office name to Acme Headquarters.');
    expect(plan.stdout).not.toContain('No changes');

    const status = await runCli(['status', '-c', 'config.yaml', '--emulator'], { cwd });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('Configuration: Dialpad differs from it in 1 operation(s)');
    expect(status.stdout).toContain('! rename office Acme HQ to Acme Headquarters (manual)  [rename_office:hq]');
    const statusJson = JSON.parse((await runCli(['status', '-c', 'config.yaml', '--emulator', '--format', 'json'], { cwd })).stdout) as { differences: { manual_steps: { kind: string }[] } };
    expect(statusJson.differences.manual_steps.map((s) => s.kind)).toEqual(['rename_office']);

    // The reviewed plan, saved: apply runs its rename step itself, and verifies it by reading the office.
    expect((await runCli(['plan', ...args, '--out', 'plan.json'], { cwd })).code).toBe(0);
    const first = await runCli(['apply', 'plan.json', ...args, '--auto-approve'], { cwd });
    expect(first.code, first.stdout + first.stderr).toBe(EXIT.incomplete);
    expect(first.stderr).not.toContain('Dialpad now matches the configuration');
    expect(first.stdout).toContain('dialform emulator do rename-office hq --name "Acme Headquarters" -c config.yaml');
    expect((await emulatorState(cwd)).offices[0]?.name).toBe('Acme HQ');

    const done = await runCli(['emulator', 'do', 'rename-office', 'hq', '--name', 'Acme Headquarters', '-c', 'config.yaml'], { cwd });
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toBe('Renamed office Acme HQ to Acme Headquarters.\n');

    const second = await runCli(['apply', 'plan.json', ...args, '--auto-approve'], { cwd });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain('Apply complete: 1 done');
    expect(second.stderr).toContain('Verified: Dialpad now matches the configuration.');
    const after = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd });
    expect(after.code, after.stdout).toBe(0);
    expect((await runCli(['status', '-c', 'config.yaml', '--emulator'], { cwd })).stdout).toContain('Configuration: Dialpad matches it.');
  }, 240_000);

  it('a license count no transfer reaches: plan exits 2 with a purchase step, status shows it, apply waits for the licenses, then creates the hire', async () => {
    const cwd = await scenarioDir('license-count-needs-purchase');
    const plan = await runCli(['plan', ...args, 'fixture.json', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stderr).toBe(EXIT.changes);
    expect(plan.stdout).toContain('buy 1 Talk license for Acme HQ (manual: a purchase)');

    const status = await runCli(['status', '-c', 'config.yaml', '--emulator'], { cwd });
    expect(status.stdout).toContain('! buy 1 Talk license for Acme HQ (manual: a purchase)  [buy_licenses:talk:hq]');

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd });
    expect(first.code, first.stdout + first.stderr).toBe(EXIT.incomplete);
    expect((await emulatorState(cwd)).users.some((u) => u.emails[0] === 'ken.thompson@acme.com')).toBe(false);

    const done = await runCli(['emulator', 'do', 'buy-licenses', 'hq', '--kind', 'talk', '--count', '1', '-c', 'config.yaml'], { cwd });
    expect(done.code, done.stderr).toBe(0);
    const second = await runCli(['apply', ...args, '--auto-approve'], { cwd });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect((await emulatorState(cwd)).users.some((u) => u.emails[0] === 'ken.thompson@acme.com')).toBe(true);
    expect((await runCli(['plan', ...args, '--detailed-exitcode'], { cwd })).code).toBe(0);
  }, 240_000);
});

describe('differences dialform cannot act on are named, and count', () => {
  it('office_country_mismatch: an office whose config country is not Dialpad\'s blocks the plan (exit 3), naming both countries', async () => {
    const cwd = await scenarioDir('office-country-mismatch');
    const plan = await runCli(['plan', ...args, 'fixture.json', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stderr).toBe(EXIT.blocked);
    expect(plan.stdout).toContain('error office_country_mismatch');
    expect(plan.stdout).toContain('has country GB in config (config.yaml:9), but Dialpad gives it US');
    const status = await runCli(['status', '-c', 'config.yaml', '--emulator'], { cwd });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('blocked by a rule');
    expect(status.stdout).not.toContain('Configuration: Dialpad matches it.');
  }, 120_000);

  it('licenses beyond config that no office takes (surplus): plan exits 2 with a cancel_licenses step, status shows it, apply waits until Dialpad has config\'s count', async () => {
    const cwd = await scenarioDir('license-surplus-to-cancel');
    const plan = await runCli(['plan', ...args, 'fixture.json', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stderr).toBe(EXIT.changes);
    expect(plan.stdout).toContain('cancel 2 Talk licenses of Acme HQ (manual: billing)');
    const json = JSON.parse((await runCli(['plan', ...args, '--format', 'json'], { cwd })).stdout) as { summary: { manual: number } };
    expect(json.summary.manual).toBe(1);

    const status = await runCli(['status', '-c', 'config.yaml', '--emulator'], { cwd });
    expect(status.stdout).toContain('! cancel 2 Talk licenses of Acme HQ (manual: billing)  [cancel_licenses:talk:hq]');

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd });
    expect(first.code, first.stdout + first.stderr).toBe(EXIT.incomplete);
    expect(first.stdout).toContain('dialform emulator do cancel-licenses hq --kind talk --count 2 -c config.yaml');

    const done = await runCli(['emulator', 'do', 'cancel-licenses', 'hq', '--kind', 'talk', '--count', '2', '-c', 'config.yaml'], { cwd });
    expect(done.code, done.stderr).toBe(0);
    expect((await emulatorState(cwd)).offices[0]?.licenses).toMatchObject({ talk_lines: 2 });
    const second = await runCli(['apply', ...args, '--auto-approve'], { cwd });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect((await runCli(['plan', ...args, '--detailed-exitcode'], { cwd })).code).toBe(0);
  }, 240_000);

  it('company.account_type differing from Dialpad\'s: plan exits 2 with a change_account_type step, status shows it, apply waits until Dialpad reports it', async () => {
    const cwd = await scenarioDir('account-type-differs');
    const plan = await runCli(['plan', ...args, 'fixture.json', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stderr).toBe(EXIT.changes);
    expect(plan.stdout).toContain("change Acme Inc's plan tier from pro to enterprise (manual: billing)");

    const status = await runCli(['status', '-c', 'config.yaml', '--emulator'], { cwd });
    expect(status.stdout).toContain("! change Acme Inc's plan tier from pro to enterprise (manual: billing)  [change_account_type]");

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd });
    expect(first.code, first.stdout + first.stderr).toBe(EXIT.incomplete);
    expect(first.stdout).toContain('dialform emulator do change-account-type enterprise');

    const done = await runCli(['emulator', 'do', 'change-account-type', 'enterprise'], { cwd });
    expect(done.code, done.stderr).toBe(0);
    expect((await emulatorState(cwd)).company.account_type).toBe('enterprise');
    const second = await runCli(['apply', ...args, '--auto-approve'], { cwd });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect((await runCli(['plan', ...args, '--detailed-exitcode'], { cwd })).code).toBe(0);
  }, 240_000);
});
