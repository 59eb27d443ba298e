import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { startEmulator, type RunningEmulator } from '../support/emulator.js';

const transfer = join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer');

/** The license-transfer scenario without Ben's rename: the plan's first operation is the manual transfer. */
async function writeTransferOnlyConfig(dir: string): Promise<string> {
  const text = (await readFile(join(transfer, 'config.yaml'), 'utf8')).replace('first_name: Benjamin', 'first_name: Ben');
  const path = join(dir, 'dialform.yaml');
  await writeFile(path, text);
  return path;
}

/** Manual steps over HTTP against the emulator: their lifecycle across separate runs (issue 14). */
describe('manual steps', () => {
  let running: RunningEmulator | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('resumes a saved plan whose first operation is a manual transfer, done after the first apply (issue 14 #1)', async () => {
    running = await startEmulator(join(transfer, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-manual-'));
    const config = ['-c', await writeTransferOnlyConfig(cwd)];
    const env = running.env;
    expect((await runCli(['plan', ...config, '--out', 'plan.json'], { cwd, env })).code).toBe(0);

    const first = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toContain('Transfer Licenses');

    await running.console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    const second = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stderr).not.toContain('no longer needed');
    expect(running.emulator.snapshot().users.some((u) => u.emails?.[0] === 'f@transfer.example')).toBe(true);
  });

  it('resumes a saved plan whose manual transfer was done before its first apply (issue 14 #1)', async () => {
    running = await startEmulator(join(transfer, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-manual-'));
    const config = ['-c', await writeTransferOnlyConfig(cwd)];
    const env = running.env;
    expect((await runCli(['plan', ...config, '--out', 'plan.json'], { cwd, env })).code).toBe(0);

    await running.console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    const apply = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd, env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(running.emulator.snapshot().users.some((u) => u.emails?.[0] === 'f@transfer.example')).toBe(true);
  });
});
