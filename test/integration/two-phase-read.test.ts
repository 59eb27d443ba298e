/**
 * The two-phase read against the emulator over real HTTP (issue 15 #3): phase 1 reads the company,
 * offices, users and the reserved pool; phase 2 only the office license reads and single numbers
 * the config needs. Plans must come out as they did when everything was read.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createDialpadClient, fetchLive, type RequestEvent } from '../../src/dialpad/index.js';
import { createEmulator, parseFixture } from '../../src/emulator/index.js';
import { planAgainstLive, planFromRead } from '../../src/plan-against-live.js';
import { READ_EVERY_OFFICE } from '../support/read-scopes.js';

const HQ = '6100000000000001';
const NYC = '6100000000000002';
const LDN = '6100000000000003';

function office(id: string, name: string, country: string, talk: number) {
  return { id, office_id: id, name, country, timezone: 'UTC', state: 'active', price_level: 'premium', licenses: { talk_lines: String(talk) } };
}

function user(id: string, email: string, officeId: string, numbers: string[] = []) {
  const name = email.split('@')[0]!;
  return { id, office_id: officeId, first_name: name, last_name: 'Test', emails: [email], phone_numbers: numbers, license: 'talk', state: 'active' };
}

/** HQ (3 talk: Ada, Bob) has a main line; New York (2 talk: Cat); London (2 talk, nobody). */
const FIXTURE = {
  clock: '2026-11-26T09:00:00Z',
  company: { id: '5000000000000001', name: 'Acme', account_type: 'pro' },
  offices: [office(HQ, 'Acme HQ', 'us', 3), office(NYC, 'Acme New York', 'us', 2), office(LDN, 'Acme London', 'gb', 2)],
  users: [
    { ...user('7200000000000001', 'ada@acme.com', HQ, ['+14155550101']), is_super_admin: true },
    user('7200000000000002', 'bob@acme.com', HQ),
    user('7200000000000003', 'cat@acme.com', NYC),
  ],
  numbers: [
    { number: '+14155550100', office_id: HQ, status: 'office', target_type: 'office', target_id: HQ, type: 'local' },
    { number: '+14155550101', office_id: HQ, status: 'user', target_type: 'user', target_id: '7200000000000001', type: 'local' },
    { number: '+14155550150', office_id: HQ, status: 'available', type: 'local' },
  ],
};

const OFFICES = `
  hq:  { name: Acme HQ, country: US, price_level: premium LICENSES_HQ }
  nyc: { name: Acme New York, country: US, price_level: premium LICENSES_NYC }
  ldn: { name: Acme London, country: GB, price_level: premium }`;

/** A config of the fixture's users plus `extra` user lines; `licenses` per office key, when declared. */
async function writeConfig(opts: { users?: string[]; extra?: string[]; licenses?: { hq?: number; nyc?: number }; unmanaged?: 'delete' } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dialform-two-phase-'));
  const declare = (n: number | undefined) => (n === undefined ? '' : `, licenses: { talk: ${n} }`);
  const users = opts.users ?? [
    '{ email: ada@acme.com, first_name: ada, last_name: Test, office: hq, license: talk, admin: company, numbers: ["+14155550101"] }',
    '{ email: bob@acme.com, first_name: bob, last_name: Test, office: hq, license: talk }',
    '{ email: cat@acme.com, first_name: cat, last_name: Test, office: nyc, license: talk }',
  ];
  const text = [
    'version: 1',
    'company: { account_type: pro }',
    `policy: { unmanaged_users: ${opts.unmanaged ?? 'ignore'} }`,
    `offices:${OFFICES.replace('LICENSES_HQ', declare(opts.licenses?.hq)).replace('LICENSES_NYC', declare(opts.licenses?.nyc))}`,
    'users:',
    ...[...users, ...(opts.extra ?? [])].map((u) => `  - ${u}`),
    '',
  ].join('\n');
  await writeFile(join(dir, 'dialform.yaml'), text);
  return join(dir, 'dialform.yaml');
}

let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
});

/** The emulator serving FIXTURE, and a client recording each request as `METHOD path[?status]`. */
async function start(faults?: string) {
  const emulator = createEmulator({ fixture: parseFixture(JSON.stringify(FIXTURE), 'two-phase.json'), ...(faults === undefined ? {} : { faults }) });
  const server = await emulator.listen(0);
  closeServer = () => server.close();
  const requests: string[] = [];
  const onRequest = (e: RequestEvent) => requests.push(`${e.method} ${e.path}${e.query.status === undefined ? '' : `?status=${e.query.status}`}`);
  const client = createDialpadClient({ baseUrl: server.url, apiKey: 'k', rateLimit: 1000, onRequest, sleep: async () => {} });
  return { client, requests };
}

const hire = (email: string, officeKey: string) => `{ email: ${email}, first_name: New, last_name: Hire, office: ${officeKey}, license: talk }`;

