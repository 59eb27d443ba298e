import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateFixture } from '../../bench/generate-fixture.js';
import { createEmulator } from '../../src/emulator/index.js';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { makeFixture } from '../support/emulator-harness.js';

/** Every file under `dir`, relative path → content. */
async function readTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const e of entries.filter((x) => x.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(e.parentPath, e.name);
    files[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
  }
  return files;
}

/**
 * `import` brings a live company under management: the files it writes validate, plan to no
 * changes against the same company, and are the same every time.
 */
describe('import round trip', () => {
  it('imports the example company: valid, no changes, stable, never overwrites without --force', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-'));
    await cp(join(ROOT, 'examples', 'acme', 'live.json'), join(cwd, 'live.json'));

    const imported = await runCli(['import', '-o', 'company', '--emulator', 'live.json'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported 3 office(s) and 18 user(s)');
    const files = await readTree(join(cwd, 'company'));
    expect(Object.keys(files).sort()).toEqual([
      'dialform.yaml',
      'users/acme-hq.yaml',
      'users/acme-london.yaml',
      'users/acme-new-york.yaml',
    ]);
    for (const text of Object.values(files)) expect(text).toMatch(/^# yaml-language-server: \$schema=\S+dialform\.schema\.json\n/);
    expect(files['dialform.yaml']).toContain('unmanaged_users: ignore');
    expect(files['dialform.yaml']).toContain('price_level: FILL ME IN');

    const validate = await runCli(['validate', '-c', 'company'], { cwd });
    expect(validate.code).toBe(0);
    expect(validate.stderr).toMatch(/company\/dialform\.yaml:\d+: warning: office "acme-hq" has no price_level/);

    const plan = await runCli(['plan', '-c', 'company', '--emulator', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stdout).toBe(0);

    const refused = await runCli(['import', '-o', 'company', '--emulator'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(await readTree(join(cwd, 'company'))).toEqual(files);

    const again = await runCli(['import', '-o', 'company-again', '--emulator'], { cwd });
    expect(again.code).toBe(0);
    const second = await readTree(join(cwd, 'company-again'));
    expect(second).toEqual(files);

    const forced = await runCli(['import', '-o', 'company', '--emulator', '--force'], { cwd });
    expect(forced.code).toBe(0);
  });

  it('writes the Ai Meetings and add-on licenses an office has bought, and plans no changes from them (issue 13 #6)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-kinds-'));
    await cp(join(ROOT, 'test', 'golden', 'ai-meetings-license-transfer', 'fixture.json'), join(cwd, 'live.json'));
    const imported = await runCli(['import', '-o', 'company', '--emulator', 'live.json'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    const main = await readFile(join(cwd, 'company', 'dialform.yaml'), 'utf8');
    // Dialpad licenses always; Ai Meetings where bought (HQ 5, New York 1), no unbought add-on kinds.
    expect(main).toContain('    licenses:\n      talk: 2\n      sell: 0\n      contact_center: 0\n      ai_meetings: 5\n');
    expect(main).toContain('    licenses:\n      talk: 1\n      sell: 0\n      contact_center: 0\n      ai_meetings: 1\n');
    expect(main).not.toMatch(/rooms|fax|additional_numbers/);
    const plan = await runCli(['plan', '-c', 'company', '--emulator', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it('refuses to import a partial read as Dialpad\'s failure (live_read_incomplete), not a usage mistake, and writes nothing', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-partial-'));
    const broken = await createEmulator({ fixture: makeFixture(), rateLimit: 0, faults: 'rate=0,fail=GET:/api/v2/users' }).listen(0);
    try {
      const result = await runCli(['import', '-o', 'company'], {
        cwd,
        env: { DIALPAD_API_URL: broken.url, DIALPAD_API_KEY: 'any-key' },
      });
      expect(result.code, result.stderr).toBe(1);
      // Dialpad's failure, reported by message (no bug banner, no stack).
      expect(result.stderr).toMatch(/^error live_read_incomplete: Dialpad could not be read completely \(users .*nothing was written/);
      expect(await readdir(cwd)).toEqual([]);
    } finally {
      await broken.close();
    }
  });

  it('round-trips a generated company of 2,000 users in 20 offices, skipping deleted users', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-big-'));
    const fixture = generateFixture({ users: 2000, offices: 20, seed: 7 });
    await writeFile(join(cwd, 'big.json'), JSON.stringify(fixture));
    const deleted = fixture.users.filter((u) => u.state === 'deleted').length;
    expect(deleted).toBeGreaterThan(0);

    const imported = await runCli(['import', '-o', 'big', '--emulator', 'big.json'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported 20 office(s) and 2000 user(s)');
    expect(imported.stdout).toContain(`Skipped ${deleted} user(s) that are deleted or cancelled`);

    const plan = await runCli(['plan', '-c', 'big', '--emulator', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stdout.slice(0, 2000)).toBe(0);

    // Users are written in a deterministic order: by email within each office file.
    const files = await readTree(join(cwd, 'big'));
    for (const [path, text] of Object.entries(files)) {
      if (!path.startsWith('users/')) continue;
      const emails = [...text.matchAll(/email: (\S+),/g)].map((m) => m[1]!);
      expect(emails).toEqual([...emails].sort());
    }
  });
});
