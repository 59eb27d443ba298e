import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DialformError } from '../../src/errors.js';
import { FixtureError, loadFixture, parseFixture, startEmbeddedEmulator, type Fixture } from '../../src/emulator/index.js';
import { makeFixture } from '../support/emulator-harness.js';

const YAML_FIXTURE = `company: { id: "1", name: Acme, account_type: pro }
offices:
  - { id: "10", name: HQ, country: US, licenses: { talk_lines: "2" } }
  - { id: "20", name: Paris, country: FR }
users:
  - id: "100"
    emails: [ada@acme.com]
    office_id: "10"
    phone_numbers: ["+14155550100"]
  - { id: 200, emails: [eve@acme.com], office_id: 20, license: agents }
numbers:
  - { number: "+14155550999" }
`;

function problemsOf(text: string): string {
  try {
    parseFixture(text, 'live.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(FixtureError);
    expect((e as DialformError).code).toBe('fixture_invalid');
    return (e as Error).message;
  }
  throw new Error('expected the fixture to be rejected');
}

describe('fixture loading', () => {
  it('normalizes ids, countries, defaults and number links', () => {
    const f = parseFixture(YAML_FIXTURE, 'live.yaml');
    expect(f.offices[0]).toMatchObject({ id: '10', country: 'us', is_primary_office: true, licenses: { talk_lines: 2 } });
    // An office without `licenses` has exactly what its users hold.
    expect(f.offices[1]).toMatchObject({ country: 'fr', licenses: { sell_lines: 1 } });
    expect(f.users[0]).toMatchObject({ state: 'active', license: 'talk' });
    expect(f.users[1]).toMatchObject({ id: '200', office_id: '20' });
    expect(f.numbers).toContainEqual(expect.objectContaining({ number: '+14155550100', status: 'user', target_id: '100', office_id: '10' }));
    expect(f.numbers).toContainEqual(expect.objectContaining({ number: '+14155550999', status: 'available' }));
  });

  it('reports schema problems with file, line and column', () => {
    const msg = problemsOf(YAML_FIXTURE.replace('account_type: pro', 'account_type: gold').replace('country: FR', 'contry: FR'));
    expect(msg).toMatch(/live\.yaml:1:\d+: \/company\/account_type: must be one of/);
    expect(msg).toMatch(/live\.yaml:4:\d+: \/offices\/1: missing required field "country"/);
  });

  it('reports broken references, duplicates and over-assigned licenses', () => {
    const f = makeFixture();
    f.users[3]!.office_id = '99';
    f.users.push({ ...f.users[0]!, id: '105', phone_numbers: [] });
    f.offices[1]!.licenses = { talk_lines: 0 };
    f.users.push({ id: '106', emails: ['z@acme.com'], office_id: '20', state: 'active', license: 'talk' });
    const msg = problemsOf(JSON.stringify(f, null, 2));
    expect(msg).toMatch(/\/users\/3\/office_id: office "99" does not exist/);
    expect(msg).toMatch(/email ada@acme.com is already used/);
    expect(msg).toMatch(/1 talk_lines are held \(by users and assigned_licenses\) but only 0 are purchased/);
  });

  it('reports YAML syntax errors and unreadable files without a stack trace', async () => {
    expect(problemsOf('company: [\n')).toMatch(/^invalid emulator fixture:\nlive\.yaml:\d+:\d+: /);
    await expect(loadFixture('/nonexistent/fixture.yaml')).rejects.toThrow(/cannot read fixture: no such file \(ENOENT\)/);
  });

  it('reports YAML alias bombs and undefined aliases as a FixtureError naming the file (issue 12 #12)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => {
      const prev = 'abcdefg'[i];
      return `${k}: &${k} [${Array(10).fill(`*${prev}`).join(', ')}]`;
    })].join('\n');
    expect(problemsOf(bomb)).toMatch(/^invalid emulator fixture:\nlive\.yaml:\d+:\d+: .*too many YAML aliases/);
    expect(problemsOf('company: *nowhere\n')).toMatch(/^invalid emulator fixture:\nlive\.yaml:1:10: .*alias \*nowhere refers to no anchor/);
  });

  it('accepts its own snapshot as a fixture', () => {
    const f = parseFixture(JSON.stringify(makeFixture()), 'a.json');
    expect(parseFixture(JSON.stringify(f), 'b.json')).toEqual(f);
  });
});

describe('embedded emulator', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dialform-emu-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function deleteUser(url: string, apiKey: string, id: string): Promise<number> {
    const res = await fetch(`${url}/api/v2/users/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${apiKey}` } });
    await res.arrayBuffer();
    return res.status;
  }

  async function stateOf(url: string, apiKey: string, id: string): Promise<unknown> {
    const res = await fetch(`${url}/api/v2/users/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
    return ((await res.json()) as { state: unknown }).state;
  }

  it('persists state across two starts, and reseeds on reset', async () => {
    const fixturePath = join(dir, 'live.json');
    const statePath = join(dir, '.dialform', 'emulator-state.json');
    writeFileSync(fixturePath, JSON.stringify(makeFixture()));

    const first = await startEmbeddedEmulator({ fixturePath, statePath });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await deleteUser(first.url, first.apiKey, '104')).toBe(200);
    const written = JSON.parse(readFileSync(statePath, 'utf8')) as Fixture;
    expect(written.users.find((u) => u.id === '104')?.state).toBe('deleted');
    await first.close();

    const second = await startEmbeddedEmulator({ fixturePath, statePath });
    expect(await stateOf(second.url, second.apiKey, '104')).toBe('deleted');
    await second.close();

    const third = await startEmbeddedEmulator({ fixturePath, statePath, reset: true });
    expect(await stateOf(third.url, third.apiKey, '104')).toBe('active');
    await third.close();
  });

  it('rejects saved state whose api_keys hold no company key as a FixtureError naming the state file', async () => {
    const statePath = join(dir, 'state.json');
    const fixture: Fixture = { ...makeFixture(), api_keys: [{ key: 'office-key', scope: 'office', office_id: '10' }] };
    writeFileSync(statePath, JSON.stringify(fixture));
    const error = await startEmbeddedEmulator({ statePath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixtureError);
    expect(error).toMatchObject({ code: 'fixture_invalid', problems: [{ file: statePath, line: 1, col: 1 }] });
  });

  it('fails clearly with neither a state file nor a fixture', async () => {
    await expect(startEmbeddedEmulator({ statePath: join(dir, 'state.json') })).rejects.toMatchObject({ code: 'emulator_fixture_missing' });
  });
});
