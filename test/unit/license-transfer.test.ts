import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const scenario = join(import.meta.dirname, '..', 'integration', 'scenarios', 'license-transfer');

/**
 * A plan with a manual license transfer: apply runs what does not depend on it, stops with exit 4
 * and the instructions; an admin transfers the licenses (the emulator console stands in for
 * Dialpad's UI); apply rerun verifies the transfer and finishes; the next plan is empty.
 */
describe('apply around a manual license transfer', () => {

  it('waits for the transfer, then continues after it is done', async () => {
    const running = await startEmulatorForTest(join(scenario, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-transfer-'));
    const args = ['-c', join(scenario, 'config.yaml')];
    const env = running.env;

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toMatch(/Transfer Licenses/);
    expect(first.stdout).toMatch(/Transfer HQ/);
    expect(first.stdout).toMatch(/Transfer Boston/);
    // The rename does not depend on the transfer: it ran. The new hire does: she did not.
    const state1 = running.emulator.snapshot();
    expect(state1.users.find((u) => u.emails?.[0] === 'b@transfer.example')?.first_name).toBe('Benjamin');
    expect(state1.users.some((u) => u.emails?.[0] === 'f@transfer.example')).toBe(false);

    // Rerun without the transfer: still waiting, nothing new happens.
    const again = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(again.code).toBe(4);

    await running.console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });

    const second = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(running.emulator.snapshot().users.some((u) => u.emails?.[0] === 'f@transfer.example')).toBe(true);

    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
    expect(final.code, final.stdout).toBe(0);
  });
});
