import { afterEach, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { itemsOf, makeFixture, startHarness, type Harness } from '../support/emulator-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function withUsers(count: number): Fixture {
  const f = makeFixture();
  f.offices[0]!.licenses = { talk_lines: count + 10, sell_lines: 1 };
  for (let i = 0; i < count; i++) {
    f.users.push({ id: String(2000 + i), emails: [`user${i}@acme.com`], office_id: '10', state: 'active', license: 'talk' });
  }
  return f;
}

function startWith(fixture: Fixture): Promise<Harness> {
  return startHarness({ fixture });
}

describe('emulator auth', () => {
  it('answers 401 with the error envelope without a key, and accepts ?apikey=', async () => {
    h = await startHarness();
    const none = await h.api('GET', '/users', undefined, null);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { code: 401 } });
    const viaQuery = await fetch(`${h.url}/api/v2/users?apikey=anything`);
    expect(viaQuery.status).toBe(200);
  });

  it('gives office-scoped keys 403 on company-admin endpoints and hides other offices', async () => {
    const fixture = makeFixture();
    fixture.api_keys = [
      { key: 'admin', scope: 'company' },
      { key: 'london', scope: 'office', office_id: '30' },
    ];
    h = await startWith(fixture);
    expect((await h.api('GET', '/company', undefined, 'nope')).status).toBe(401);
    expect((await h.api('GET', '/company', undefined, 'admin')).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/company'],
      ['GET', '/numbers'],
      ['GET', '/numbers/+14155550199'],
      ['DELETE', '/numbers/+14155550199'],
      ['POST', '/offices'],
    ] as const) {
      const res = await h.api(method, path, method === 'POST' ? {} : undefined, 'london');
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const offices = await h.api('GET', '/offices', undefined, 'london');
    expect(itemsOf(offices.body).map((o) => o['id'])).toEqual(['30']);
    expect((await h.api('GET', '/users/101', undefined, 'london')).status).toBe(403);
    expect(itemsOf((await h.api('GET', '/users', undefined, 'london')).body).map((u) => u['id'])).toEqual(['104']);
  });
});

describe('emulator wire format', () => {
  it('returns the API shapes with int64 as strings, unset fields omitted and no emulator-only fields', async () => {
    h = await startHarness();
    const cy = await h.api('GET', '/users/103');
    expect(cy.body).toMatchObject({ id: '103', company_id: '1000', office_id: '10', is_admin: false, license: 'agents', state: 'active', country: 'us' });
    expect(cy.body).not.toHaveProperty('phone_numbers');
    expect(cy.body).not.toHaveProperty('admin_office_ids');
    const office = await h.api('GET', '/offices/10');
    expect(office.body).toMatchObject({ id: '10', office_id: '10', name: 'Acme HQ', country: 'us', is_primary_office: true });
    expect(office.body).not.toHaveProperty('price_level');
    expect(office.body).not.toHaveProperty('licenses');
    expect((await h.api('GET', '/offices/10/plan')).body).toMatchObject({ talk_lines: '3', sell_lines: '1', contact_center_lines: '0' });
    expect((await h.api('GET', '/company')).body).toMatchObject({ id: '1000', account_type: 'pro', office_count: '4' });
    const n = await h.api('GET', `/numbers/${encodeURIComponent('+14155550101')}`);
    expect(n.body).toEqual({ number: '+14155550101', status: 'user', office_id: '10', target_id: '101', target_type: 'user', type: 'local', area_code: '415', company_id: '1000' });
  });

  it('accepts int64 request fields as numbers or strings', async () => {
    h = await startHarness();
    const a = await h.api('POST', '/users', { email: 'e1@acme.com', office_id: 20 });
    expect(a.status).toBe(200);
    expect(a.body['office_id']).toBe('20');
    const b = await h.api('PATCH', '/users/103', { admin_office_ids: [10, '20'] });
    expect(b.body).toMatchObject({ admin_office_ids: ['10', '20'], is_admin: true, is_super_admin: false });
  });

  it('answers 404 for unknown ids and paths, 400 for unknown body fields, 409 for a duplicate email', async () => {
    h = await startHarness();
    expect(await h.api('GET', '/users/999')).toMatchObject({ status: 404, body: { error: { code: 404 } } });
    expect((await h.api('GET', '/webhooks')).status).toBe(404);
    expect((await h.api('PATCH', '/users/101', { nickname: 'x' })).status).toBe(400);
    const dup = await h.api('POST', '/users', { email: 'ADA@acme.com', office_id: '20' });
    expect(dup).toMatchObject({ status: 409, body: { error: { code: 409 } } });
  });
});

describe('emulator pagination', () => {
  async function collect(path: string): Promise<{ pages: number[]; ids: string[]; lastBody: Record<string, unknown> }> {
    const pages: number[] = [];
    const ids: string[] = [];
    let cursor: string | undefined;
    let lastBody: Record<string, unknown> = {};
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res = await h!.api('GET', cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
      expect(res.status).toBe(200);
      lastBody = res.body;
      pages.push(itemsOf(res.body).length);
      ids.push(...itemsOf(res.body).map((u) => String(u['id'])));
      cursor = res.body['cursor'] as string | undefined;
    } while (cursor);
    return { pages, ids, lastBody };
  }

  it('pages 100 at a time and ends with a cursor-less page', async () => {
    h = await startWith(withUsers(246));
    const { pages, ids } = await collect('/users');
    expect(pages).toEqual([100, 100, 50]);
    expect(new Set(ids).size).toBe(250);
  });

  it('ends a list whose size is a multiple of the page size with an empty page {}', async () => {
    h = await startWith(withUsers(196));
    const { pages, lastBody } = await collect('/users');
    expect(pages).toEqual([100, 100, 0]);
    expect(lastBody).toEqual({});
  });

  it('honours limit, caps it at 100, and answers an empty result with {}', async () => {
    h = await startWith(withUsers(196));
    expect((await collect('/users?limit=30')).pages).toEqual([30, 30, 30, 30, 30, 30, 20]);
    expect(itemsOf((await h.api('GET', '/users?limit=500')).body)).toHaveLength(100);
    expect((await h.api('GET', '/users?email=nobody@acme.com')).body).toEqual({});
  });

  it('binds the cursor to its query', async () => {
    h = await startWith(withUsers(196));
    const first = await h.api('GET', '/users?limit=10');
    const cursor = encodeURIComponent(String(first.body['cursor']));
    expect((await h.api('GET', `/users?limit=10&cursor=${cursor}`)).status).toBe(200);
    expect((await h.api('GET', `/users?limit=10&state=all&cursor=${cursor}`)).status).toBe(400);
    expect((await h.api('GET', '/users?cursor=garbage')).status).toBe(400);
  });
});
