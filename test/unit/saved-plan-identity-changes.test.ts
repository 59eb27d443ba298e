import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = (name: string) => join(ROOT, 'test', 'golden', name);

/**
 * The other operations that change what an object is called while the plan refers to it by live id
 * (checked alongside the email-change finding: saved-plan-email-change.test.ts): the saved plan
 * names the object by its new name and must still apply.
 */
describe('a saved plan that renames an object it refers to by id', () => {
  it('renames a call center pinned by id and sets a skill in it, under --expect-fingerprint', async () => {
    const scenario = golden('call-center-skill-change');
    const running = await startEmulatorForTest(join(scenario, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-group-rename-'));
    const original = await readFile(join(scenario, 'config.yaml'), 'utf8');
    const pinned = original.replace('support: { name: Support, office: hq }', 'support: { id: "6600000000000001", name: Customer Care, office: hq }');
    expect(pinned).not.toBe(original);
    await writeFile(join(cwd, 'config.yaml'), pinned);
    const env = running.env;

    const plan = await runCli(['plan', '-c', 'config.yaml', '--out', 'plan.json'], { cwd, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('rename call center Support to Customer Care');
    const fingerprint = /Fingerprint: (sha256:[0-9a-f]{64})/.exec(plan.stdout)?.[1] ?? 'none';

    const apply = await runCli(['apply', 'plan.json', '-c', 'config.yaml', '--auto-approve', '--expect-fingerprint', fingerprint], { cwd, env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(running.emulator.snapshot().call_centers?.find((c) => c.id === '6600000000000001')?.name).toBe('Customer Care');
  });

  it('resumes an office rename (a manual step) done in Dialpad before the first apply', async () => {
    // The embedded emulator: `emulator do` stands in for the person in Dialpad's admin settings.
    const scenario = golden('office-renamed-pinned-by-id');
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-office-rename-'));
    for (const file of ['config.yaml', 'fixture.json']) await writeFile(join(cwd, file), await readFile(join(scenario, file)));
    const config = ['-c', 'config.yaml', '--emulator'];
    expect((await runCli(['plan', ...config, 'fixture.json', '--out', 'plan.json'], { cwd })).code).toBe(0);

    const renamed = await runCli(['emulator', 'do', 'rename-office', 'hq', '--name', 'Acme Headquarters', '-c', 'config.yaml'], { cwd });
    expect(renamed.stdout).toBe('Renamed office Acme HQ to Acme Headquarters.\n');

    const apply = await runCli(['apply', 'plan.json', ...config, '--auto-approve'], { cwd });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    // The fresh plan no longer has the step (a person did it): it is named by what it does, not by the file's summary (issue 26 #9).
    expect(apply.stdout + apply.stderr).toContain('rename_office Acme HQ (name "Acme Headquarters"): done (verified in Dialpad)');
    expect((await runCli(['plan', ...config, '--detailed-exitcode'], { cwd })).code).toBe(0);
  });
});
