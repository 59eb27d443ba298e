import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, resolveConfigPath } from '../../src/config/index.js';
import { UsageError } from '../../src/errors.js';
import { problemsOf, useTempCwd, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

const FULL = `# yaml-language-server: $schema=../schemas/dialform.schema.json
version: 1
company: { account_type: pro }
policy:
  unmanaged_users: suspend
  max_deletions: 5
  max_deletion_percent: 10
  protected: [CEO@acme.com]
offices:
  hq:
    name: Acme HQ
    id: "124"
    country: US
    price_level: premium
    licenses: { talk: 40, sell: 5, contact_center: 0 }
  london: { name: Acme London, country: GB, licenses: { talk: 10 } }
reserved_numbers:
  keep: ["+14155550101", "+14155550100"]
  release_unlisted: true
emulator: { fixture: fixtures/live.json }
users:
  - email: Ada@Acme.com
    first_name: Ada
    last_name: Lovelace
    office: london
    license: agents
    numbers: ["+442071234567"]
    admin: office
    admin_offices: [hq]
    state: suspended
    analytics: true
    proxy: false
    allow_number_change: true
    previous_emails: [Ada.Old@acme.com]
  - email: ceo@acme.com
    first_name: Grace
    last_name: Hopper
    office: hq
    admin: company
`;

describe('loadConfig: a single valid file', () => {
  it('normalizes every field into the desired state', async () => {
    writeTree(cwd.dir, { 'dialform.yaml': FULL, 'fixtures/live.json': '{}' });
    const d = await loadConfig('dialform.yaml');
    expect(d.files).toEqual([join(cwd.dir, 'dialform.yaml')]);
    expect(d.emulatorFixture).toBe(join(cwd.dir, 'fixtures/live.json'));
    expect(d.tenant.company).toEqual({ accountType: 'pro', source: 'dialform.yaml:3' });
    expect(d.policy).toEqual({ unmanagedUsers: 'suspend', maxDeletions: 5, maxDeletionPercent: 10, protected: ['ceo@acme.com'] });
    expect(d.reservedNumbers).toEqual({ keep: ['+14155550100', '+14155550101'], releaseUnlisted: true, source: 'dialform.yaml:17' });
    expect(d.tenant.numbers).toEqual([]);
    expect(d.tenant.offices).toEqual([
      { key: 'hq', id: '124', name: 'Acme HQ', country: 'US', priceLevel: 'premium', licenses: { talk: 40, sell: 5, contact_center: 0 }, source: 'dialform.yaml:10' },
      { key: 'london', name: 'Acme London', country: 'GB', licenses: { talk: 10 }, source: 'dialform.yaml:16' },
    ]);
    expect(d.tenant.users).toEqual([
      {
        email: 'ada@acme.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        office: 'london',
        license: 'agents',
        numbers: ['+442071234567'],
        admin: { company: false, offices: ['hq', 'london'] },
        state: 'suspended',
        analytics: true,
        proxy: false,
        allowNumberChange: true,
        previousEmails: ['ada.old@acme.com'],
        source: 'dialform.yaml:22',
      },
      {
        email: 'ceo@acme.com',
        firstName: 'Grace',
        lastName: 'Hopper',
        office: 'hq',
        license: 'talk',
        admin: { company: true, offices: [] },
        state: 'active',
        source: 'dialform.yaml:35',
      },
    ]);
  });

  it('applies defaults and leaves numbers unmanaged when absent', async () => {
    writeTree(cwd.dir, { 'c.yaml': 'version: 1\noffices: { hq: { name: HQ, country: US } }\nusers:\n  - { email: a@x.io, first_name: A, last_name: B, office: hq }\n' });
    const d = await loadConfig('c.yaml');
    const user = d.tenant.users[0];
    expect(user?.numbers).toBeUndefined();
    expect(user).toMatchObject({ license: 'talk', state: 'active', admin: { company: false, offices: [] } });
    expect('numbers' in (user ?? {})).toBe(false);
    expect(d.policy).toEqual({ unmanagedUsers: 'ignore', protected: [] });
    expect(d.reservedNumbers).toEqual({ keep: [], releaseUnlisted: false });
    expect(d.emulatorFixture).toBeUndefined();
    expect(d.tenant.company).toEqual({});
  });

  it('combines admin: company with admin_offices', async () => {
    writeTree(cwd.dir, {
      'c.yaml': 'version: 1\noffices: { hq: { name: HQ, country: US }, b: { name: B, country: US } }\nusers:\n  - { email: a@x.io, first_name: A, last_name: B, office: hq, admin: company, admin_offices: [b] }\n',
    });
    expect((await loadConfig('c.yaml')).tenant.users[0]?.admin).toEqual({ company: true, offices: ['b'] });
  });
});

describe('loadConfig: a directory', () => {
  it('merges files recursively in path order: maps key by key, users concatenated', async () => {
    writeTree(cwd.dir, {
      'dialform/offices.yaml': 'version: 1\noffices:\n  hq: { name: HQ, country: US }\npolicy: { max_deletions: 3 }\n',
      'dialform/policy.yml': 'version: 1\npolicy: { unmanaged_users: delete }\noffices:\n  london: { name: L, country: GB }\n',
      'dialform/users/b.yaml': 'users:\n  - { email: zed@x.io, first_name: Z, last_name: Z, office: hq }\n',
      'dialform/users/a.yaml': '# version is needed once per config, not in every file\nusers:\n  - { email: amy@x.io, first_name: A, last_name: A, office: london }\n',
      'dialform/notes.txt': 'not yaml: [',
      'dialform/.hidden/x.yaml': 'not: [valid',
    });
    const d = await loadConfig('dialform');
    expect(d.files.map((f) => f.slice(cwd.dir.length + 1))).toEqual([
      'dialform/offices.yaml',
      'dialform/policy.yml',
      'dialform/users/a.yaml',
      'dialform/users/b.yaml',
    ]);
    expect(d.tenant.offices.map((o) => [o.key, o.source])).toEqual([
      ['hq', 'dialform/offices.yaml:3'],
      ['london', 'dialform/policy.yml:4'],
    ]);
    expect(d.tenant.users.map((u) => [u.email, u.source])).toEqual([
      ['amy@x.io', 'dialform/users/a.yaml:3'],
      ['zed@x.io', 'dialform/users/b.yaml:2'],
    ]);
    expect(d.policy).toMatchObject({ unmanagedUsers: 'delete', maxDeletions: 3 });
  });

  it.each([
    ['an office', 'offices:\n  hq: { name: HQ, country: US }\n', 'offices:\n  london: { name: L, country: GB }\n  hq: { name: H2, country: US }\n', 'b.yaml:4:3: office "hq" is already defined at a.yaml:3:3'],
    ['a policy key', 'policy:\n  max_deletions: 1\n', 'policy: { unmanaged_users: ignore, max_deletions: 2 }\n', 'b.yaml:2:36: policy.max_deletions is already defined at a.yaml:3:3'],
    ['the emulator fixture', 'emulator: { fixture: a.json }\n', 'emulator:\n  fixture: b.json\n', 'b.yaml:3:3: emulator.fixture is already defined at a.yaml:2:13'],
  ])('reports %s defined in two files, naming both places', async (_what, a, b, expected) => {
    writeTree(cwd.dir, { 'cfg/a.yaml': `version: 1\n${a}`, 'cfg/b.yaml': `version: 1\n${b}`, 'cfg/a.json': '{}' });
    expect(await problemsOf(loadConfig('cfg'))).toEqual([`cfg/${expected.replace(' at ', ' at cfg/')}`]);
  });

  it('requires version in at least one file', async () => {
    writeTree(cwd.dir, { 'cfg/a.yaml': '# offices\noffices: {}\n', 'cfg/b.yaml': 'users: []\n' });
    expect(await problemsOf(loadConfig('cfg'))).toEqual(['cfg/a.yaml:2:1: missing "version: 1": add it at the top of one file of the config']);
  });

  it('refuses a directory with no config files', async () => {
    mkdirSync(join(cwd.dir, 'empty'));
    await expect(loadConfig('empty')).rejects.toThrow(UsageError);
  });

  it('refuses a missing path with a UsageError', async () => {
    await expect(loadConfig('nope.yaml')).rejects.toThrow(/nope\.yaml does not exist/);
  });
});

describe('resolveConfigPath', () => {
  it.each([
    ['-c given', { 'x/my.yaml': 'version: 1\n' }, 'x/my.yaml', 'x/my.yaml'],
    ['the directory holding ./dialform.yaml, so files beside it are loaded too', { 'dialform.yaml': '', 'dialform/a.yaml': '' }, undefined, '.'],
    ['./dialform/ when there is no dialform.yaml', { 'dialform/a.yaml': '' }, undefined, 'dialform'],
  ])('picks %s', (_what, files, given, expected) => {
    writeTree(cwd.dir, files);
    expect(resolveConfigPath(cwd.dir, given)).toBe(join(cwd.dir, expected));
  });

  it('loads users files beside ./dialform.yaml when no -c is given, instead of planning their deletion (issue 12 #16)', async () => {
    writeTree(cwd.dir, {
      'dialform.yaml': 'version: 1\noffices:\n  hq: { name: HQ, country: US }\n',
      'users/hq.yaml': 'users:\n  - { email: ada@acme.com, first_name: Ada, last_name: L, office: hq }\n',
    });
    const desired = await loadConfig(resolveConfigPath(cwd.dir));
    expect(desired.tenant.users.map((u) => u.email)).toEqual(['ada@acme.com']);
  });

  it('names what it looked for when nothing exists', () => {
    expect(() => resolveConfigPath(cwd.dir)).toThrow(UsageError);
    expect(() => resolveConfigPath(cwd.dir)).toThrow(/dialform\.yaml.*dialform\//);
  });

  it('refuses a -c path that does not exist', () => {
    writeFileSync(join(cwd.dir, 'dialform.yaml'), 'version: 1\n');
    expect(existsSync(join(cwd.dir, 'other.yaml'))).toBe(false);
    expect(() => resolveConfigPath(cwd.dir, 'other.yaml')).toThrow(/other\.yaml does not exist/);
  });
});
