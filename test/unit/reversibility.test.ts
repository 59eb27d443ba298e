import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const acme = join(ROOT, 'examples', 'acme');

/** Reversibility on Dialpad's clock, over HTTP: the emulator's `Date` header dates restore windows. */
describe('reversibility', () => {

  it("dates a delete's restore window from Dialpad's clock, and recomputes it when a saved plan is applied days later (issue 14 #4)", async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const env = running.env;
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-reversible-'));
    await running.console('clock', { now: '2026-11-20T08:00:00Z' });
    expect((await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env })).code).toBe(0);
    const saved = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8')) as { operations: { kind: string; reversible: string }[] };
    expect(saved.operations.find((op) => op.kind === 'delete_user')?.reversible).toMatch(/^until 2026-11-23T08:0\d:\d\d\.000Z$/);

    // Applied two days later: the window runs from the delete, by Dialpad's clock then.
    await running.console('clock', { now: '2026-11-22T08:00:00Z' });
    const apply = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve'], { cwd, env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    // (The emulator's clock runs on from where the console set it: minutes at most in a test.)
    expect(apply.stdout).toMatch(/reversible until 2026-11-25T08:0\d:\d\d\.000Z/);
    expect(apply.stdout).not.toContain('reversible until 2026-11-23');
  });
});
