import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { itemsOf, makeFixture, startHarness, type Harness } from '../support/emulator-harness.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const T0 = '2026-11-20T12:00:00.000Z';

describe('console: transfer_licenses', () => {
  it('moves unassigned licenses and available_licenses follows', async () => {
    h = await startHarness();
    const res = await h.console('POST', '/transfer_licenses', { from_office_id: '10', to_office_id: '30', line: 'talk_lines', count: 1 });
    expect(res.status).toBe(200);
    expect((await h.api('GET', '/offices/10/available_licenses')).body).toMatchObject({ talk_lines: '0' });
    expect((await h.api('GET', '/offices/30/available_licenses')).body).toMatchObject({ talk_lines: '2' });
    expect((await h.api('GET', '/offices/30/plan')).body).toMatchObject({ talk_lines: '3' });
  });

  it('refuses assigned licenses, another price level, and free/standard accounts', async () => {
    h = await startHarness();
    const assigned = await h.console('POST', '/transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 2 });
    expect(assigned.status).toBe(400);
    expect(JSON.stringify(assigned.body)).toMatch(/only unassigned licenses/);
    const level = await h.console('POST', '/transfer_licenses', { from_office_id: '10', to_office_id: '40', line: 'talk_lines', count: 1 });
    expect(level.status).toBe(400);
    expect(JSON.stringify(level.body)).toMatch(/price level/);
    await h.close();
    const fixture = makeFixture();
    fixture.company.account_type = 'free';
    h = await startHarness({ fixture });
    expect((await h.console('POST', '/transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 })).status).toBe(403);
  });
});

describe('console: deleted users and the clock', () => {
  it('restores a user within 72 h; after that the user is anonymized and no longer listed', async () => {
    const fixture: Fixture = { ...makeFixture(), clock: T0 };
    h = await startHarness({ fixture, now: () => new Date('2020-01-01T00:00:00Z') });
    await h.api('DELETE', '/users/102');
    await h.api('DELETE', '/users/104');
    expect((await h.api('GET', '/numbers/%2B18031000102')).body).toMatchObject({ status: 'available' });
    const state = (await h.console('GET', '/state')).body as unknown as Fixture;
    expect(state.users.find((u) => u.id === '102')?.deleted_at).toBe(T0);

    const restored = await h.console('POST', '/restore_user', { user_id: '102' });
    expect(restored.body).toMatchObject({ id: '102', state: 'active' });
    expect(restored.body).not.toHaveProperty('phone_numbers');

    await h.console('POST', '/clock', { advance_seconds: 71 * 3600 });
    expect(itemsOf((await h.api('GET', '/users?state=deleted')).body).map((u) => u['id'])).toEqual(['104']);
    await h.console('POST', '/clock', { advance_seconds: 3600 });
    expect((await h.api('GET', '/users?state=deleted')).body).toEqual({});
    expect((await h.api('GET', '/users?email=dee@acme.com&state=all')).body).toEqual({});
    const anon = await h.api('GET', '/users/104');
    expect(anon.body).toMatchObject({ state: 'deleted', first_name: 'Deleted' });
    expect(JSON.stringify(anon.body)).not.toContain('dee@acme.com');
    const late = await h.console('POST', '/restore_user', { user_id: '104' });
    expect(late.status).toBe(400);
    expect(JSON.stringify(late.body)).toMatch(/72 hours/);
    expect((await h.console('GET', '/clock')).body).toEqual({ now: '2026-11-23T12:00:00.000Z' });
  });

  it('reads a fixture clock without a zone as UTC', async () => {
    h = await startHarness({ fixture: { ...makeFixture(), clock: '2026-11-26T09:00:00' }, now: () => new Date('2020-01-01T00:00:00Z') });
    expect((await h.console('GET', '/clock')).body).toEqual({ now: '2026-11-26T09:00:00.000Z' });
  });

  it('lets a new user take the email of a deleted one', async () => {
    h = await startHarness();
    await h.api('DELETE', '/users/104');
    expect((await h.api('POST', '/users', { email: 'dee@acme.com', office_id: '30' })).status).toBe(200);
    const restore = await h.console('POST', '/restore_user', { user_id: '104' });
    expect(restore.status).toBe(409);
  });
});

describe('console: permissions, state, reset, stats', () => {
  it('records analytics and proxy in the state only', async () => {
    h = await startHarness();
    expect((await h.console('POST', '/analytics', { user_id: '104', enabled: true })).status).toBe(200);
    expect((await h.console('POST', '/proxy', { user_id: '104', enabled: true })).status).toBe(200);
    expect((await h.console('POST', '/proxy', { user_id: '999', enabled: true })).status).toBe(404);
    const state = (await h.console('GET', '/state')).body as unknown as Fixture;
    expect(state.users.find((u) => u.id === '104')).toMatchObject({ analytics: true, proxy: true });
    const api = await h.api('GET', '/users/104');
    expect(api.body).not.toHaveProperty('analytics');
    expect(api.body).not.toHaveProperty('proxy');
  });

  it('resets to the fixture', async () => {
    h = await startHarness();
    await h.api('DELETE', '/users/101');
    await h.console('POST', '/reset');
    expect((await h.api('GET', '/users/101')).body).toMatchObject({ state: 'active' });
  });

  it('counts requests per path template', async () => {
    h = await startHarness();
    await h.api('GET', '/users/101');
    await h.api('GET', '/users/102');
    await h.api('GET', '/users', undefined, null);
    const stats = (await h.console('GET', '/stats')).body;
    expect(stats['requests']).toEqual({ 'GET /api/v2/users/{id}': 2, 'GET /api/v2/users': 1 });
    expect(stats['max_requests_in_1s']).toBeGreaterThanOrEqual(1);
    expect(stats['rate_limited']).toBe(0);
  });

  it('answers unknown console paths with 404', async () => {
    h = await startHarness();
    expect((await h.console('GET', '/nope')).status).toBe(404);
  });
});

/** A raw console request over loopback, with exactly the headers given (node:http lets `host` be set). */
function rawConsole(url: string, opts: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, method: opts.method, path: `/_emulator${opts.path}`, headers: opts.headers, setHost: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('console: request checks against browser pages (issue 12 #17)', () => {
  const clockBody = JSON.stringify({ now: '2030-01-01T00:00:00Z' });

  it('refuses a console POST that is not content-type application/json (issue 12 #17)', async () => {
    h = await startHarness({ fixture: { ...makeFixture(), clock: T0 } });
    const host = new URL(h.url).host;
    const post = (contentType: string | undefined) =>
      rawConsole(h.url, { method: 'POST', path: '/clock', headers: { host, ...(contentType ? { 'content-type': contentType } : {}) }, body: clockBody });
    expect(await post('text/plain')).toBe(415);
    expect(await post('application/x-www-form-urlencoded')).toBe(415);
    expect(await post(undefined)).toBe(415);
    expect(String((await h.console('GET', '/clock')).body['now'])).toMatch(/^2026-11-20T/);
    expect(await post('application/json; charset=utf-8')).toBe(200);
    expect(String((await h.console('GET', '/clock')).body['now'])).toMatch(/^2030-01-01T/);
  });

  it('refuses a console request whose Origin is not the emulator itself (issue 12 #17)', async () => {
    h = await startHarness({ fixture: { ...makeFixture(), clock: T0 } });
    const host = new URL(h.url).host;
    const post = (origin: string) =>
      rawConsole(h.url, { method: 'POST', path: '/clock', headers: { host, origin, 'content-type': 'application/json' }, body: clockBody });
    expect(await post('http://evil.example')).toBe(403);
    expect(await post('null')).toBe(403);
    expect(await post(`http://127.0.0.1:${Number(new URL(h.url).port) + 1}`)).toBe(403);
    expect(await rawConsole(h.url, { method: 'GET', path: '/state', headers: { host, origin: 'http://evil.example' } })).toBe(403);
    expect(String((await h.console('GET', '/clock')).body['now'])).toMatch(/^2026-11-20T/);
    expect(await post(h.url)).toBe(200);
  });

  it('refuses a console request whose Host is not a loopback name with the emulator port (issue 12 #17)', async () => {
    h = await startHarness();
    const port = new URL(h.url).port;
    const get = (host: string) => rawConsole(h.url, { method: 'GET', path: '/clock', headers: { host } });
    expect(await get(`evil.example:${port}`)).toBe(403);
    expect(await get(`foo.localhost:${port}`)).toBe(403);
    expect(await get('127.0.0.1:1')).toBe(403);
    expect(await get('127.0.0.1')).toBe(403);
    expect(await get(`127.0.0.1:${port}`)).toBe(200);
    expect(await get(`localhost:${port}`)).toBe(200);
    expect(await get(`[::1]:${port}`)).toBe(200);
  });

  it('accepts any literal 127.0.0.0/8 Host and localhost in any case, and refuses IPv6 spellings that are not canonical', async () => {
    h = await startHarness();
    const port = new URL(h.url).port;
    const get = (host: string) => rawConsole(h.url, { method: 'GET', path: '/clock', headers: { host } });
    expect(await get(`127.0.0.2:${port}`)).toBe(200);
    expect(await get(`LOCALHOST:${port}`)).toBe(200);
    expect(await get(`[::ffff:127.0.0.1]:${port}`)).toBe(403);
    expect(await get(`[0:0:0:0:0:0:0:1]:${port}`)).toBe(403);
  });
});
