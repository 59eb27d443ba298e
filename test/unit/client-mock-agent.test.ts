import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createDialpadClient } from '../../src/dialpad/index.js';

const BASE = 'https://dialpad.test';
const KEY = 'sk-mock-agent-key-987';

describe('retry chain with an injected MockAgent dispatcher', () => {
  it('retries 503, 503 then returns the 200, through the injected dispatcher', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock.enableCallHistory();
    const pool = mock.get(BASE);
    pool.intercept({ path: '/api/v2/company', method: 'GET' }).reply(503, { error: { message: 'busy' } }).times(2);
    pool.intercept({ path: '/api/v2/company', method: 'GET' }).reply(200, { id: '1', account_type: 'enterprise' });
    const client = createDialpadClient({ baseUrl: BASE, apiKey: KEY, dispatcher: mock, retry: { baseMs: 1 }, rateLimit: 1000 });
    expect(await client.getCompany()).toEqual({ id: '1', account_type: 'enterprise' });
    expect(client.stats()).toEqual({ requests: 3, retries: 2, throttled429: 0 });
    const calls = mock.getCallHistory()?.calls() ?? [];
    expect(calls).toHaveLength(3);
    expect(calls[0]?.headers).toMatchObject({ authorization: `Bearer ${KEY}` });
    mock.assertNoPendingInterceptors();
    await mock.close();
  });

  it('retries a 429 on a POST (the request was not processed) and sends the same body', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock.enableCallHistory();
    const pool = mock.get(BASE);
    pool.intercept({ path: '/api/v2/users', method: 'POST' }).reply(429, {}, { headers: { 'retry-after': '0' } });
    pool.intercept({ path: '/api/v2/users', method: 'POST' }).reply(200, { id: '77' });
    const client = createDialpadClient({ baseUrl: BASE, apiKey: KEY, dispatcher: mock, retry: { baseMs: 1 }, rateLimit: 1000 });
    expect(await client.createUser({ email: 'q@acme.com', office_id: '1' })).toEqual({ id: '77' });
    const bodies = (mock.getCallHistory()?.calls() ?? []).map((c) => String(c.body));
    expect(bodies).toHaveLength(2);
    expect(JSON.parse(bodies[0] as string)).toEqual({ email: 'q@acme.com', office_id: '1' });
    expect(bodies[1]).toBe(bodies[0]);
    expect(client.stats().throttled429).toBe(1);
    await mock.close();
  });

  it('a 502 on create_office is settled by re-reading the offices, then sent once more', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock.get(BASE).intercept({ path: '/api/v2/offices', method: 'POST' }).reply(502, 'bad gateway');
    mock.get(BASE).intercept({ path: '/api/v2/offices', method: 'GET' }).reply(200, { items: [] });
    mock.get(BASE).intercept({ path: '/api/v2/offices', method: 'POST' }).reply(200, { office: { id: '5', name: 'Acme Paris' } });
    const client = createDialpadClient({ baseUrl: BASE, apiKey: KEY, dispatcher: mock, retry: { baseMs: 1 }, rateLimit: 1000 });
    const res = await client.createOffice({
      name: 'Acme Paris',
      country: 'FR',
      currency: 'EUR',
      plan_period: 'monthly',
      annual_commit_monthly_billing: false,
      invoiced: false,
      unified_billing: true,
      billing_address: { address_line_1: '1 rue X', city: 'Paris', country: 'FR', postal_code: '75001', region: 'IDF' },
    });
    expect(res.office?.id).toBe('5');
    mock.assertNoPendingInterceptors();
    await mock.close();
  });
});

describe('timeouts against a real loopback server', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });

  it('a server that never answers gives a timeout ApiError after the retries', async () => {
    let hits = 0;
    server = createServer(() => {
      hits++;
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const dispatcher = new Agent();
    const client = createDialpadClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: KEY,
      dispatcher,
      timeoutMs: 150,
      retry: { maxAttempts: 2, baseMs: 1 },
    });
    const err = (await client.getUser('1').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe('timeout');
    expect(err.causeCode).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(hits).toBe(2);
    await dispatcher.close();
  });

  it('a refused connection is retried even for a POST (nothing was sent)', async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: '1' }));
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server?.close(() => r()));
    server = undefined;
    const dispatcher = new Agent();
    const client = createDialpadClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: KEY, dispatcher, retry: { maxAttempts: 3, baseMs: 1 } });
    const err = (await client.createUser({ email: 'a@b.c', office_id: 1 }).catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ kind: 'network', causeCode: 'ECONNREFUSED', outcomeUnknown: false });
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
    await dispatcher.close();
  });
});
