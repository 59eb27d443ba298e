import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { createApplyApi } from '../../src/dialpad/apply-api.js';

const BASE = 'https://dialpad.test';
let mock: MockAgent;

afterEach(async () => {
  mock.assertNoPendingInterceptors();
  await mock.close();
});

describe('assign_number without a number (a number Dialpad chooses)', () => {
  it('settles a 503 after it landed by reading the user, and does not take a second number (issue 12 #3)', async () => {
    mock = new MockAgent();
    mock.disableNetConnect();
    mock.enableCallHistory();
    const client = createDialpadClient({ baseUrl: BASE, apiKey: 'k-chosen', dispatcher: mock, retry: { baseMs: 1 }, rateLimit: 1000 });
    const pool = mock.get(BASE);
    pool.intercept({ path: '/api/v2/users/7/assign_number', method: 'POST' }).reply(503, { error: { message: 'upstream timed out' } });
    pool.intercept({ path: '/api/v2/users/7', method: 'GET' }).reply(200, { id: '7', office_id: '1', phone_numbers: ['+442071234567', '+14155550177'] });
    await expect(createApplyApi(client).assignChosenNumber('7', ['+442071234567'])).resolves.toBe('+14155550177');
    const posts = (mock.getCallHistory()?.calls() ?? []).filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
  });

  it('makes one request when Dialpad answers clearly: no read before or after the write (issue 15 #3)', async () => {
    mock = new MockAgent();
    mock.disableNetConnect();
    mock.enableCallHistory();
    const client = createDialpadClient({ baseUrl: BASE, apiKey: 'k-chosen', dispatcher: mock, retry: { baseMs: 1 }, rateLimit: 1000 });
    mock
      .get(BASE)
      .intercept({ path: '/api/v2/users/7/assign_number', method: 'POST' })
      .reply(200, { number: '+14155550177', target_id: '7', target_type: 'user', status: 'user' });
    await expect(createApplyApi(client).assignChosenNumber('7', [])).resolves.toBe('+14155550177');
    expect((mock.getCallHistory()?.calls() ?? []).map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/v2/users/7/assign_number']);
  });
});
