import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(import.meta.dirname, '..', 'golden');

function userState(state: Fixture, email: string): string | undefined {
  return state.users.find((u) => u.emails[0] === email)?.state;
}

/**
 * The golden scenarios for license kinds and suspended users, applied for real: the CLI plans and
 * applies against a standalone emulator over loopback, stops at the manual transfer, continues once
 * it is done in the console (standing in for Dialpad's UI), and the next plan is empty.
 */
describe('license kinds and suspended users, applied against the emulator', () => {

  it('waits for a manual Ai Meetings transfer, then converges (issue 13 #6)', async () => {
    const dir = join(golden, 'ai-meetings-license-transfer');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-ai-meetings-'));
    const args = ['-c', join(dir, 'config.yaml')];
    const env = running.env;

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toContain('Company Settings › Licenses › Ai Meetings › Transfer Licenses');

    // HQ holds 2 of its 5 (conference rooms): only the 3 unassigned ones transfer.
    await expect(running.console('transfer_licenses', { from_office_id: '6100000000000001', to_office_id: '6100000000000002', line: 'uberconference_lines', count: 4 })).rejects.toThrow(/only 3 unassigned/);
    await running.console('transfer_licenses', { from_office_id: '6100000000000001', to_office_id: '6100000000000002', line: 'uberconference_lines', count: 3 });

    const second = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
    expect(final.code, final.stdout + final.stderr).toBe(0);
  });

  it('reactivates a suspended user only once a license is free, as the emulator requires (issue 13 #7)', async () => {
    const dir = join(golden, 'suspended-user-reactivation-needs-license');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-reactivate-'));
    const args = ['-c', join(dir, 'config.yaml')];
    const env = running.env;

    // The emulator, like Dialpad's SCIM FAQ, counts no license for Ada while suspended: HQ's two are
    // Grace's and Alan's, and reactivating her now is refused.
    const refused = await fetch(`${running.url}/api/v2/users/7200000000000003`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer test-company-key', 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'active' }),
    });
    expect(refused.status).toBe(400);

    // The plan agrees: the reactivation waits for the manual transfer instead of failing.
    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(userState(running.emulator.snapshot(), 'ada.lovelace@acme.com')).toBe('suspended');

    await running.console('transfer_licenses', { from_office_id: '6100000000000002', to_office_id: '6100000000000001', line: 'talk_lines', count: 1 });
    const second = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(userState(running.emulator.snapshot(), 'ada.lovelace@acme.com')).toBe('active');
    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
    expect(final.code, final.stdout + final.stderr).toBe(0);
  });
});
