import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../src/emulator/index.js';
import { UsageError } from '../../src/errors.js';
import { KEY, startHarness, type Harness } from '../support/emulator-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Status of one request, or `reset` when the connection was destroyed. */
/** Requests as dialform's client sends them: a bearer key and, with a body, JSON (the emulator refuses a POST that is not, as a page's form would be). */
async function statusOf(url: string, init: RequestInit = {}): Promise<number | 'reset'> {
  try {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${KEY}`);
    if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const res = await fetch(url, { ...init, headers });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'reset';
  }
}

describe('rate limit', () => {
  it('answers 429 with Retry-After and the envelope past the per-company rate, and counts it', async () => {
    h = await startHarness({ rateLimit: 2 });
    const results = await Promise.all(Array.from({ length: 20 }, () => h!.api('GET', '/users/101')));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.body).toMatchObject({ error: { code: 429 } });
    const stats = (await h.console('GET', '/stats')).body;
    expect(stats['rate_limited']).toBe(limited.length);
    expect(stats['max_requests_in_1s']).toBeGreaterThanOrEqual(3);
  });

  it('states the configured rate in the 429 message, not Dialpad\'s default', async () => {
    h = await startHarness({ rateLimit: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => h!.api('GET', '/users/101')));
    const limited = results.find((r) => r.status === 429);
    expect(limited?.body).toMatchObject({ error: { code: 429, message: 'rate limit exceeded (3 requests per second per company)' } });
  });
});

describe('fault injection', () => {
  it('parses the spec and rejects bad ones', () => {
    expect(parseFaultSpec('seed=42,rate=0.25,kinds=500+reset,slow_ms=10')).toEqual({ seed: 42, rate: 0.25, kinds: ['500', 'reset'], slowMs: 10, fail: [], truncate: [], rename: [] });
    expect(parseFaultSpec('rate=0,truncate=GET:/api/v2/departments:paged').truncate).toEqual([{ method: 'GET', path: '/api/v2/departments', paged: true }]);
    expect(() => parseFaultSpec('truncate=departments')).toThrow(/not METHOD:PATH/);
    expect(parseFaultSpec('rate=0,fail=GET:/api/v2/users:paged+DELETE:/api/v2/users/7').fail).toEqual([
      { method: 'GET', path: '/api/v2/users', paged: true },
      { method: 'DELETE', path: '/api/v2/users/7', paged: false },
    ]);
    expect(() => parseFaultSpec('fail=users')).toThrow(/not METHOD:PATH/);
    expect(parseFaultSpec('')).toMatchObject({ seed: 1, rate: 0.1 });
    expect(() => parseFaultSpec('rate=2')).toThrow(/rate must be/);
    expect(() => parseFaultSpec('rate=2')).toThrow(UsageError);
    expect(() => parseFaultSpec('kinds=500+boom')).toThrow(/unknown kind boom/);
    expect(parseFaultSpec('kinds=500_after+503_after').kinds).toEqual(['500_after', '503_after']);
    expect(() => parseFaultSpec('colour=blue')).toThrow(/unknown key/);
  });

  it('is repeatable with a seed', async () => {
    const run = async (): Promise<(number | 'reset')[]> => {
      const emu = await startHarness({ faults: 'seed=7,rate=0.5,kinds=500+503+429+reset+slow,slow_ms=5' });
      const out: (number | 'reset')[] = [];
      for (let i = 0; i < 30; i++) out.push(await statusOf(`${emu.url}/api/v2/users/101`));
      await emu.close();
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(5);
    expect(a).toContain(200);
  });

  it('reset_after applies a write and then drops the connection; reset_before does not apply it', async () => {
    h = await startHarness({ faults: 'seed=1,rate=1,kinds=reset_after' });
    const body = JSON.stringify({ email: 'ghost@acme.com', office_id: '20' });
    expect(await statusOf(`${h.url}/api/v2/users`, { method: 'POST', body })).toBe('reset');
    const state = (await h.console('GET', '/state')).body as { users: { emails: string[] }[] };
    expect(state.users.some((u) => u.emails[0] === 'ghost@acme.com')).toBe(true);
    await h.close();

    h = await startHarness({ faults: 'seed=1,rate=1,kinds=reset_before' });
    expect(await statusOf(`${h.url}/api/v2/users`, { method: 'POST', body })).toBe('reset');
    const before = (await h.console('GET', '/state')).body as { users: { emails: string[] }[] };
    expect(before.users.some((u) => u.emails[0] === 'ghost@acme.com')).toBe(false);
  });

  it('500_after and 503_after apply a write and then answer 5xx; plain 500 does not apply it; reads get a plain 5xx (issue 12)', async () => {
    type State = { users: { emails: string[] }[] };
    for (const [kind, status] of [['500_after', 500], ['503_after', 503]] as const) {
      h = await startHarness({ faults: `seed=1,rate=1,kinds=${kind}` });
      const body = JSON.stringify({ email: `landed-${status}@acme.com`, office_id: '20' });
      expect(await statusOf(`${h.url}/api/v2/users`, { method: 'POST', body })).toBe(status);
      const state = (await h.console('GET', '/state')).body as State;
      expect(state.users.filter((u) => u.emails[0] === `landed-${status}@acme.com`), kind).toHaveLength(1);
      expect(await statusOf(`${h.url}/api/v2/users/101`)).toBe(status);
      await h.close();
    }

    h = await startHarness({ faults: 'seed=1,rate=1,kinds=500' });
    const body = JSON.stringify({ email: 'never@acme.com', office_id: '20' });
    expect(await statusOf(`${h.url}/api/v2/users`, { method: 'POST', body })).toBe(500);
    const state = (await h.console('GET', '/state')).body as State;
    expect(state.users.some((u) => u.emails[0] === 'never@acme.com')).toBe(false);
  });
});

describe('latency', () => {
  it('delays every /api/v2 response', async () => {
    h = await startHarness({ latencyMs: 150 });
    const t = performance.now();
    expect((await h.api('GET', '/users/101')).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });
});
