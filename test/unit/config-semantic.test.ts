import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { ConfigError } from '../../src/errors.js';
import { OFFICES_YAML, problemsOf, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

describe('semantic rules', () => {
  it.each([
    [
      'unknown office in user.office',
      `${OFFICES_YAML}users:\n${userYaml('a@x.io', 'lndon')}`,
      ['c.yaml:9:13: users[0].office "lndon" is not a declared office (declared: hq, london)'],
    ],
    [
      'unknown office in admin_offices',
      `${OFFICES_YAML}users:\n${userYaml('a@x.io', 'hq', '    admin_offices: [london, nyc]\n')}`,
      ['c.yaml:10:29: users[0].admin_offices[1] "nyc" is not a declared office (declared: hq, london)'],
    ],
    [
      'a user office when no office is declared',
      `version: 1\nusers:\n${userYaml('a@x.io', 'hq')}`,
      ['c.yaml:6:13: users[0].office "hq" is not a declared office (no offices are declared)'],
    ],
    [
      'a duplicate email, case-insensitive',
      `${OFFICES_YAML}users:\n${userYaml('ada@x.io')}${userYaml('ADA@x.io')}`,
      ['c.yaml:10:12: users[1].email "ADA@x.io" is already used by users[0].email at c.yaml:6:12: each person needs exactly one user entry, and an email cannot be both current and previous'],
    ],
    [
      'a previous email that is another user email',
      `${OFFICES_YAML}users:\n${userYaml('ada@x.io')}${userYaml('bob@x.io', 'hq', '    previous_emails: [Ada@x.io]\n')}`,
      ['c.yaml:14:23: users[1].previous_emails[0] "Ada@x.io" is already used by users[0].email at c.yaml:6:12: each person needs exactly one user entry, and an email cannot be both current and previous'],
    ],
    [
      'a number held by two users',
      `${OFFICES_YAML}users:\n${userYaml('a@x.io', 'hq', '    numbers: ["+14155550100"]\n')}${userYaml('b@x.io', 'hq', '    numbers: ["+14155550101", "+14155550100"]\n')}`,
      ['c.yaml:15:31: users[1].numbers[1] "+14155550100" is already listed at users[0].numbers[0] (c.yaml:10:15): a number can have only one owner, remove one of them'],
    ],
    [
      'a number both kept in the pool and held by a user',
      `${OFFICES_YAML}reserved_numbers: { keep: ["+14155550100"] }\nusers:\n${userYaml('a@x.io', 'hq', '    numbers: ["+14155550100"]\n')}`,
      ['c.yaml:5:28: reserved_numbers.keep[0] "+14155550100" is already listed at users[0].numbers[0] (c.yaml:11:15): a number can have only one owner, remove one of them'],
    ],
    [
      'issue 27 #16: a number both released and kept',
      `${OFFICES_YAML}reserved_numbers: { keep: ["+14155550100"], release: ["+14155550100"] }\nusers:\n${userYaml('a@x.io')}`,
      ['c.yaml:5:55: reserved_numbers.release[0] "+14155550100" is already listed at reserved_numbers.keep[0] (c.yaml:5:28): a number can have only one owner, remove one of them'],
    ],
    [
      'numbers that are not E.164',
      `${OFFICES_YAML}reserved_numbers: { keep: ["+1 415 555 0100", "0207123456", "+0123456789"] }\n`,
      [
        'c.yaml:5:28: reserved_numbers.keep[0] "+1 415 555 0100" is not an E.164 number: write "+", the country code and the digits, no spaces, e.g. "+14155550100"',
        'c.yaml:5:47: reserved_numbers.keep[1] "0207123456" is not an E.164 number: write "+", the country code and the digits, no spaces, e.g. "+14155550100"',
        'c.yaml:5:61: reserved_numbers.keep[2] "+0123456789" is not an E.164 number: write "+", the country code and the digits, no spaces, e.g. "+14155550100"',
      ],
    ],
    [
      'E.164-shaped numbers no country issues (issue 13 #3)',
      `${OFFICES_YAML}reserved_numbers: { keep: ["+15550100001", "+14155550199"] }\n`,
      ['c.yaml:5:28: reserved_numbers.keep[0] "+15550100001" is not a valid phone number in any country\'s numbering plan (libphonenumber): check the country code and the digits'],
    ],
    [
      'two offices with the same name',
      `${OFFICES_YAML}  nyc: { name: Acme HQ, country: US }\n`,
      ['c.yaml:5:16: office "nyc" has the same name "Acme HQ" as office "hq" (c.yaml:3:15): live offices are matched by name, so it must be unique'],
    ],
    [
      'two offices whose names differ only in case and spaces (matched as one live office)',
      `${OFFICES_YAML}  nyc: { name: " acme hq", country: US }\n`,
      ['c.yaml:5:16: office "nyc" has the same name " acme hq" as office "hq" (c.yaml:3:15): live offices are matched by name, so it must be unique'],
    ],
    [
      'a missing emulator fixture',
      `${OFFICES_YAML}emulator: { fixture: fixtures/live.json }\n`,
      [`c.yaml:5:22: emulator.fixture "fixtures/live.json" does not exist (looked for ${'<dir>'}/fixtures/live.json); the path is relative to the file that declares it`],
    ],
  ])('reports %s', async (_what, text, expected) => {
    writeTree(cwd.dir, { 'c.yaml': text });
    const problems = await problemsOf(loadConfig('c.yaml'));
    expect(problems.map((p) => p.replace(cwd.dir, '<dir>'))).toEqual(expected);
  });

  it('checks a number wherever config lists it (rooms, the pool, users, forwarding, caller ID), each problem at its own entry', async () => {
    const rooms = 'rooms:\n  lobby: { name: Lobby, office: hq, numbers: ["+14155550100", "+1415"] }\n';
    const reserved = 'reserved_numbers: { keep: ["+14155550101"], release: ["+14155550101"] }\n';
    const extra = '    numbers: ["+14155550100", "+10000000000"]\n    forwarding_numbers: ["+10000000000"]\n    caller_id: "+99912345678"\n';
    writeTree(cwd.dir, { 'c.yaml': `${OFFICES_YAML}${rooms}${reserved}users:\n${userYaml('a@x.io', 'hq', extra)}` });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual([
      'c.yaml:6:47: rooms.lobby.numbers[0] "+14155550100" is already listed at users[0].numbers[0] (c.yaml:13:15): a number can have only one owner, remove one of them',
      'c.yaml:6:63: rooms.lobby.numbers[1] "+1415" is not an E.164 number: write "+", the country code and the digits, no spaces, e.g. "+14155550100"',
      'c.yaml:7:55: reserved_numbers.release[0] "+14155550101" is already listed at reserved_numbers.keep[0] (c.yaml:7:28): a number can have only one owner, remove one of them',
      'c.yaml:13:31: users[0].numbers[1] "+10000000000" is not a valid phone number in any country\'s numbering plan (libphonenumber): check the country code and the digits',
      'c.yaml:14:26: users[0].forwarding_numbers[0] "+10000000000" is not a valid phone number in any country\'s numbering plan (libphonenumber): check the country code and the digits',
      'c.yaml:15:16: users[0].caller_id "+99912345678" is not a valid phone number in any country\'s numbering plan (libphonenumber): check the country code and the digits',
    ]);
  });

  it('accepts a protected email that is not a declared user (a warning elsewhere, not an error)', async () => {
    writeTree(cwd.dir, { 'c.yaml': `${OFFICES_YAML}policy: { protected: [ghost@x.io] }\n` });
    expect((await loadConfig('c.yaml')).policy.protected).toEqual(['ghost@x.io']);
  });

  it('resolves the emulator fixture relative to the file that declares it', async () => {
    writeTree(cwd.dir, { 'cfg/a.yaml': OFFICES_YAML, 'cfg/sub/emu.yaml': 'version: 1\nemulator: { fixture: ../live.json }\n', 'cfg/live.json': '{}' });
    expect((await loadConfig('cfg')).emulatorFixture).toBe(`${cwd.dir}/cfg/live.json`);
  });

  it('points at the right file and entry for problems in a merged directory', async () => {
    writeTree(cwd.dir, {
      'cfg/a.yaml': `${OFFICES_YAML}users:\n${userYaml('a@x.io')}`,
      'cfg/b.yaml': `version: 1\nusers:\n${userYaml('b@x.io', 'hq')}${userYaml('c@x.io', 'paris')}`,
    });
    const error = await loadConfig('cfg').catch((e: unknown) => e);
    expect(await problemsOf(Promise.reject(error))).toEqual(['cfg/b.yaml:10:13: users[1].office "paris" is not a declared office (declared: hq, london)']);
    expect((error as ConfigError).problems[0]?.path).toBe('/users/1/office');
  });

  it('runs beside schema problems, skipping only the fields that failed the schema (issue 14 #8: a schema error on a user no longer hides its semantic errors)', async () => {
    writeTree(cwd.dir, {
      'cfg/a.yaml': 'version: 1\npolicy: { unmanaged_users: sometimes }\noffices:\n  hq: { name: HQ, country: us }\nreserved_numbers: { keep: [+14155550100] }\n',
      'cfg/b.yaml': `users:\n${userYaml('a@x.io', 'lndon', '    state: gone\n')}${userYaml('b@x.io', 'paris')}${userYaml('c@x.io', 'hq', '    numbers: ["+1 415"]\n')}`,
    });
    expect(await problemsOf(loadConfig('cfg'))).toEqual([
      'cfg/a.yaml:2:28: policy.unmanaged_users must be one of: ignore, suspend, delete',
      'cfg/a.yaml:4:28: offices.hq.country "us" must be written in upper case: "US"',
      'cfg/a.yaml:5:28: reserved_numbers.keep[0] must be a string, not 14155550100 (put the value in quotes)',
      'cfg/b.yaml:5:13: users[0].office "lndon" is not a declared office (declared: hq)',
      'cfg/b.yaml:6:12: users[0].state must be one of: active, suspended, pending, deleted',
      'cfg/b.yaml:10:13: users[1].office "paris" is not a declared office (declared: hq)',
      'cfg/b.yaml:15:15: users[2].numbers[0] "+1 415" is not an E.164 number: write "+", the country code and the digits, no spaces, e.g. "+14155550100"',
    ]);
  });

  it('refuses numbers on a state: deleted entry except numbers: [] (issue 14 #5)', async () => {
    writeTree(cwd.dir, {
      'c.yaml': `${OFFICES_YAML}users:\n${userYaml('a@x.io', 'hq', '    state: deleted\n    numbers: ["+14155550100"]\n')}${userYaml('b@x.io', 'hq', '    state: deleted\n    numbers: []\n')}`,
    });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual([
      'c.yaml:11:14: users[0].numbers: a@x.io has state: deleted, so they hold no numbers afterwards; write numbers: [] to move their numbers to the reserved pool first (keep them there with reserved_numbers.keep), or leave numbers out',
    ]);
  });

  it('still runs beside an empty file', async () => {
    writeTree(cwd.dir, { 'cfg/a.yaml': '', 'cfg/b.yaml': `${OFFICES_YAML}users:\n${userYaml('a@x.io', 'paris')}` });
    expect(await problemsOf(loadConfig('cfg'))).toEqual([
      'cfg/a.yaml:1:1: file is empty: a config file is a mapping that starts with "version: 1"',
      'cfg/b.yaml:9:13: users[0].office "paris" is not a declared office (declared: hq, london)',
    ]);
  });

  it('does not run when a file cannot be parsed, since its offices and users are unknown', async () => {
    writeTree(cwd.dir, {
      'cfg/a.yaml': 'version: 1\noffices:\n  hq: { name: HQ, country: US\n',
      'cfg/b.yaml': `users:\n${userYaml('a@x.io', 'hq')}`,
    });
    const problems = await problemsOf(loadConfig('cfg'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^cfg\/a\.yaml:\d+:\d+: YAML syntax error: /);
  });
});
