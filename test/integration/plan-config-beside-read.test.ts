/**
 * `plan` and `apply` (without a saved plan) load the config beside the live read (issue 15 #2). A config that fails to load is still
 * the error reported, as `file:line:col`, and it does not wait for a read nobody will use: here the
 * API accepts connections and never answers, so a CLI that waited would hang for its timeouts.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});

afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('plan and apply: the config loads beside the read', () => {
  it.each([['plan'], ['apply']])('%s reports a config that fails to load at once, without waiting for an API that never answers (issue 15 #2)', { timeout: 60_000 }, async (command) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-beside-'));
    await writeFile(join(cwd, 'dialform.yaml'), 'version: 1\nofices: {}\n');
    const result = await runCli([command, '-c', 'dialform.yaml'], {
      cwd,
      env: { DIALPAD_API_URL: `http://127.0.0.1:${address.port}`, DIALPAD_API_KEY: 'k' },
    });
    expect(result.stderr).toMatch(/dialform\.yaml:2:1/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(1);
  });

  it('plan reports a bad --base at once, without waiting for the read started beside the load (issue 15 review #7)', { timeout: 60_000 }, async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-beside-base-'));
    await writeFile(join(cwd, 'dialform.yaml'), 'version: 1\ncompany: { account_type: pro }\noffices:\n  hq: { name: HQ, country: US }\n');
    const result = await runCli(['plan', '-c', 'dialform.yaml', '--base', 'no-such-ref'], {
      cwd,
      env: { DIALPAD_API_URL: `http://127.0.0.1:${address.port}`, DIALPAD_API_KEY: 'k' },
    });
    expect(result.stderr).toMatch(/no-such-ref/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(1);
  });
});
