import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator/index.js';
import { ROOT, runCli } from '../support/cli.js';
import { addUsers, API_KEY, duplicateEmails, liveEmails, makeCompany, renameUsers } from '../support/chaos-company.js';

const BIN = join(ROOT, 'cmd', 'dialform.ts');
/** tsx's loader by URL: the child runs in a temp dir where the bare specifier 'tsx' does not resolve. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('apply killed part way', () => {
  it('reruns to the same end state with no duplicates after SIGKILL', async () => {
    const company = await makeCompany({ users: 200, offices: 4 });
    const renamed = await renameUsers(company.configDir, 120);
    const added = await addUsers(company.configDir, 5);
    const emulator = createEmulator({ fixture: company.fixture, rateLimit: 0, latencyMs: 10 });
    const running = await emulator.listen(0);
    closers.push(() => running.close());
    const env = { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: API_KEY };
    const args = ['apply', '-c', 'dialform', '--auto-approve', '--rate-limit', '200'];

    // One node process (not the tsx wrapper), so SIGKILL lands on the process doing the writes.
    const child = spawn(process.execPath, ['--import', TSX_LOADER, BIN, ...args], {
      cwd: company.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    let writes = 0;
    const killedAt = new Promise<number>((resolve) => {
      const stop = emulator.onChange(() => {
        writes++;
        if (writes === 40) {
          child.kill('SIGKILL');
          stop();
          resolve(writes);
        }
      });
    });
    expect(await Promise.race([killedAt, exited.then(() => -1)]), stderr).toBe(40);
    expect(await exited).toBe('SIGKILL');
    const partial = emulator.snapshot();
    const renamedSoFar = partial.users.filter((u) => String(u.last_name ?? '').endsWith(' Renamed')).length;
    expect(renamedSoFar + liveEmails(partial).filter((e) => e.startsWith('new-')).length).toBeLessThan(renamed.length + added.length);

    const rerun = await runCli(args, { cwd: company.cwd, env });
    expect(rerun.code, rerun.stderr).toBe(0);
    const plan = await runCli(['plan', '-c', 'dialform', '--detailed-exitcode'], { cwd: company.cwd, env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);

    const state = emulator.snapshot();
    expect(duplicateEmails(state)).toEqual([]);
    const emails = liveEmails(state);
    for (const email of added) expect(emails.filter((e) => e === email)).toHaveLength(1);
    const lastNames = new Map(state.users.map((u) => [String(u.emails[0]), String(u.last_name ?? '')]));
    for (const email of renamed) expect(lastNames.get(email)).toMatch(/ Renamed$/);
    expect(state.numbers.map((n) => n.number).sort()).toEqual(company.fixture.numbers.map((n) => n.number).sort());
  }, 60_000);
});
