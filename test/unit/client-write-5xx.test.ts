import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createDialpadClient } from '../../src/dialpad/index.js';
import { createApplyApi } from '../../src/dialpad/apply-api.js';

const BASE = 'https://dialpad.test';

let mock: MockAgent;

function setup() {
  mock = new MockAgent();
  mock.disableNetConnect();
  mock.enableCallHistory();
  const client = createDialpadClient({ baseUrl: BASE, apiKey: 'k-write-5xx', dispatcher: mock, retry: { baseMs: 1 }, rateLimit: 1000 });
  return { client, pool: mock.get(BASE) };
}

/** The writes MockAgent saw, as `METHOD path`. */
function writes(): string[] {
  return (mock.getCallHistory()?.calls() ?? []).filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);
}

afterEach(async () => {
  mock.assertNoPendingInterceptors();
  await mock.close();
});

describe('a 5xx on a write is settled by re-reading (issue 12 #10)', () => {
  it('counts a delete answered 503 after it landed as done once, confirmed by re-reading (issue 12 #10)', async () => {
    const { client, pool } = setup();
    pool.intercept({ path: '/api/v2/users/7', method: 'DELETE' }).reply(503, { error: { message: 'upstream timed out' } });
    pool.intercept({ path: '/api/v2/users/7', method: 'GET' }).reply(200, { id: '7', state: 'deleted', emails: ['gone@acme.com'] });
    await expect(createApplyApi(client).deleteUser('7')).resolves.toBeUndefined();
    expect(writes()).toEqual(['DELETE /api/v2/users/7']);
  });

  it('counts a create answered 503 after it landed as done once, not a second user (issue 12 #10)', async () => {
    const { client, pool } = setup();
    // Apply looks the email up before creating (issue 26 #1): no one yet.
    pool.intercept({ path: '/api/v2/users?email=ada%40acme.com&state=all', method: 'GET' }).reply(200, {});
    pool.intercept({ path: '/api/v2/users', method: 'POST' }).reply(503, 'Service Unavailable');
    pool
      .intercept({ path: '/api/v2/users?email=ada%40acme.com', method: 'GET' })
      .reply(200, { items: [{ id: '41', emails: ['ada@acme.com'], office_id: '1', state: 'active' }] });
    const created = await createApplyApi(client).createUser({ email: 'ada@acme.com', officeId: '1', firstName: 'Ada', lastName: 'L', license: 'talk' });
    // The answer is the re-read user's: what apply compares with the plan (no license read, none compared).
    expect(created).toEqual({ id: '41', answer: { officeId: '1', state: 'active' } });
    expect(writes()).toEqual(['POST /api/v2/users']);
  });

  it('sends a write answered 500 once more when the re-read shows it did not land (issue 12 #10)', async () => {
    const { client, pool } = setup();
    pool.intercept({ path: '/api/v2/users/7/move_office', method: 'PATCH' }).reply(500, { error: { message: 'boom' } });
    pool.intercept({ path: '/api/v2/users/7', method: 'GET' }).reply(200, { id: '7', office_id: '1' });
    pool.intercept({ path: '/api/v2/users/7/move_office', method: 'PATCH' }).reply(200, { id: '7', office_id: '2' });
    await createApplyApi(client).moveUser('7', '2');
    expect(writes()).toEqual(['PATCH /api/v2/users/7/move_office', 'PATCH /api/v2/users/7/move_office']);
  });

  it('counts a number release answered 500 after it landed as done once (issue 12 #10)', async () => {
    const { client, pool } = setup();
    pool.intercept({ path: '/api/v2/numbers/%2B14155550100?release=true', method: 'DELETE' }).reply(500, { error: { message: 'boom' } });
    pool.intercept({ path: '/api/v2/numbers/%2B14155550100', method: 'GET' }).reply(404, { error: { message: 'not found' } });
    await createApplyApi(client).releaseNumber('+14155550100');
    expect(writes()).toEqual(['DELETE /api/v2/numbers/%2B14155550100']);
  });

  it('reports the outcome as unknown when the re-read after a 503 fails too (issue 12 #10)', async () => {
    const { client, pool } = setup();
    pool.intercept({ path: '/api/v2/users/7', method: 'DELETE' }).reply(503, {});
    pool.intercept({ path: '/api/v2/users/7', method: 'GET' }).reply(401, { error: { message: 'invalid api key' } });
    const err = (await client.deleteUser('7').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 503, outcomeUnknown: true });
    expect(writes()).toEqual(['DELETE /api/v2/users/7']);
  });
});
