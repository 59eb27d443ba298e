/** `dialform emulator serve` as a process: the options docs/emulator.md documents work as written. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_BIN, ROOT } from '../support/cli.js';

/** Starts `serve` with `args`; resolves with its URL once it says it is listening, and a way to stop it. */
function serve(args: string[]): Promise<{ url: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, [DIST_BIN, 'emulator', 'serve', '--fixture', join(ROOT, 'examples', 'acme', 'live.json'), '--port', '0', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /listening on (http:\/\/\S+) /.exec(stderr)?.[1];
      if (url !== undefined) resolve({ url, stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then((code) => reject(new Error(`serve exited ${code} before listening: ${stderr}`)));
  });
}

describe('dialform emulator serve', () => {
  it('accepts --rate-limit 0 and then never answers 429 (issue 12 #16: documented but rejected)', async () => {
    const server = await serve(['--rate-limit', '0']);
    try {
      const statuses = await Promise.all(
        Array.from({ length: 60 }, () =>
          fetch(`${server.url}/api/v2/company`, { headers: { authorization: 'Bearer any-key' } }).then((r) => r.status),
        ),
      );
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('still limits with the default rate: a burst past 20 requests gets 429s', async () => {
    const server = await serve([]);
    try {
      const statuses = await Promise.all(
        Array.from({ length: 60 }, () =>
          fetch(`${server.url}/api/v2/company`, { headers: { authorization: 'Bearer any-key' } }).then((r) => r.status),
        ),
      );
      expect(statuses).toContain(429);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
