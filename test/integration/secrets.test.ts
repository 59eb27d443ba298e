import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, loadFixture, type Emulator, type RunningEmulator } from '../../src/emulator/index.js';
import { ROOT, runCli, scratchCopy, type CliResult } from '../support/cli.js';

/**
 * The API key appears nowhere: not on stdout or stderr of any command (successful or failing,
 * with --verbose), and in no file the commands write (plan files, journal, imported YAML, a snapshot) nor in
 * the emulator's state. The key is given through DIALPAD_API_KEY and through --api-key-file.
 */
const KEY = 'dpk-SECRET-5f0c2a9e-KNOWN-VALUE';

interface Server {
  emulator: Emulator;
  running: RunningEmulator;
}

const servers: Server[] = [];

/** An emulator of examples/acme; `refuseKey` makes every request with KEY answer 401. */
async function startEmulator(refuseKey: boolean): Promise<Server> {
  const fixture = await loadFixture(join(ROOT, 'examples', 'acme', 'live.json'));
  const emulator = createEmulator({
    fixture: refuseKey ? { ...fixture, api_keys: [{ key: 'some-other-key', scope: 'company' }] } : fixture,
    rateLimit: 0,
  });
  const server = { emulator, running: await emulator.listen(0) };
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const s of servers.splice(0)) await s.running.close();
});

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

describe.each(['env', 'file'] as const)('the API key given by %s', (via) => {
  it('never appears in output or written files, for every command and failure', async () => {
    const good = await startEmulator(false);
    const refusing = await startEmulator(true);
    const cwd = await scratchCopy('acme');
    const keyFile = join(cwd, '..', `key-${via}.txt`);
    await writeFile(keyFile, `${KEY}\n`);
    const keyArgs = via === 'file' ? ['--api-key-file', keyFile] : [];
    // validate reads no key and takes no connection options; it still runs with the key in its environment.
    const run = (args: string[], apiUrl = good.running.url): Promise<CliResult> =>
      runCli(args[0] === 'validate' ? args : [...args, ...keyArgs, '--verbose'], {
        cwd,
        env: { DIALPAD_API_URL: apiUrl, ...(via === 'env' ? { DIALPAD_API_KEY: KEY } : {}) },
      });
    const c = ['-c', 'acme'];
    const results: Array<[string, CliResult, number[]]> = [];
    const record = async (name: string, expected: number[], pending: Promise<CliResult>) => {
      results.push([name, await pending, expected]);
    };

    await record('validate', [0], run(['validate', ...c]));
    await record('plan text', [0, 2], run(['plan', ...c, '--detailed-exitcode']));
    await record('plan markdown', [0], run(['plan', ...c, '--format', 'markdown']));
    await record('plan json', [0], run(['plan', ...c, '--format', 'json']));
    await record('plan --out', [0], run(['plan', ...c, '--out', 'plan.json']));
    const show = await runCli(['show', 'plan.json', '--format', 'json'], { cwd });
    results.push(['show', show, [0]]);
    await record('apply', [0], run(['apply', ...c, '--auto-approve']));
    await record('apply stale plan', [1], run(['apply', 'plan.json', ...c, '--auto-approve']));
    await record('import', [0], run(['import', '-o', 'imported']));
    await record('plan with a refused key (401)', [1], run(['plan', ...c], refusing.running.url));
    // The JSON error document is built from the same scrubbed message as the text.
    await record('plan json with a refused key (401)', [1], run(['plan', ...c, '--format', 'json'], refusing.running.url));
    await record('apply json with a refused key (401)', [1], run(['apply', ...c, '--auto-approve', '--format', 'json'], refusing.running.url));
    // The example's fixture runs on a fixed clock, which doctor names as a skew (exit 1).
    await record('doctor', [0, 1], run(['doctor', '--no-redact']));
    await record('doctor json with a refused key (401)', [1], run(['doctor', '--format', 'json'], refusing.running.url));
    await record('emulator snapshot', [0], run(['emulator', 'snapshot', '-c', 'acme', '-o', 'twin.json']));
    await record('plan against an unreachable API', [1], run(['plan', ...c], 'http://127.0.0.1:9'));
    await writeFile(join(cwd, 'acme', 'broken.yaml'), `users:\n  - { email: ${KEY}, office: [ }\n`);
    await record('validate a bad config', [1], run(['validate', ...c]));

    for (const [name, result, expected] of results) {
      expect(expected, `${name}: exit ${result.code}\n${result.stderr}`).toContain(result.code);
      // The bad config quotes its own text, which here holds the key: that is the user's input, not a leak.
      if (name === 'validate a bad config') continue;
      expect(result.stdout, name).not.toContain(KEY);
      expect(result.stderr, name).not.toContain(KEY);
    }
    expect(results.find(([n]) => n === 'plan text')?.[1].stderr).toMatch(/GET \/api\/v2\/users/);

    const written = (await listFiles(cwd)).filter((f) => !f.endsWith('broken.yaml'));
    expect(written.some((f) => f.endsWith('plan.json'))).toBe(true);
    expect(written.some((f) => f.endsWith('journal.jsonl'))).toBe(true);
    expect(written.some((f) => f.includes(join('imported', 'users')))).toBe(true);
    expect(written.some((f) => f.endsWith('twin.json'))).toBe(true);
    for (const file of written) expect(await readFile(file, 'utf8'), file).not.toContain(KEY);
    expect(JSON.stringify(good.emulator.snapshot())).not.toContain(KEY);
    expect(JSON.stringify(refusing.emulator.snapshot())).not.toContain(KEY);
  }, 180_000);
});
