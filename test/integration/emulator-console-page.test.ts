/**
 * The console page's server side over real HTTP (issue 17): its files ask for nothing from another
 * origin, `/_emulator/api` answers as the API route it runs, the bulk analytics action is all or
 * nothing, and a pool number remembers whom it was last for without showing it on /api/v2.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { itemsOf, startHarness, type Harness } from '../support/emulator-harness.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('the console page (issue 17)', () => {
  it('serves its files with a self-only Content-Security-Policy and no URL of another origin in them (issue 17 #5)', async () => {
    h = await startHarness();
    const html = await fetch(`${h.url}/_emulator/console`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';/);
    const texts = [await html.text()];
    for (const file of ['console.css', 'console.js', 'favicon.svg']) {
      const res = await fetch(`${h.url}/_emulator/console/${file}`);
      expect(res.status, file).toBe(200);
      texts.push(await res.text());
    }
    // The only absolute URL allowed is the SVG namespace, which is a name, not a request.
    const urls = texts.flatMap((t) => t.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"')]*/gi) ?? []);
    expect(urls).toEqual(['http://www.w3.org/2000/svg']);
    expect((await fetch(`${h.url}/_emulator/console/secret.txt`)).status).toBe(404);
  });

  it('runs an /api/v2 handler through /_emulator/api with the same answer and error as the API (issue 17 #2)', async () => {
    h = await startHarness();
    const direct = await h.api('PATCH', '/users/104/move_office', { office_id: '40' });
    const viaConsole = await h.console('POST', '/api', { method: 'PATCH', path: '/api/v2/users/104/move_office', body: { office_id: '40' } });
    expect({ status: viaConsole.status, body: viaConsole.body }).toEqual({ status: direct.status, body: direct.body });
    expect(direct.status).toBe(400);
    expect(JSON.stringify(direct.body)).toMatch(/same price level/);

    const released = await h.console('POST', '/api', { method: 'DELETE', path: '/api/v2/numbers/%2B14155550199?release=true' });
    expect(released.status).toBe(200);
    expect((await h.api('GET', '/numbers/%2B14155550199')).status).toBe(404);
    expect((await h.console('POST', '/api', { method: 'GET', path: '/api/v2/nothing' })).status).toBe(404);
    expect((await h.console('POST', '/api', { method: 'PUT', path: '/api/v2/users' })).status).toBe(405);
  });

  it('grants analytics to every user of user_ids or to none (issue 17 #2)', async () => {
    h = await startHarness();
    expect((await h.api('DELETE', '/users/103')).status).toBe(200);
    const refused = await h.console('POST', '/analytics', { user_ids: ['101', '103'], enabled: true });
    expect(refused).toMatchObject({ status: 400, body: { error: { message: 'user 103 is deleted' } } });
    const state = (await h.console('GET', '/state')).body as { users: { id: string; analytics?: boolean }[] };
    expect(state.users.filter((u) => u.analytics === true)).toEqual([]);
    const granted = await h.console('POST', '/analytics', { user_ids: ['101', '102'], enabled: true });
    expect(granted).toMatchObject({ status: 200, body: { user_ids: ['101', '102'], analytics: true } });
  });

  it('refuses a deleted user by user_id as it does in user_ids: one path for one user and many', async () => {
    h = await startHarness();
    expect((await h.api('DELETE', '/users/103')).status).toBe(200);
    expect(await h.console('POST', '/proxy', { user_id: '103', enabled: true })).toMatchObject({ status: 400, body: { error: { message: 'user 103 is deleted' } } });
    const state = (await h.console('GET', '/state')).body as { users: { id: string; proxy?: boolean }[] };
    expect(state.users.find((u) => u.id === '103')?.proxy).not.toBe(true);
  });

  it('a number a user gives up remembers them and when, for Reserved Numbers, and the API does not show it (issue 17 #1)', async () => {
    h = await startHarness();
    await h.console('POST', '/clock', { now: '2026-11-20T12:00:00Z' });
    expect((await h.api('POST', '/users/101/unassign_number', { number: '+14155550101' })).status).toBe(200);
    const views = (await h.console('GET', '/views')).body as { status: { reserved_numbers: unknown[] } };
    // The emulator clock runs on from the time set, so the unassignment is a moment after it.
    expect(views.status.reserved_numbers).toContainEqual({ number: '+14155550101', office: 'Acme HQ', last_for: 'ada@acme.com', unassigned_at: expect.stringMatching(/^2026-11-20T12:00:0\d\.\d{3}Z$/) });
    const listed = itemsOf((await h.api('GET', '/numbers')).body).find((n) => n['number'] === '+14155550101');
    expect(listed).toBeDefined();
    expect(Object.keys(listed ?? {}).filter((k) => k === 'last_user_email' || k === 'unassigned_at')).toEqual([]);
    expect((await h.api('POST', '/users/102/assign_number', { number: '+14155550101' })).status).toBe(200);
    const state = (await h.console('GET', '/state')).body as { numbers: Record<string, unknown>[] };
    expect(state.numbers.find((n) => n['number'] === '+14155550101')).not.toHaveProperty('last_user_email');
  });
});
