import nock from 'nock';
import { inspect } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createDialpadClient, type DialpadClientOptions } from '../../src/dialpad/index.js';

const BASE = 'https://dialpad.test';
const KEY = 'sk-test-Secr3t-KEY-0123456789';

function makeClient(extra: Partial<DialpadClientOptions> = {}) {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const client = createDialpadClient({
    baseUrl: BASE,
    apiKey: KEY,
    rateLimit: 1000,
    retry: { baseMs: 1 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log: (line) => logs.push(line),
    ...extra,
  });
  return { client, sleeps, logs };
}

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('pagination', () => {
  it('follows cursor across three pages and stops at a final page without items', async () => {
    nock(BASE).get('/api/v2/users').query({ state: 'all' }).reply(200, { items: [{ id: '1', emails: ['u1@acme.com'], office_id: '1' }], cursor: 'c1' });
    nock(BASE).get('/api/v2/users').query({ state: 'all', cursor: 'c1' }).reply(200, { items: [{ id: '2', emails: ['u2@acme.com'], office_id: '1' }], cursor: 'c2' });
    nock(BASE).get('/api/v2/users').query({ state: 'all', cursor: 'c2' }).reply(200, { items: [{ id: '3', emails: ['u3@acme.com'], office_id: '1' }], cursor: 'c3' });
    nock(BASE).get('/api/v2/users').query({ state: 'all', cursor: 'c3' }).reply(200, {});
    const { client } = makeClient();
    const users = await client.listUsers({ state: 'all' });
    expect(users.map((u) => u.id)).toEqual(['1', '2', '3']);
    expect(client.stats().requests).toBe(4);
  });

  it('stops on a null cursor', async () => {
    nock(BASE).get('/api/v2/offices').reply(200, { items: [{ id: '1', name: 'HQ' }], cursor: null });
    const { client } = makeClient();
    expect(await client.listOffices()).toEqual([{ id: '1', name: 'HQ' }]);
  });

  it('refuses a cursor that repeats instead of looping forever', async () => {
    nock(BASE).get('/api/v2/offices').reply(200, { items: [{ id: '1', name: 'HQ' }], cursor: 'same' });
    nock(BASE).get('/api/v2/offices').query({ cursor: 'same' }).reply(200, { items: [{ id: '2', name: 'Branch' }], cursor: 'same' });
    const { client } = makeClient();
    const err = (await client.listOffices().catch((e: unknown) => e)) as ApiError;
    expect(err.message).toMatch(/same page cursor twice/);
    expect(err.itemsRead).toHaveLength(2);
  });

  it('keeps the items read before a page fails', async () => {
    nock(BASE).get('/api/v2/numbers').reply(200, { items: [{ number: '+14155550100' }], cursor: 'n1' });
    nock(BASE).get('/api/v2/numbers').query({ cursor: 'n1' }).reply(400, { error: { code: 400, message: 'corrupt cursor' } });
    const { client } = makeClient();
    const err = await client.listNumbers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).itemsRead).toEqual([{ number: '+14155550100' }]);
    expect((err as ApiError).message).toContain('corrupt cursor');
  });
});

