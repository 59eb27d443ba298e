import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import { ApiError, createDialpadClient, fetchLive } from '../../src/dialpad/index.js';

const BASE = 'https://dialpad.test';
const HTML = '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>';

function client() {
  return createDialpadClient({ baseUrl: BASE, apiKey: 'k-read-validation', rateLimit: 1000, retry: { maxAttempts: 2, baseMs: 1 } });
}

/** Company, one office, and an empty reserved pool: phase 1 of the read but the users list. */
function mockAllButUsers(): void {
  nock(BASE).get('/api/v2/company').reply(200, { id: '100', name: 'Acme', account_type: 'pro' });
  nock(BASE).get('/api/v2/offices').reply(200, { items: [{ id: '1', name: 'Acme HQ', country: 'us' }] });
  nock(BASE).get('/api/v2/numbers').query({ status: 'available' }).reply(200, { items: [] });
  nock(BASE).get('/api/v2/departments').reply(200, { items: [] });
  nock(BASE).get('/api/v2/callcenters').reply(200, { items: [] });
}

const ADA = { id: '11', emails: ['ada@acme.com'], office_id: '1', state: 'active' };
const BOB = { id: '12', emails: ['bob@acme.com'], office_id: '1', state: 'active' };

function usersPage(cursor: string | undefined) {
  return cursor === undefined ? nock(BASE).get('/api/v2/users').query({ state: 'all' }) : nock(BASE).get('/api/v2/users').query({ state: 'all', cursor });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

/** Serves office pages forever (up to 50), the n-th from `page(n)`; returns how many were served. */
function endlessOffices(page: (n: number) => object): () => number {
  let served = 0;
  nock(BASE)
    .get('/api/v2/offices')
    .query(true)
    .times(50)
    .reply(() => [200, page(++served)]);
  return () => served;
}

describe('list reads are validated page by page (issue 12 #5)', () => {
  it('takes an HTML 200 body on a users page as an incomplete read, not the end of the list (issue 12 #5)', async () => {
    mockAllButUsers();
    usersPage(undefined).reply(200, { items: [ADA], cursor: 'p2' });
    usersPage('p2').reply(200, HTML, { 'content-type': 'text/html' });
    const live = await fetchLive(client());
    expect(live.tenant.users.map((u) => u.email)).toEqual(['ada@acme.com']);
    expect(live.incomplete).toHaveLength(1);
    expect(live.incomplete[0]).toMatch(/^users after reading 1 item\(s\): .*users\.list.*page 2: the response is not JSON/);
  });

  it('takes a truncated JSON body on the first users page as an incomplete read, not an empty company (issue 12 #5)', async () => {
    mockAllButUsers();
    usersPage(undefined).reply(200, '{"items":[{"id":"11","emails":["ada@acme.com"]},{"id":"12","em', { 'content-type': 'application/json' });
    const live = await fetchLive(client());
    expect(live.tenant.users).toEqual([]);
    expect(live.incomplete).toEqual([expect.stringMatching(/^users after reading 0 item\(s\): .*page 1: the response is not JSON/)]);
  });

  it('takes a page whose shape is wrong (items not a list) as an incomplete read (issue 12 #5)', async () => {
    mockAllButUsers();
    usersPage(undefined).reply(200, { items: { '11': ADA } });
    const live = await fetchLive(client());
    expect(live.incomplete).toEqual([expect.stringMatching(/page 1: invalid response: items is a object, not an array/)]);
  });

  it('takes the same page again under a fresh cursor as an incomplete read (issue 12 #5)', async () => {
    mockAllButUsers();
    usersPage(undefined).reply(200, { items: [ADA, BOB], cursor: 'p2' });
    usersPage('p2').reply(200, { items: [ADA, BOB], cursor: 'p3' });
    const live = await fetchLive(client());
    expect(live.tenant.users.map((u) => u.email)).toEqual(['ada@acme.com', 'bob@acme.com']);
    expect(live.incomplete).toEqual([expect.stringMatching(/^users after reading 2 item\(s\): .*page 2: repeats user 11, already read/)]);
  });

  it('stops an endless stream of fresh cursors on empty pages within a few pages, as an incomplete read (issue 12 #5)', async () => {
    const served = endlessOffices((n) => (n === 1 ? { items: [{ id: '1', name: 'HQ' }], cursor: 'c1' } : { items: [], cursor: `c${n}` }));
    const err = (await client().listOffices().catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(/no progress/);
    expect(err.itemsRead).toEqual([{ id: '1', name: 'HQ' }]);
    expect(served()).toBeLessThanOrEqual(5);
  });

  it('stops an endless stream of fresh cursors that repeat the same offices at the second page (issue 12 #5)', async () => {
    const served = endlessOffices((n) => ({ items: [{ id: '1', name: 'HQ' }], cursor: `c${n}` }));
    const err = (await client().listOffices().catch((e: unknown) => e)) as ApiError;
    expect(err.message).toMatch(/page 2: repeats office 1, already read/);
    // Page 3 was asked for before page 2's records were checked (issue 31), then abandoned.
    expect(served()).toBe(3);
  });

  it('takes a repeated cursor as an incomplete users read (issue 12 #5)', async () => {
    mockAllButUsers();
    usersPage(undefined).reply(200, { items: [ADA], cursor: 'same' });
    usersPage('same').reply(200, { items: [BOB], cursor: 'same' });
    const live = await fetchLive(client());
    expect(live.incomplete).toEqual([expect.stringMatching(/^users after reading 2 item\(s\): .*same page cursor twice/)]);
  });

  it('keeps a short page without a cursor as the end, and follows an early empty page that has a cursor (issue 12 #5)', async () => {
    nock(BASE).get('/api/v2/users').reply(200, { items: [], cursor: 'p2' });
    nock(BASE).get('/api/v2/users').query({ cursor: 'p2' }).reply(200, { items: [ADA] });
    expect((await client().listUsers()).map((u) => u.id)).toEqual(['11']);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('ids are exact or refused (issue 12 #6)', () => {
  it('refuses a user id sent as a JSON number above 2^53 instead of rounding it: the users read is incomplete (issue 12 #6)', async () => {
    mockAllButUsers();
    usersPage(undefined).reply(200, '{"items":[{"id":9007199254740993,"emails":["ada@acme.com"],"office_id":"1"}]}', {
      'content-type': 'application/json',
    });
    const live = await fetchLive(client());
    expect(live.tenant.users).toEqual([]);
    expect(live.incomplete).toEqual([expect.stringMatching(/field id is the JSON number 9007199254740992, beyond 2\^53/)]);
  });

  it('refuses an unsafe integer id on a single read with an ApiError, never a rounded id (issue 12 #6)', async () => {
    nock(BASE).get('/api/v2/numbers/%2B14155550100').reply(200, '{"number":"+14155550100","target_type":"user","target_id":12345678901234567890}', {
      'content-type': 'application/json',
    });
    const err = (await client().getNumber('+14155550100').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(/numbers\.get.*number \+14155550100 field target_id is the JSON number .* beyond 2\^53/);
  });

  it('refuses a created user whose id comes back as a JSON number above 2^53 (issue 12 #6)', async () => {
    nock(BASE).post('/api/v2/users').reply(200, '{"id":9007199254740993,"emails":["ada@acme.com"]}', { 'content-type': 'application/json' });
    const err = (await client().createUser({ email: 'ada@acme.com', office_id: '1' }, { label: 'create user ada@acme.com' }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(/create user ada@acme\.com .*field id is the JSON number.*re-run plan/);
  });

  it('refuses a created user answered with an HTML 200 instead of recording the id "undefined" (issue 12 #6)', async () => {
    nock(BASE).get('/api/v2/users').query({ state: 'all', email: 'ada@acme.com' }).reply(200, {});
    nock(BASE).post('/api/v2/users').reply(200, HTML, { 'content-type': 'text/html' });
    const api = createApplyApi(client());
    await expect(api.createUser({ email: 'ada@acme.com', officeId: '1', firstName: 'Ada', lastName: 'L', license: 'talk' })).rejects.toThrow(
      /create user ada@acme\.com .*the response is not JSON/,
    );
  });

  it('accepts ids as decimal strings or safe JSON integers, and null fields as absent (issue 12 #6)', async () => {
    nock(BASE)
      .get('/api/v2/users')
      .reply(200, { items: [{ id: 11, emails: ['a@acme.com'], office_id: 1, admin_office_ids: null }, { id: '9007199254740993', emails: ['b@acme.com'], office_id: '1' }] });
    expect(await client().listUsers()).toEqual([
      { id: 11, emails: ['a@acme.com'], office_id: 1 },
      { id: '9007199254740993', emails: ['b@acme.com'], office_id: '1' },
    ]);
  });
});

describe('wrongly typed fields make the read incomplete, naming the field (issue 12 #7)', () => {
  it('takes admin_office_ids as a string as an incomplete users read naming the field, not a crash (issue 12 #7)', async () => {
    mockAllButUsers();
    usersPage(undefined).reply(200, { items: [ADA, { ...BOB, admin_office_ids: '1' }] });
    const live = await fetchLive(client());
    expect(live.incomplete).toEqual([expect.stringMatching(/item 2: user 12 field admin_office_ids is the string "1", not a list of ids/)]);
  });

  it('takes emails as a string as an incomplete users read naming the field, not a user keyed "u" (issue 12 #7)', async () => {
    mockAllButUsers();
    usersPage(undefined).reply(200, { items: [{ ...ADA, emails: 'ada@acme.com' }, BOB] });
    const live = await fetchLive(client());
    expect(live.tenant.users.map((u) => u.email)).not.toContain('a');
    expect(live.incomplete).toEqual([expect.stringMatching(/item 1: user 11 field emails is the string "ada@acme.com", not a list of strings/)]);
  });

  it('refuses a single user read whose state is not a string (issue 12 #7)', async () => {
    nock(BASE).get('/api/v2/users/11').reply(200, { id: '11', state: ['deleted'] });
    await expect(client().getUser('11')).rejects.toThrow(/users\.get.*user 11 field state is a list, not a string/);
  });
});
