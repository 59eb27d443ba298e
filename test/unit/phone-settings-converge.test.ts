import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
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

  it('turns international dialing off for a profile of 40 users in one run of updates, then converges', async () => {
    const dir = join(golden, 'profile-international-dialing-off');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-profile-40-'));
    const args = ['-c', join(dir, 'config.yaml')];
    const env = running.env;

    const saved = join(cwd, 'plan.json');
    const planned = await runCli(['plan', ...args, '--out', saved], { cwd, env });
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    const kinds = (JSON.parse(await readFile(saved, 'utf8')) as { operations: { kind: string }[] }).operations.map((o) => o.kind);
    expect(kinds).toEqual(Array.from({ length: 40 }, () => 'update_user'));

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const agents = running.emulator.snapshot().users.filter((u) => u.emails[0]?.startsWith('agent'));
    expect(agents).toHaveLength(40);
    expect(agents.every((u) => u['international_dialing_enabled'] === false)).toBe(true);
    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
    expect(final.code, final.stdout + final.stderr).toBe(0);
  });

  it('applies a profile with a user override, the entry winning, then converges', async () => {
    const dir = join(golden, 'profile-with-user-override');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-profile-override-'));
    const args = ['-c', join(dir, 'config.yaml')];
    const env = running.env;

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const users = running.emulator.snapshot().users;
    expect(users.find((u) => u.emails[0] === 'agent01@acme.com')).toMatchObject({ job_title: 'Support agent', international_dialing_enabled: false });
    expect(users.find((u) => u.emails[0] === 'agent02@acme.com')).toMatchObject({ job_title: 'Support agent', international_dialing_enabled: true });
    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
    expect(final.code, final.stdout + final.stderr).toBe(0);
  });

  it('import writes the settings it read (leaving out a value config would refuse), and import → plan is empty', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-settings-'));
    const fixture = JSON.parse(await readFile(join(golden, 'phone-settings-change', 'fixture.json'), 'utf8')) as { users: Record<string, unknown>[] };
    fixture.users[0]!['extension'] = 'x12';
    await writeFile(join(cwd, 'live.json'), JSON.stringify(fixture));

    const imported = await runCli(['import', '-o', 'company', '--emulator', 'live.json'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    const users = await readFile(join(cwd, 'company', 'users', 'acme-hq.yaml'), 'utf8');
    expect(users).toMatch(/extension: "102"/);
    expect(users).toContain('job_title: Engineer');
    expect(users).toContain('international_dialing_enabled: true');
    expect(users).toContain('+14155550199');
    expect(users).toContain('job_title: CEO');
    expect(users).not.toContain('x12');

    const plan = await runCli(['plan', '-c', 'company', '--emulator', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it("sets a caller ID to a group's number, leaves an undeclared one alone, then converges", async () => {
    const dir = join(golden, 'caller-id-group-number');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-caller-id-'));
    const args = ['-c', join(dir, 'config.yaml')];
    const env = running.env;

    const first = await runCli(['apply', ...args, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const users = running.emulator.snapshot().users;
    expect(users.find((u) => u.emails[0] === 'alan@acme.com')?.caller_id).toBe('+14155550177');
    expect(users.find((u) => u.emails[0] === 'grace.hopper@acme.com')?.caller_id).toBeUndefined();
    const final = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env });
    expect(final.code, final.stdout + final.stderr).toBe(0);
  });

  it('refuses a caller ID nobody the user presents for holds, and changes nothing', async () => {
    const dir = join(golden, 'caller-id-number-nobody-holds');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-caller-id-refused-'));
    const refused = await runCli(['apply', '-c', join(dir, 'config.yaml'), '--auto-approve'], { cwd, env: running.env });
    expect(refused.code).toBe(3);
    expect(refused.stdout + refused.stderr).toContain('caller_id_not_held');
    expect(running.emulator.snapshot().users.find((u) => u.emails[0] === 'alan@acme.com')?.caller_id).toBeUndefined();
  });

  it('import --with caller_id writes the caller IDs it read, import → plan is empty; without it none is read', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-caller-id-'));
    const fixture = JSON.parse(await readFile(join(golden, 'caller-id-group-number', 'fixture.json'), 'utf8')) as { users: Record<string, unknown>[] };
    fixture.users[1]!['caller_id'] = '+14155550177';
    await writeFile(join(cwd, 'live.json'), JSON.stringify(fixture));

    const imported = await runCli(['import', '-o', 'with', '--with', 'caller_id', '--emulator', 'live.json'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    const users = await readFile(join(cwd, 'with', 'users', 'acme-hq.yaml'), 'utf8');
    expect(users).toContain('caller_id: "+14155550177"');
    expect(users).toContain('caller_id: "+14155550101"');
    const plan = await runCli(['plan', '-c', 'with', '--emulator', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);

    const without = await runCli(['import', '-o', 'without', '--emulator', 'live.json'], { cwd });
    expect(without.code, without.stderr).toBe(0);
    expect(await readFile(join(cwd, 'without', 'users', 'acme-hq.yaml'), 'utf8')).not.toContain('caller_id');

    const unknown = await runCli(['import', '-o', 'bad', '--with', 'e912', '--emulator', 'live.json'], { cwd });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown e912 (known: e911, caller_id, deskphones)');
  });
});
