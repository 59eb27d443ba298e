/** `dialform status` as a process against the embedded emulator over HTTP: read-only, the three views. */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/status/build-status.js';
import { ROOT, runCli } from '../support/cli.js';

describe('dialform status (issue 14)', () => {
  it('shows the three views after an offboarding, with who the number was last for and the time left to restore', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-status-'));
    await cp(join(ROOT, 'test', 'golden', 'offboard-one-user-under-ignore'), cwd, { recursive: true });
    expect((await runCli(['plan', '-c', 'config.yaml', '--emulator', 'fixture.json', '--out', 'plan.json'], { cwd })).code).toBe(0);
    const applied = await runCli(['apply', 'plan.json', '-c', 'config.yaml', '--emulator', '--auto-approve'], { cwd });
    expect(applied.code, applied.stderr).toBe(0);
    const state = await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8');

    const json = await runCli(['status', '-c', 'config.yaml', '--emulator', '--format', 'json', '--plan', 'plan.json'], { cwd });
    expect(json.code, json.stderr).toBe(0);
    const status = JSON.parse(json.stdout) as Status;
    expect(status.users.map((u) => `${u.email} ${u.state}`)).toEqual([
      'dennis.ritchie@acme.com active',
      'grace.hopper@acme.com active',
      'niklaus.wirth@acme.com suspended',
    ]);
    expect(status.reserved_numbers).toMatchObject([{ number: '+14155550102', office: 'Acme HQ', last_for: 'alan.turing@acme.com' }]);
    expect(status.deleted_users).toMatchObject([{ email: 'alan.turing@acme.com', hours_left: 71 }]);

    const text = await runCli(['status', '-c', 'config.yaml', '--emulator', '--search', 'company admin'], { cwd });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Active or Pending Users (1, matching "company admin"):\n  grace.hopper@acme.com  Grace Hopper  Acme HQ  talk  active  company admin  +14155550101\n');
    expect(text.stdout).toContain('+14155550102  Acme HQ  last for: unknown');
    // Read-only: the emulator's state is as the apply left it.
    expect(await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8')).toBe(state);
  });
});