describe('requests', () => {
  it('sends the key only as a Bearer Authorization header, with JSON accept', async () => {
    nock(BASE, { reqheaders: { authorization: `Bearer ${KEY}`, accept: 'application/json' } })
      .get('/api/v2/company')
      .query((q) => !('apikey' in q))
      .reply(200, { id: '1', account_type: 'pro' });
    const { client } = makeClient();
    expect(await client.getCompany()).toEqual({ id: '1', account_type: 'pro' });
  });

  it('encodes E.164 numbers in paths and sends release=true', async () => {
    nock(BASE).delete('/api/v2/numbers/%2B14155550100').query({ release: 'true' }).reply(200, { number: '+14155550100', deleted: true });
    const { client } = makeClient();
    expect((await client.releaseNumber('+14155550100')).deleted).toBe(true);
  });

  it('turns an error status into an ApiError with operation, label, status and Dialpad message', async () => {
    nock(BASE).post('/api/v2/users').reply(409, { error: { code: 409, message: 'A user with this email already exists' } });
    const { client } = makeClient();
    const err = await client
      .createUser({ email: 'ada@acme.com', office_id: '10' }, { label: 'create user ada@acme.com' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e).toMatchObject({ operation: 'users.create', label: 'create user ada@acme.com', status: 409, kind: 'conflict', code: 'api_error' });
    expect(e.apiMessage).toBe('A user with this email already exists');
    expect(e.message).toBe(
      'Dialpad API: create user ada@acme.com (users.create) failed: HTTP 409: A user with this email already exists',
    );
  });

  it('says a company-admin key is needed on a 403 from a company-admin endpoint', async () => {
    nock(BASE).get('/api/v2/numbers').reply(403, { error: { code: 403, message: 'forbidden' } });
    const { client } = makeClient();
    const err = (await client.listNumbers().catch((e: unknown) => e)) as ApiError;
    expect(err.kind).toBe('forbidden');
    expect(err.message).toMatch(/company-admin API key/);
  });
});

describe('403 messages (issue 14 #8)', () => {
  it('does not repeat Dialpad\'s own "company admin API key" on a 403 (issue 14 #8)', async () => {
    nock(BASE).get('/api/v2/numbers').reply(403, { error: { code: 403, message: 'this endpoint requires a company admin API key' } });
    const { client } = makeClient();
    const err = (await client.listNumbers().catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe(
      'Dialpad API: numbers.list failed: HTTP 403: this endpoint requires a company admin API key. Make one in Admin Settings › My Company › Authentication › API Keys',
    );
  });

  it('does not add "not allowed" to a 403 that says so already (issue 14 #8)', async () => {
    nock(BASE).get('/api/v2/users/7').reply(403, { error: { code: 403, message: 'this API key is not allowed to read users of office 2' } });
    const { client } = makeClient();
    const err = (await client.getUser('7').catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe('Dialpad API: users.get failed: HTTP 403: this API key is not allowed to read users of office 2');
  });
});

describe('retries', () => {
  it('honours Retry-After seconds on 429, then succeeds', async () => {
    nock(BASE).get('/api/v2/users/7').reply(429, { error: { code: 429, message: 'slow down' } }, { 'Retry-After': '2' });
    nock(BASE).get('/api/v2/users/7').reply(200, { id: '7' });
    const { client, sleeps } = makeClient();
    expect(await client.getUser('7')).toEqual({ id: '7' });
    expect(sleeps).toEqual([2000]);
    expect(client.stats()).toEqual({ requests: 2, retries: 1, throttled429: 1 });
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 5000).toUTCString();
    nock(BASE).post('/api/v2/users').reply(429, {}, { 'Retry-After': at });
    nock(BASE).post('/api/v2/users').reply(200, { id: '8' });
    const { client, sleeps } = makeClient();
    // 429 means "not processed": safe to retry even a create.
    expect(await client.createUser({ email: 'x@acme.com', office_id: 1 })).toEqual({ id: '8' });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(3000);
    expect(sleeps[0]).toBeLessThanOrEqual(5000);
  });

  it('retries 503 and then succeeds', async () => {
    nock(BASE).get('/api/v2/offices/3/plan').reply(503, 'unavailable');
    nock(BASE).get('/api/v2/offices/3/plan').reply(200, { talk_lines: '4' });
    const { client, sleeps } = makeClient();
    expect(await client.getOfficePlan('3')).toEqual({ talk_lines: '4' });
    expect(sleeps).toHaveLength(1);
  });

  it('gives up after maxAttempts and reports the last status', async () => {
    nock(BASE).get('/api/v2/company').times(3).reply(503, { error: { message: 'down' } });
    const { client } = makeClient({ retry: { maxAttempts: 3, baseMs: 1 } });
    const err = (await client.getCompany().catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 503, kind: 'server' });
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('gives up when Retry-After exceeds the total budget', async () => {
    nock(BASE).get('/api/v2/company').reply(429, {}, { 'Retry-After': '120' });
    const { client, sleeps } = makeClient({ retry: { maxTotalMs: 10_000 } });
    const err = (await client.getCompany().catch((e: unknown) => e)) as ApiError;
    expect(err.kind).toBe('rate_limited');
    expect(sleeps).toEqual([]);
  });

  it('retries a connection reset on a GET', async () => {
    nock(BASE).get('/api/v2/users/9').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    nock(BASE).get('/api/v2/users/9').reply(200, { id: '9' });
    const { client } = makeClient();
    expect(await client.getUser(9)).toEqual({ id: '9' });
  });

  it('does not retry a 400', async () => {
    nock(BASE).patch('/api/v2/users/9').reply(400, { error: { message: 'bad license' } });
    const { client } = makeClient();
    const err = (await client.updateUser('9', { license: 'agents' }).catch((e: unknown) => e)) as ApiError;
    expect(err.kind).toBe('bad_request');
    expect(client.stats().requests).toBe(1);
  });
});

describe('ambiguous writes are settled by re-reading', () => {
  const body = { email: 'Ada@Acme.com', office_id: '10', first_name: 'Ada', last_name: 'Lovelace', license: 'talk' as const };

  it('create_user reset mid-request: the re-read finds the user, so no second POST', async () => {
    nock(BASE).post('/api/v2/users', body).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    nock(BASE)
      .get('/api/v2/users')
      .query({ email: 'Ada@Acme.com' })
      .reply(200, { items: [{ id: '42', emails: ['ada@acme.com'], office_id: '1', state: 'active' }] });
    const { client } = makeClient();
    const user = await client.createUser(body);
    expect(user.id).toBe('42');
    expect(client.stats().requests).toBe(2);
  });

  it('create_user reset mid-request: the re-read does not find the user, so the POST is sent once more', async () => {
    nock(BASE).post('/api/v2/users', body).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    nock(BASE).get('/api/v2/users').query({ email: 'Ada@Acme.com' }).reply(200, { items: [{ id: '5', emails: ['ada@acme.com'], office_id: '1', state: 'deleted' }] });
    nock(BASE).post('/api/v2/users', body).reply(200, { id: '43', emails: ['ada@acme.com'] });
    const { client } = makeClient();
    expect((await client.createUser(body)).id).toBe('43');
    expect(client.stats()).toMatchObject({ requests: 3, retries: 1 });
  });

  it('a second ambiguous failure after the re-send is reported as outcome unknown', async () => {
    nock(BASE).post('/api/v2/users').times(2).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    nock(BASE).get('/api/v2/users').query({ email: 'Ada@Acme.com' }).reply(200, {});
    const { client } = makeClient();
    const err = (await client.createUser(body).catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ kind: 'network', causeCode: 'ECONNRESET', outcomeUnknown: true });
    expect(err.message).toMatch(/may or may not have been made/);
  });

  it('a failing re-read is reported as outcome unknown, not as success or a blind retry', async () => {
    nock(BASE).post('/api/v2/users/42/assign_number').replyWithError({ code: 'ECONNRESET', message: 'reset' });
    nock(BASE).get('/api/v2/numbers/%2B14155550101').reply(400, { error: { message: 'nope' } });
    const { client } = makeClient();
    const err = (await client.assignUserNumber('42', { number: '+14155550101' }).catch((e: unknown) => e)) as ApiError;
    expect(err.outcomeUnknown).toBe(true);
    expect(err.operation).toBe('numbers.assign_user_number.post');
  });

  it('assign_number: a 504 is confirmed by the number now targeting the user', async () => {
    nock(BASE).post('/api/v2/users/42/assign_number').reply(504, 'gateway timeout');
    nock(BASE).get('/api/v2/numbers/%2B14155550101').reply(200, { number: '+14155550101', status: 'user', target_type: 'user', target_id: '42' });
    const { client } = makeClient();
    expect((await client.assignUserNumber(42, { number: '+14155550101' })).target_id).toBe('42');
  });

  it('unassign_number: confirmed by the number being back in the pool', async () => {
    nock(BASE).post('/api/v2/users/42/unassign_number', { number: '+14155550101' }).replyWithError({ code: 'UND_ERR_SOCKET', message: 'other side closed' });
    nock(BASE).get('/api/v2/numbers/%2B14155550101').reply(200, { number: '+14155550101', status: 'available' });
    const { client } = makeClient();
    expect((await client.unassignUserNumber('42', '+14155550101')).status).toBe('available');
  });

  it('delete_user: confirmed by the user being in state deleted', async () => {
    nock(BASE).delete('/api/v2/users/42').replyWithError({ code: 'ECONNRESET', message: 'reset' });
    nock(BASE).get('/api/v2/users/42').reply(200, { id: '42', state: 'deleted' });
    const { client } = makeClient();
    expect((await client.deleteUser('42')).state).toBe('deleted');
  });

  it('move_office: not yet moved, so the move is sent once more', async () => {
    nock(BASE).patch('/api/v2/users/42/move_office', { office_id: '11' }).replyWithError({ code: 'ECONNRESET', message: 'reset' });
    nock(BASE).get('/api/v2/users/42').reply(200, { id: '42', office_id: '10' });
    nock(BASE).patch('/api/v2/users/42/move_office', { office_id: '11' }).reply(200, { id: '42', office_id: '11' });
    const { client } = makeClient();
    expect((await client.moveUserOffice('42', '11')).office_id).toBe('11');
  });

  it('release_number: confirmed by a 404 on re-read', async () => {
    nock(BASE).delete('/api/v2/numbers/%2B14155550102').query({ release: 'true' }).replyWithError({ code: 'ECONNRESET', message: 'reset' });
    nock(BASE).get('/api/v2/numbers/%2B14155550102').reply(404, { error: { message: 'not found' } });
    const { client } = makeClient();
    expect(await client.releaseNumber('+14155550102')).toEqual({ number: '+14155550102', deleted: true });
  });
});

describe('rate limit', () => {
  it('never lets more than the rate start in any window under 50 concurrent calls', async () => {
    const arrivals: number[] = [];
    nock(BASE)
      .get(/\/api\/v2\/users\/\d+$/)
      .times(50)
      .reply(200, () => {
        arrivals.push(performance.now());
        return { id: '1' };
      });
    const { client } = makeClient({ rateLimit: 40 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.getUser(i)));
    expect(arrivals).toHaveLength(50);
    // 40 req/s = at most 10 starts in any 250 ms window. Arrivals may lag their grant a little,
    // so allow one extra in a window; a limiter that let a burst through would show far more.
    const sorted = [...arrivals].sort((a, b) => a - b);
    let maxInWindow = 0;
    for (let i = 0; i < sorted.length; i++) {
      let j = i;
      while (j < sorted.length && (sorted[j] as number) - (sorted[i] as number) < 250) j++;
      maxInWindow = Math.max(maxInWindow, j - i);
    }
    expect(maxInWindow).toBeLessThanOrEqual(11);
    expect(maxInWindow).toBeGreaterThanOrEqual(5);
  });
});

describe('the API key never leaks', () => {
  it('is absent from error messages, String(err), stacks, inspect output and log lines', async () => {
    nock(BASE).get('/api/v2/company').reply(401, { error: { code: 401, message: `invalid key ${KEY}` } });
    nock(BASE).get('/api/v2/users/1').times(5).replyWithError({ code: 'ECONNRESET', message: `reset while sending Bearer ${KEY}` });
    const { client, logs } = makeClient();
    const errors = await Promise.all([client.getCompany().catch((e: unknown) => e), client.getUser('1').catch((e: unknown) => e)]);
    const unmatched = await client.getOffice('999').catch((e: unknown) => e);
    for (const err of [...errors, unmatched]) {
      expect(err).toBeInstanceOf(ApiError);
      const e = err as ApiError;
      for (const text of [e.message, String(e), e.stack ?? '', inspect(e, { depth: 5 }), JSON.stringify(e)]) {
        expect(text).not.toContain(KEY);
      }
    }
    expect((errors[0] as ApiError).message).toContain('[REDACTED]');
    expect((errors[0] as ApiError).message).toMatch(/DIALPAD_API_KEY or --api-key-file/);
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(line).not.toContain(KEY);
  });
});
