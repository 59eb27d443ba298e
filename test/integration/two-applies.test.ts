/**
 * Two applies at once (issue 26 #4): on one journal, the second refuses while the first runs, and
 * a first apply killed while holding the lock leaves nothing stuck.
 */
import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startApiProxy } from '../support/api-proxy.js';
import { ROOT, runCli } from '../support/cli.js';
import { startEmulatorForTest } from '../support/emulator.js';
import { runCliKilledMidWrite } from '../support/killed-cli.js';

const scenario = join(ROOT, 'test', 'integration', 'scenarios', 'action-review-loop');

/** The scenario's config with a department to create (the first write of its plan) and Ada to hire. */
async function configDir(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-two-applies-'));
  const config = (await readFile(join(scenario, 'config.yaml'), 'utf8')).replace(
    '\nusers:\n',
    '\ndepartments:\n  support: { name: Support, office: hq }\nusers:\n  - { email: ada.lovelace@acme.com, first_name: Ada, last_name: Lovelace, office: hq, license: talk }\n',
  );
  await writeFile(join(cwd, 'dialform.yaml'), config);
  return cwd;
}

describe('two applies at once (issue 26 #4)', () => {
  it('the same config applied twice at once on one journal: the second refuses (apply_in_progress) and writes nothing; no duplicate department', async () => {
    const emulator = await startEmulatorForTest(join(scenario, 'fixture.json'));
    const cwd = await configDir();
    let arrived!: () => void;
    const held = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    // The first apply's first write is held until released: it is mid-apply for as long as needed.
    let holding = false;
    const proxy = await startApiProxy(emulator.url, ({ method, url }) => {
      if (holding || method !== 'POST' || url.pathname !== '/api/v2/departments') return 'pass';
      holding = true;
      arrived();
      return { hold };
    });
    const env = { ...emulator.env, DIALPAD_API_URL: proxy.url };

    const first = runCli(['apply', '--auto-approve'], { cwd, env });
    await held;
    const second = await runCli(['apply', '--auto-approve', '--format', 'json'], { cwd, env });
    expect(second.code, second.stderr).toBe(1);
    expect(JSON.parse(second.stdout)).toMatchObject({ error: { code: 'apply_in_progress' } });
    expect(second.stderr).toMatch(/another apply is running with the journal .*journal\.jsonl \(process \d+ on .* has held it since/);
    expect(emulator.emulator.requestLog().filter((r) => r.method !== 'GET')).toEqual([]);

    release();
    const done = await first;
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect((emulator.emulator.snapshot().departments ?? []).filter((d) => d.name === 'Support')).toHaveLength(1);
    await expect(access(join(cwd, '.dialform', 'journal.jsonl.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await runCli(['apply', '--auto-approve'], { cwd, env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');
  }, 120_000);

  it('an apply killed while it holds the lock leaves nothing stuck: the next apply takes the lock over and converges', async () => {
    const emulator = await startEmulatorForTest(join(scenario, 'fixture.json'));
    const cwd = await configDir();
    const killed = await runCliKilledMidWrite({ emulator: emulator.emulator, args: ['apply', '--auto-approve'], cwd, env: emulator.env, killWhen: (_, writes) => writes === 1 });
    expect(killed.exit).toBe('SIGKILL');
    const lock = JSON.parse(await readFile(join(cwd, '.dialform', 'journal.jsonl.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBeGreaterThan(0);

    const rerun = await runCli(['apply', '--auto-approve'], { cwd, env: emulator.env });
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain('Verified');
    expect((emulator.emulator.snapshot().departments ?? []).filter((d) => d.name === 'Support')).toHaveLength(1);
  }, 120_000);
});
