/**
 * `plan --scope office:KEY` reads E911 addresses and caller IDs only inside the scope (issue 29):
 * each costs a request per office or user, and a scoped plan plans nothing outside it.
 * Counted in the emulator's request log, over loopback.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createDialpadClient, fetchLive } from '../../src/dialpad/index.js';
import { createEmulator, parseFixture, type Fixture } from '../../src/emulator/index.js';
import { parseScope } from '../../src/owners/scope-plan.js';
import { readForPlan } from '../../src/plan-against-live.js';
import { ROOT } from '../support/cli.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const ADDRESS = '{ address: 1 Main St, city: Boston, state: MA, zip: "02110", country: US }';
const CONFIG = `version: 1
company: { account_type: pro }
offices:
  hq: { name: Acme HQ, country: US, price_level: premium, e911: { address: 1 Market St, city: San Francisco, state: CA, zip: "94105", country: US } }
  boston: { name: Acme Boston, country: US, price_level: premium, e911: ${ADDRESS} }
users:
  - { email: grace.hopper@acme.com, first_name: Grace, last_name: Hopper, office: hq, license: talk, admin: company, caller_id: "+14155550101" }
  - { email: alan.turing@acme.com, first_name: Alan, last_name: Turing, office: hq, license: talk, e911: ${ADDRESS}, caller_id: blocked }
  - { email: bob.boston@acme.com, first_name: Bob, last_name: Boston, office: boston, license: talk, e911: ${ADDRESS}, caller_id: blocked }
`;

/** The golden user-e911-override company with a second US office, Boston, and Bob in it. */
async function twoOfficeFixture(): Promise<Fixture> {
  const fixture = parseFixture(await readFile(join(ROOT, 'test', 'golden', 'user-e911-override', 'fixture.json'), 'utf8'), 'fixture.json');
  const hq = fixture.offices[0]!;
  fixture.offices.push({ ...hq, id: '6100000000000002', name: 'Acme Boston', is_primary_office: false });
  const alan = fixture.users[1]!;
  fixture.users.push({ ...alan, id: '7200000000000003', office_id: '6100000000000002', first_name: 'Bob', last_name: 'Boston', emails: ['bob.boston@acme.com'], phone_numbers: [] });
  return fixture;
}

describe('plan --scope: E911 and caller-ID reads follow the scope (issue 29)', () => {
  it.each([
    // Unscoped: both offices' addresses, Alan's and Bob's, and the three caller IDs.
    [undefined, { e911: ['offices/6100000000000001', 'offices/6100000000000002', 'users/7200000000000002', 'users/7200000000000003'], callerIds: ['7200000000000001', '7200000000000002', '7200000000000003'] }],
    // office:hq: HQ's address and its users' only; nothing of Boston or Bob.
    [['office:hq'], { e911: ['offices/6100000000000001', 'users/7200000000000002'], callerIds: ['7200000000000001', '7200000000000002'] }],
    [['office:boston'], { e911: ['offices/6100000000000002', 'users/7200000000000003'], callerIds: ['7200000000000003'] }],
  ])('scope %j reads %j', async (scopeArgs, want) => {
    const emulator = createEmulator({ fixture: await twoOfficeFixture(), rateLimit: 0 });
    const running = await emulator.listen(0);
    closers.push(() => running.close());
    const dir = await mkdtemp(join(tmpdir(), 'dialform-scoped-reads-'));
    await writeFile(join(dir, 'dialform.yaml'), CONFIG);
    const desired = await loadConfig(join(dir, 'dialform.yaml'));
    const scope = scopeArgs === undefined ? undefined : parseScope(scopeArgs, desired);
    const client = createDialpadClient({ baseUrl: running.url, apiKey: 'scoped-reads-key', rateLimit: 1000 });
    const read = await fetchLive(client, readForPlan(desired, scope));
    expect(read.incomplete).toEqual([]);
    const paths = emulator.requestLog().map((r) => r.path);
    const e911 = paths.flatMap((p) => /^\/api\/v2\/((?:offices|users)\/\d+)\/e911$/.exec(p)?.slice(1) ?? []).sort();
    const callerIds = paths.flatMap((p) => /^\/api\/v2\/users\/(\d+)\/caller_id$/.exec(p)?.slice(1) ?? []).sort();
    expect({ e911, callerIds }).toEqual(want);
  });
});
