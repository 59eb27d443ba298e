import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(import.meta.dirname, '..', 'golden');

/**
 * A person's phone settings (issue 29), applied for real: the CLI plans and applies against a
 * standalone emulator over loopback, the emulator holds what config declares, and the next plan
 * is empty. Settings config does not write are left as they are.
 */
describe('phone settings, applied against the emulator', () => {
  it('sets extension, job title, forwarding numbers and international dialing, then converges', async () => {
    const dir = join(golden, 'phone-settings-change');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-phone-settings-'));
    const args = ['-c', join(dir, 'config.yaml')];
    const env = running.env;

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const users = running.emulator.snapshot().users;
    const alan = users.find((u) => u.emails[0] === 'alan@acme.com');
    expect(alan).toMatchObject({ extension: '202', job_title: 'Principal Engineer', forwarding_numbers: [], international_dialing_enabled: false });
    expect(users.find((u) => u.emails[0] === 'grace.hopper@acme.com')?.['job_title']).toBe('CEO');

    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
    expect(final.code, final.stdout + final.stderr).toBe(0);
  });
});
