/**
 * The emulator never closes an idle keep-alive socket under a client that may still reuse it.
 *
 * undici keeps an idle socket for the server's `Keep-Alive: timeout=N` hint less
 * `keepAliveTimeoutThreshold` (2 s), timed on its "fast" clock, which advances 499 ms per tick
 * however late the tick runs: on a loaded machine a 3 s idle lasts longer in real time, while
 * Node's server closes the socket on the real clock at N. The client then sends on a socket the
 * server is closing, and gets ECONNRESET ("other side closed"): the contract tests' intermittent
 * failure under load. A client whose idle clock runs late is made here deterministically: its
 * threshold is negative, so it keeps the socket a second past the hint, as a lagging client does.
 */
import { Client } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmulator, parseFixture } from '../../src/emulator/index.js';

const FIXTURE = {
  company: { id: '5000000000000001', name: 'Acme Inc', domain: 'acme.com', country: 'us', state: 'active', account_type: 'pro' },
  offices: [{ id: '6100000000000001', office_id: '6100000000000001', name: 'Acme HQ', country: 'us', is_primary_office: true, state: 'active' }],
  users: [],
  numbers: [],
};

const hintOf = (headers: Record<string, string | string[] | undefined>): number => Number(/timeout=(\d+)/.exec(String(headers['keep-alive']))?.[1]);

describe('the emulator and a client reusing an idle socket', () => {
  it('keeps a socket open past its Keep-Alive hint: a client that reuses it a second late is answered on the same connection', async () => {
    const running = await createEmulator({ fixture: parseFixture(JSON.stringify(FIXTURE), 'fixture.json'), rateLimit: 0 }).listen(0);
    onTestFinished(() => running.close());
    const client = new Client(running.url, { keepAliveTimeoutThreshold: -3000 });
    onTestFinished(() => client.destroy());
    let connections = 0;
    client.on('connect', () => connections++);
    const get = () => client.request({ path: '/api/v2/company', method: 'GET', headers: { authorization: 'Bearer k' } });

    const first = await get();
    await first.body.text();
    const hint = hintOf(first.headers);
    expect(hint).toBeGreaterThan(2);
    // The lagging client's reuse: idle for the whole hint, and then some (the time is the subject here).
    await new Promise((resolve) => setTimeout(resolve, hint * 1000 + 1500));
    const second = await get();
    await second.body.text();
    expect(second.statusCode).toBe(200);
    expect(connections).toBe(1);
  }, 20_000);
});
