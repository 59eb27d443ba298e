/**
 * `dialform emulator console` as a process (issue 17): where it listens, the warning for another
 * host, and the error when there is no state and nothing to seed it from.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../support/cli.js';
import { spawnConsoleCommand, startConsoleCommand } from '../support/console-command.js';

const FIXTURE = join(ROOT, 'test', 'browser', 'console-company.json');

describe('dialform emulator console (issue 17 #5)', () => {
  it('listens on 127.0.0.1 and says nothing about a login by default (issue 17 #5)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-console-cmd-'));
    const running = await startConsoleCommand(cwd, ['--fixture', FIXTURE]);
    try {
      expect(running.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_emulator\/console$/);
      expect(running.stderr).not.toContain('warning');
      const page = await fetch(running.consoleUrl);
      expect(page.status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it('warns that the emulator has no login when --host is not loopback, and shows a URL this machine can open (issue 17 #5)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-console-cmd-'));
    const running = await startConsoleCommand(cwd, ['--fixture', FIXTURE, '--host', '0.0.0.0']);
    try {
      expect(running.stderr).toContain('warning: listening on 0.0.0.0, not only on this machine: the emulator has no login');
      expect(running.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_emulator\/console$/);
      expect((await fetch(running.consoleUrl)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it('without a saved state or a fixture to seed it, says how to get one and exits 1 (issue 17 #5)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-console-cmd-'));
    const started = await spawnConsoleCommand(cwd);
    await started.stop();
    expect(started.consoleUrl).toBeUndefined();
    expect(started.code).toBe(1);
    expect(started.stderr).toBe(
      'error emulator_fixture_missing: no embedded emulator state at .dialform/emulator-state.json: run a command with --emulator first, or pass --fixture FILE (or set emulator.fixture in the config) to seed it\n',
    );
    expect(started.stderr).not.toMatch(/\n\s+at /);
    expect((await runCli(['emulator', 'console', '--help'], { cwd })).stdout).toContain('--fixture <file>');
  });
});
