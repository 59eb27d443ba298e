/**
 * Offboarding one person and pending users, through the CLI against the embedded emulator over
 * HTTP: plan, apply, and what Dialpad (the emulator's state) holds afterwards.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';

async function scenario(name: string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), `dialform-${name}-`));
  await cp(join(ROOT, 'test', 'golden', name), cwd, { recursive: true });
  return cwd;
}

async function emulatorState(cwd: string): Promise<Fixture> {
  return JSON.parse(await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8')) as Fixture;
}

describe('offboarding one user under unmanaged_users: ignore (issue 14 #5)', () => {
  it('deletes the user whose entry says state: deleted, pools their number, and leaves the unmanaged users alone (issue 14 #5)', async () => {
    const cwd = await scenario('offboard-one-user-under-ignore');
    const plan = await runCli(['plan', '-c', 'config.yaml', '--emulator', 'fixture.json', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('2 live users are not in the configuration and left as they are (policy.unmanaged_users: ignore)');

    const apply = await runCli(['apply', '-c', 'config.yaml', '--emulator', '--auto-approve'], { cwd });
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    const state = await emulatorState(cwd);
    const byEmail = new Map(state.users.map((u) => [u.emails[0], u.state]));
    expect(byEmail.get('alan.turing@acme.com')).toBe('deleted');
    expect(byEmail.get('dennis.ritchie@acme.com')).toBe('active');
    expect(byEmail.get('niklaus.wirth@acme.com')).toBe('suspended');
    const number = state.numbers.find((n) => n.number === '+14155550102');
    expect(number?.status).toBe('available');
    expect(number?.target_id).toBeUndefined();

    const again = await runCli(['plan', '-c', 'config.yaml', '--emulator', '--detailed-exitcode'], { cwd });
    expect(again.code).toBe(0);
    // Even an empty plan ends with its fingerprint: "no changes" is what a reviewer approves too.
    expect(again.stdout).toMatch(
      /^No changes to what the configuration lists\.\n2 live users are not in the configuration and left as they are \(policy\.unmanaged_users: ignore\)\. To offboard one, give them an entry with state: deleted\.\nFingerprint: sha256:[0-9a-f]{64}\n$/,
    );
  });
});

describe('a pending user with a number (issue 14 #6)', () => {
  it('blocks their deletion, then with allow_number_loss deletes them and Dialpad deletes the number with them (issue 14 #6)', async () => {
    const cwd = await scenario('pending-user-with-number-deleted');
    const blocked = await runCli(['apply', '-c', 'config.yaml', '--emulator', 'fixture.json', '--auto-approve'], { cwd });
    expect(blocked.code).toBe(3);
    expect(blocked.stdout).toContain('error pending_user_number_loss');
    expect((await emulatorState(cwd)).users.find((u) => u.emails[0] === 'dennis.ritchie@acme.com')?.state).toBe('pending');

    const config = await readFile(join(cwd, 'config.yaml'), 'utf8');
    await writeFile(join(cwd, 'config.yaml'), config.replace('state: deleted }', 'state: deleted, allow_number_loss: true }'));
    const applied = await runCli(['apply', '-c', 'config.yaml', '--emulator', '--auto-approve'], { cwd });
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const state = await emulatorState(cwd);
    expect(state.users.find((u) => u.emails[0] === 'dennis.ritchie@acme.com')?.state).toBe('deleted');
    expect(state.numbers.map((n) => n.number)).not.toContain('+14155550104');
  });

  it('moves the number to the pool first with numbers: [], so it survives the deletion (issue 14 #6)', async () => {
    const cwd = await scenario('pending-user-numbers-moved-out-first');
    const applied = await runCli(['apply', '-c', 'config.yaml', '--emulator', 'fixture.json', '--auto-approve'], { cwd });
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const number = (await emulatorState(cwd)).numbers.find((n) => n.number === '+14155550104');
    expect(number?.status).toBe('available');
    expect(number?.target_id).toBeUndefined();
  });
});