describe('the two-phase read (issue 15 #3)', () => {
  it('reads the pool, never the whole number list, and no office licenses when nothing needs them (issue 15 #3)', async () => {
    const { client, requests } = await start();
    const desired = await loadConfig(await writeConfig());
    const { plan } = await planAgainstLive({ desired, client });
    expect(plan.operations).toEqual([]);
    // Departments and call centers are company-wide lists read beside the users (issue 19).
    expect([...requests].sort()).toEqual([
      'GET /api/v2/callcenters',
      'GET /api/v2/company',
      'GET /api/v2/departments',
      'GET /api/v2/numbers?status=available',
      'GET /api/v2/offices',
      'GET /api/v2/users',
    ]);
  });

  it('finds a config number held by an office line, reading that number alone, and blocks the assign (issue 15 #3)', async () => {
    const { client, requests } = await start();
    const desired = await loadConfig(
      await writeConfig({
        users: [
          '{ email: ada@acme.com, first_name: ada, last_name: Test, office: hq, license: talk, admin: company, numbers: ["+14155550101", "+14155550100"] }',
          '{ email: bob@acme.com, first_name: bob, last_name: Test, office: hq, license: talk }',
          '{ email: cat@acme.com, first_name: cat, last_name: Test, office: nyc, license: talk }',
        ],
      }),
    );
    const { plan, read } = await planAgainstLive({ desired, client });
    expect(requests).toContain('GET /api/v2/numbers/%2B14155550100');
    expect(read.tenant.numbers.find((n) => n.number === '+14155550100')).toMatchObject({ status: 'office', targetType: 'office' });
    const conflict = plan.violations.find((v) => v.code === 'number_conflict');
    expect(conflict?.message).toContain('+14155550100');
    expect(plan.summary.blocked).toBe(true);
  });

  it('reads the capacity of the office a hire joins, and only it, and blocks the hire it cannot seat (issue 15 #3)', async () => {
    const { client, requests } = await start();
    const desired = await loadConfig(await writeConfig({ extra: [hire('dan@acme.com', 'nyc'), hire('eve@acme.com', 'nyc')] }));
    const { plan } = await planAgainstLive({ desired, client });
    expect(requests.filter((r) => r.includes('/offices/')).sort()).toEqual([`GET /api/v2/offices/${NYC}/available_licenses`, `GET /api/v2/offices/${NYC}/plan`]);
    expect(plan.violations.map((v) => `${v.severity}:${v.code}`)).toEqual(['error:insufficient_licenses']);
    expect(plan.operations.filter((op) => op.kind === 'create_user')).toHaveLength(2);
  });

  it('plans a license transfer as the read-everything read did, reading only the offices it involves (issue 15 #3)', async () => {
    const { client, requests } = await start();
    const desired = await loadConfig(await writeConfig({ licenses: { hq: 2, nyc: 3 }, extra: [hire('dan@acme.com', 'nyc')] }));
    const { plan } = await planAgainstLive({ desired, client });
    expect(requests.filter((r) => r.includes('/offices/')).sort()).toEqual([
      `GET /api/v2/offices/${HQ}/available_licenses`,
      `GET /api/v2/offices/${HQ}/plan`,
      `GET /api/v2/offices/${NYC}/available_licenses`,
      `GET /api/v2/offices/${NYC}/plan`,
    ]);
    expect(plan.violations).toEqual([]);
    const transfer = plan.operations.find((op) => op.kind === 'transfer_licenses');
    expect(transfer).toMatchObject({ line: 'talk', count: 1, from: { key: 'hq' }, to: { key: 'nyc' } });

    const everything = planFromRead({ desired, read: await fetchLive(client, READ_EVERY_OFFICE), now: new Date() });
    expect(plan.operations.map((op) => op.summary)).toEqual(everything.operations.map((op) => op.summary));
  });

  it('deletes nothing when a phase-1 list fails: the reserved pool (issue 15 #3)', async () => {
    const { client } = await start('rate=0,fail=GET:/api/v2/numbers');
    const desired = await loadConfig(await writeConfig({ users: ['{ email: ada@acme.com, first_name: ada, last_name: Test, office: hq, license: talk, admin: company }'], unmanaged: 'delete' }));
    const { plan, read } = await planAgainstLive({ desired, client });
    expect(read.incomplete.join()).toMatch(/^reserved numbers after reading 0 item\(s\): /);
    expect(plan.operations.some((op) => op.kind === 'delete_user' || op.kind === 'suspend_user' || op.kind === 'release_number')).toBe(false);
    expect(plan.violations.map((v) => v.code)).toContain('incomplete_live_read');
    expect(plan.summary.blocked).toBe(true);
  });

  it('deletes nothing when a phase-2 read fails: the plan of the office a hire joins (issue 15 #3)', async () => {
    const { client } = await start(`rate=0,fail=GET:/api/v2/offices/${NYC}/plan`);
    const desired = await loadConfig(
      await writeConfig({ users: ['{ email: ada@acme.com, first_name: ada, last_name: Test, office: hq, license: talk, admin: company }'], extra: [hire('dan@acme.com', 'nyc')], unmanaged: 'delete' }),
    );
    const { plan, read } = await planAgainstLive({ desired, client });
    expect(read.incomplete.join()).toMatch(new RegExp(`^office Acme New York \\(${NYC}\\) plan: `));
    expect(plan.operations.some((op) => op.kind === 'delete_user' || op.kind === 'suspend_user' || op.kind === 'release_number')).toBe(false);
    expect(plan.violations.map((v) => v.code)).toContain('incomplete_live_read');
  });
});
