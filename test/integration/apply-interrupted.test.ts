/**
 * Ctrl-C during apply (issue 27 #11): the built CLI, sent SIGINT while it applies against a slow
 * emulator (every API answer delayed), says what is done, what is in doubt and "rerun to
 * continue", and exits 4 as documented for a stop part way; a rerun finishes the rest. Each
 * signal is sent once the CLI has printed the line it waits for, never after a sleep.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_BIN, runCli } from '../support/cli.js';
import { startEmulatorForTest, type RunningEmulator } from '../support/emulator.js';

const USERS = 40;
const emails = Array.from({ length: USERS }, (_, i) => `u${String(i + 1).padStart(2, '0')}@stop.example`);

/** One office of 40 users named Old; config renames each to New: 40 `update_user`, one PATCH each (10 rounds of 4 at 150 ms: time for a signal to land mid-apply). */
async function writeScenario(dir: string): Promise<{ fixture: string; config: string }> {
  const fixture = {
    clock: '2026-11-26T09:00:00Z',
    company: { id: '500', name: 'Stop Co', domain: 'stop.example', country: 'us', state: 'active', account_type: 'pro' },
    offices: [{ id: '10', office_id: '10', name: 'Stop HQ', country: 'us', is_primary_office: true, state: 'active', licenses: { talk_lines: String(USERS) } }],
    users: emails.map((email, i) => ({
      id: String(101 + i), company_id: '500', office_id: '10', first_name: 'Old', last_name: `U${i + 1}`, emails: [email],
      license: 'talk', state: 'active', is_admin: i === 0, is_super_admin: i === 0,
    })),
    numbers: [],
  };
  const config = [
    'version: 1',
    'offices:',
    '  hq: { name: Stop HQ, country: US }',
    'users:',
    ...emails.map((email, i) => `  - { email: ${email}, first_name: New, last_name: U${i + 1}, office: hq${i === 0 ? ', admin: company' : ''} }`),
    '',
  ].join('\n');
  await writeFile(join(dir, 'fixture.json'), JSON.stringify(fixture));
  await writeFile(join(dir, 'dialform.yaml'), config);
  return { fixture: join(dir, 'fixture.json'), config: join(dir, 'dialform.yaml') };
}

/**
 * Runs `dialform apply` and sends SIGINT each time stderr first matches the next of `signalOn`;
 * resolves with its exit code (or signal) and output.
 */
function applyInterrupted(cwd: string, running: RunningEmulator, signalOn: RegExp[]): Promise<{ exit: number | string | null; stdout: string; stderr: string; sent: number }> {
  const child = spawn(process.execPath, [DIST_BIN, 'apply', '--auto-approve'], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...running.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let sent = 0;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const next = signalOn[sent];
    if (next !== undefined && next.test(stderr)) {
      sent += 1;
      child.kill('SIGINT');
    }
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ exit: signal ?? code, stdout, stderr, sent })));
}

const renamed = (running: RunningEmulator) => running.emulator.snapshot().users.filter((u) => u.first_name === 'New').length;
/** A progress line: an operation finished. */
const FIRST_DONE = /\] op-\d+ update .*: done\n/;

describe('Ctrl-C during apply (issue 27 #11)', () => {
  it('Ctrl-C during apply exits 4, saying what is done, what is in doubt and to rerun; the rerun finishes (issue 27 #11)', { timeout: 120_000 }, async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-interrupt-'));
    const { fixture } = await writeScenario(cwd);
    const running = await startEmulatorForTest(fixture, { latencyMs: 150 });

    const stopped = await applyInterrupted(cwd, running, [FIRST_DONE]);
    expect(stopped.sent).toBe(1);
    expect(stopped.exit, stopped.stderr).toBe(4);
    expect(stopped.stderr).toMatch(/Interrupted: apply starts no further operation; (waits for the \d+ in flight to finish|none is in flight)/);
    expect(stopped.stdout).toMatch(/Apply interrupted: \d+ done, 0 failed, 0 waiting, \d+ not run\./);
    expect(stopped.stdout).toMatch(/Interrupted\. Done: op-\d+(, op-\d+)*\. In doubt: none \(every operation that started finished\)\. Not run: op-\d+/);
    expect(stopped.stdout).toContain('Rerun apply to continue: what is done is not repeated.');
    // What it says is done is what Dialpad has: some renames, not all.
    const done = Number(/Apply interrupted: (\d+) done/.exec(stopped.stdout)?.[1]);
    expect(renamed(running)).toBe(done);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(USERS);

    const rerun = await runCli(['apply', '--auto-approve'], { cwd, env: running.env });
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(renamed(running)).toBe(USERS);
  });

  it('a second Ctrl-C stops at once with exit 4, naming what is in doubt; the rerun finishes (issue 27 #11)', { timeout: 120_000 }, async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-interrupt-twice-'));
    const { fixture } = await writeScenario(cwd);
    const running = await startEmulatorForTest(fixture, { latencyMs: 150 });

    const stopped = await applyInterrupted(cwd, running, [FIRST_DONE, /Interrupted: apply starts no further operation/]);
    expect(stopped.sent).toBe(2);
    expect(stopped.exit, stopped.stderr).toBe(4);
    expect(stopped.stderr).toMatch(/Interrupted again: stopping now\.\nDone: op-\d+(, op-\d+)*\.\nIn doubt(: none\.| \(sent, outcome unknown; the next apply looks each up in Dialpad before sending it again\): op-\d+ update )/);
    expect(stopped.stderr).toContain('Rerun apply to continue: what is done is not repeated.');
    expect(renamed(running)).toBeLessThan(USERS);

    const rerun = await runCli(['apply', '--auto-approve'], { cwd, env: running.env });
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(renamed(running)).toBe(USERS);
  });
});
