/**
 * Two applies of one config at once (issue 26 #4): a department or call center another run
 * created after this run's read is found by name right before the write, and not created twice.
 * The emulator over loopback.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { createEmulator, parseFixture } from '../../src/emulator/index.js';

const FIXTURE = join(import.meta.dirname, '..', 'integration', 'scenarios', 'action-review-loop', 'fixture.json');
const HQ = '6100000000000001';
const KEY = 'k-group-race';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function start() {
  const emulator = createEmulator({ fixture: parseFixture(await readFile(FIXTURE, 'utf8'), FIXTURE), rateLimit: 0 });
  const running = await emulator.listen(0);
  closers.push(() => running.close());
  const client = createDialpadClient({ baseUrl: running.url, apiKey: KEY, rateLimit: 1000, retry: { maxAttempts: 2, baseMs: 1 } });
  return { emulator, url: running.url, api: createApplyApi(client) };
}

describe('a group create checks by name right before it writes (issue 26 #4)', () => {
  it.each([
    ['department', 'departments'],
    ['call_center', 'callcenters'],
  ] as const)('the same config applied twice at once makes no duplicate %s: one another run created since the read stops the create (group_exists)', async (type, path) => {
    const { emulator, url, api } = await start();
    // The other run's create, after this run's read.
    const other = await fetch(`${url}/api/v2/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Support', office_id: HQ }),
    });
    expect(other.status).toBe(200);
    await expect(api.createGroup({ type, name: 'support ', officeId: HQ })).rejects.toMatchObject({
      code: 'group_exists',
      message: expect.stringMatching(/Dialpad already has one of that name in office 6100000000000001 .*Nothing was created; plan again/),
    });
    const state = emulator.snapshot();
    const groups = type === 'department' ? state.departments : state.call_centers;
    expect((groups ?? []).filter((g) => g.name === 'Support')).toHaveLength(1);
    expect(emulator.stats().requests[`POST /api/v2/${path}`]).toBe(1);
  });

  it('creates a group no one has created', async () => {
    const { emulator, api } = await start();
    const { id } = await api.createGroup({ type: 'department', name: 'Sales', officeId: HQ });
    expect((emulator.snapshot().departments ?? []).map((g) => [String(g.id), g.name])).toEqual([[id, 'Sales']]);
  });
});
