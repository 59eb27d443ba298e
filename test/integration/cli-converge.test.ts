import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchCopy } from '../support/cli.js';

/**
 * The foundation's promise, across separate processes on a scratch copy of the example:
 * plan shows changes (exit 2), apply makes them, and the next plan is empty (exit 0). The
 * embedded emulator keeps its state in .dialform/emulator-state.json between the commands.
 */
describe('plan → apply → plan on the embedded emulator', () => {
  it('converges across separate processes', async () => {
    const cwd = await scratchCopy('acme');
    const config = ['-c', 'acme', '--emulator'];

    const first = await runCli(['plan', ...config, '--detailed-exitcode'], { cwd });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(2);
    expect(first.stdout).toMatch(/^Plan: \d+ to create, \d+ to update, \d+ to delete/m);
    expect(first.stdout).toContain('radia.perlman@acme.com');

    const apply = await runCli(['apply', ...config, '--auto-approve'], { cwd });
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('Verified: Dialpad now matches the configuration.');

    const second = await runCli(['plan', ...config, '--detailed-exitcode'], { cwd });
    expect(second.code, second.stdout + second.stderr).toBe(0);

    const state = JSON.parse(await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8'));
    const emails = state.users.filter((u: { state: string }) => u.state === 'active').map((u: { emails: string[] }) => u.emails[0]);
    expect(emails).toContain('radia.perlman@acme.com');
    expect(emails).not.toContain('john.mccarthy@acme.com');
  });

  it('refuses to apply without --auto-approve when not on a terminal, changing nothing', async () => {
    const cwd = await scratchCopy('acme');
    const result = await runCli(['apply', '-c', 'acme', '--emulator'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--auto-approve');
    const again = await runCli(['plan', '-c', 'acme', '--emulator', '--detailed-exitcode'], { cwd });
    expect(again.code).toBe(2);
  });

  it('prints one JSON document with --format json', async () => {
    const cwd = await scratchCopy('acme');
    const result = await runCli(['plan', '-c', 'acme', '--emulator', '--format', 'json'], { cwd });
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.format_version).toBe(1);
    expect(plan.operations.length).toBeGreaterThan(0);
  });

  it('says so when the saved emulator state came from another fixture', async () => {
    const cwd = await scratchCopy('acme');
    expect((await runCli(['plan', '-c', 'acme', '--emulator'], { cwd })).stderr).toBe('');
    const other = await runCli(['plan', '-c', 'acme', '--emulator', 'acme/other.json'], { cwd });
    expect(other.stderr).toContain('continues from its saved state');
    expect(other.stderr).toContain('--emulator-reset');
  });
});
