/**
 * The console's views of E911 addresses and phone settings, and their edits through the API's own
 * handlers (`POST /_emulator/api`), as the page makes them (issue 29).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleConsole } from '../../src/emulator/console.js';
import { buildConsoleViews } from '../../src/emulator/console-views.js';
import { parseFixture } from '../../src/emulator/fixture.js';
import { Store } from '../../src/emulator/store.js';
import { HttpFailure } from '../../src/emulator/http-failure.js';
import { E911_COUNTRIES } from '../../src/model/e911.js';
import { ROOT } from '../support/cli.js';

const NOW = new Date('2026-11-26T09:00:00Z');

async function consoleStore(): Promise<Store> {
  const fixture = parseFixture(await readFile(join(ROOT, 'test', 'browser', 'console-company.json'), 'utf8'), 'console-company.json');
  const hq = fixture.offices.find((o) => o.id === '10')!;
  hq['e911_address'] = { address: '1 Market St', city: 'San Francisco', state: 'ca', zip: '94105', country: 'us' };
  const ann = fixture.users.find((u) => u.id === '102')!;
  Object.assign(ann, { extension: '102', job_title: 'Support lead', forwarding_numbers: ['+14155550900'], international_dialing_enabled: false, caller_id: 'blocked' });
  fixture.departments = [{ id: '500', name: 'Support', office_id: '10', phone_numbers: ['+14155550199'], operators: [{ user_id: '102', role: 'operator' }] }] as never;
  return new Store(fixture, () => NOW);
}

function callApi(store: Store, method: string, path: string, body: Record<string, unknown>): unknown {
  return handleConsole('POST', '/_emulator/api', { store, body: { method, path, body }, query: new URLSearchParams(), readStats: () => ({}) }).body;
}

describe('console: E911 addresses and phone settings (issue 29)', () => {
  it('shows each office\'s address and each user\'s phone settings, caller ID with its choices, and own address', async () => {
    const views = buildConsoleViews(await consoleStore(), undefined);
    expect(views.offices.map((o) => [o.name, o.e911?.['address'] ?? null])).toEqual([['Console HQ', '1 Market St'], ['Console Boston', null], ['Console Berlin', null]]);
    expect(views.e911_countries).toEqual([...E911_COUNTRIES]);
    expect(views.users['ann@console.example']).toMatchObject({
      phone: { extension: '102', job_title: 'Support lead', forwarding_numbers: ['+14155550900'], international_dialing_enabled: false },
      caller_id: { current: 'blocked', choices: [{ number: '+14155550102', held_by: 'user' }, { number: '+14155550199', held_by: 'group', name: 'Support' }] },
      e911: null,
    });
    // Never set: Dialpad's defaults, and the primary number as caller ID.
    expect(views.users['ceo@console.example']).toMatchObject({
      phone: { extension: null, job_title: null, forwarding_numbers: [], international_dialing_enabled: null },
      caller_id: { current: '+14155550101' },
    });
  });

  it('edits them through the API\'s handlers, and shows Dialpad\'s refusal of an incomplete address or a caller ID nobody holds', async () => {
    const store = await consoleStore();
    callApi(store, 'PATCH', '/api/v2/users/101', { extension: '7', job_title: 'CEO', forwarding_numbers: ['+14155550123'], international_dialing_enabled: true });
    callApi(store, 'POST', '/api/v2/users/102/caller_id', { caller_id: '+14155550199' });
    callApi(store, 'PUT', '/api/v2/offices/20/e911', { address: '2 Main St', city: 'Boston', state: 'MA', zip: '02110', country: 'US', update_all: true });
    callApi(store, 'PUT', '/api/v2/users/101/e911', { address: '3 Home Rd', city: 'Oakland', state: 'CA', zip: '94601', country: 'US', use_validated_option: true });
    const views = buildConsoleViews(store, undefined);
    expect(views.users['ceo@console.example']?.phone).toEqual({ extension: '7', job_title: 'CEO', forwarding_numbers: ['+14155550123'], international_dialing_enabled: true });
    expect(views.users['ceo@console.example']?.e911).toMatchObject({ address: '3 HOME RD', city: 'OAKLAND', zip: '94601', country: 'us' });
    expect(views.users['ann@console.example']?.caller_id.current).toBe('+14155550199');
    expect(views.offices.find((o) => o.id === '20')?.e911).toMatchObject({ address: '2 Main St', city: 'Boston' });
    // update_all: Dan, in Boston, now has the office's address as his own.
    expect(views.users['dan@console.example']?.e911).toMatchObject({ address: '2 Main St' });

    expect(() => callApi(store, 'PUT', '/api/v2/offices/30/e911', { address: '1 Weg', city: 'Berlin', state: 'BE', country: 'DE' })).toThrow(/missing "zip"/);
    expect(() => callApi(store, 'POST', '/api/v2/users/105/caller_id', { caller_id: '+14155550102' })).toThrow(HttpFailure);
    expect(buildConsoleViews(store, undefined).offices.find((o) => o.id === '30')?.e911).toBeNull();
  });
});
