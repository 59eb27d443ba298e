/**
 * The client's limiter against Dialpad's limit as Dialpad counts it (issue 31): at most 20 requests
 * arriving in any rolling second. The emulator in strict mode answers 429 to the 21st, and records
 * when every request arrived (`max_requests_in_1s`); the client must never see a 429 and never put
 * more than 20 in a second, whether answers come back at once or after Dialpad-like latency.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { createEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { KEY, makeFixture } from '../support/emulator-harness.js';

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const RATE = 20;

describe('strict sliding-window rate limit', () => {
  it('the emulator answers 429 to the request beyond the rate in a rolling second, which the token bucket lets through', async () => {
    const emulator = createEmulator({ fixture: makeFixture(), rateLimit: 3, strictRateLimit: true });
    running = await emulator.listen(0);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${running.url}/api/v2/company`, { headers: { authorization: `Bearer ${KEY}` } });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(emulator.stats().rate_limited).toBe(1);
  });

  for (const latencyMs of [50, 0]) {
    it(`the client sends at most ${RATE} requests in any second and gets no 429, at ${latencyMs} ms latency`, async () => {
      const emulator = createEmulator({ fixture: makeFixture(), rateLimit: RATE, strictRateLimit: true, latencyMs });
      running = await emulator.listen(0);
      const client = createDialpadClient({ baseUrl: running.url, apiKey: KEY, rateLimit: RATE });
      // Four callers at once, as the read's concurrent lists are: 80 requests, four seconds' worth.
      const callers = Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 20; i++) await client.getCompany();
      });
      await Promise.all(callers);

      const stats = emulator.stats();
      expect(stats.requests['GET /api/v2/company']).toBe(80);
      expect(stats.rate_limited).toBe(0);
      expect(client.stats().throttled429).toBe(0);
      expect(stats.max_requests_in_1s).toBeLessThanOrEqual(RATE);
      // The limit is used, not merely respected: a full second holds the rate, or one less when a
      // loaded machine delays a request past the second's end (a limiter with a wider margin gives fewer).
      expect(stats.max_requests_in_1s).toBeGreaterThanOrEqual(RATE - 1);
    }, 30_000);
  }
});
