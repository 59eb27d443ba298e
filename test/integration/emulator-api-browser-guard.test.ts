import { mkdtemp, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { startEmbeddedEmulator, type EmbeddedEmulator } from '../../src/emulator/index.js';
import { makeFixture } from '../support/emulator-harness.js';

/**
 * Issue 26 item 6: the server `dialform emulator console` runs (the embedded emulator) holds
 * /api/v2 to the same Host, Origin and content-type checks as /_emulator/, over real HTTP.
 */
let emulator: EmbeddedEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function startConsoleServer(): Promise<EmbeddedEmulator> {
  const dir = await mkdtemp(join(tmpdir(), 'dialform-api-guard-'));
  const fixturePath = join(dir, 'acme.json');
  await writeFile(fixturePath, JSON.stringify(makeFixture()));
  return startEmbeddedEmulator({ fixturePath, statePath: join(dir, 'emulator-state.json') });
}

/** A raw request with exactly the headers given (node:http lets `host` be set); the status. */
function raw(url: string, opts: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, method: opts.method, path: opts.path, headers: opts.headers, setHost: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const newUser = JSON.stringify({ email: 'mallory@acme.com', first_name: 'Mal', last_name: 'Lory', office_id: '10', license: 'talk' });

describe('the console server guards /api/v2 like /_emulator/ (issue 26 item 6)', () => {
  it('refuses API requests through a DNS-rebound Host, from another origin, or POSTed as a form, and changes nothing', async () => {
    emulator = await startConsoleServer();
    const host = new URL(emulator.url).host;
    const port = new URL(emulator.url).port;
    const json = { 'content-type': 'application/json' };
    expect(await raw(emulator.url, { method: 'GET', path: '/api/v2/users?apikey=anything', headers: { host: `evil.example:${port}` } })).toBe(403);
    expect(await raw(emulator.url, { method: 'POST', path: '/api/v2/users?apikey=anything', headers: { host: `evil.example:${port}`, ...json }, body: newUser })).toBe(403);
    expect(await raw(emulator.url, { method: 'POST', path: '/api/v2/users?apikey=anything', headers: { host, origin: 'http://evil.example', ...json }, body: newUser })).toBe(403);
    expect(await raw(emulator.url, { method: 'DELETE', path: '/api/v2/users/102?apikey=anything', headers: { host, origin: 'null' } })).toBe(403);
    expect(await raw(emulator.url, { method: 'POST', path: '/api/v2/users?apikey=anything', headers: { host, 'content-type': 'text/plain' }, body: newUser })).toBe(415);
    const client = createDialpadClient({ baseUrl: emulator.url, apiKey: emulator.apiKey, rateLimit: 100 });
    const emails = (await client.listUsers()).flatMap((u) => u.emails ?? []);
    expect(emails).toContain('bob@acme.com');
    expect(emails).not.toContain('mallory@acme.com');
  });

  it('still serves dialform’s own client and a same-origin request', async () => {
    emulator = await startConsoleServer();
    const host = new URL(emulator.url).host;
    expect(await raw(emulator.url, { method: 'GET', path: '/api/v2/company', headers: { host, origin: emulator.url, authorization: `Bearer ${emulator.apiKey}` } })).toBe(200);
    const client = createDialpadClient({ baseUrl: emulator.url, apiKey: emulator.apiKey, rateLimit: 100 });
    const created = await client.createUser({ email: 'eve@acme.com', first_name: 'Eve', last_name: 'Ng', office_id: '10', license: 'talk' });
    expect(created.emails).toContain('eve@acme.com');
  });
});
