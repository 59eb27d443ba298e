import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { diffPhoneSettings } from '../../src/model/phone-settings.js';
import { OFFICES_YAML, problemsOf, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

describe('phone settings in config (issue 29)', () => {
  it('loads only the settings an entry writes (absent = left as it is)', async () => {
    writeTree(cwd.dir, {
      'c.yaml': `${OFFICES_YAML}users:\n${userYaml('a@x.io', 'hq', '    job_title: Agent\n    international_dialing_enabled: false\n')}${userYaml('b@x.io')}`,
    });
    const users = (await loadConfig('c.yaml')).tenant.users;
    expect(users.map((u) => u.settings)).toEqual([{ job_title: 'Agent', international_dialing_enabled: false }, undefined]);
  });

  it('checks forwarding numbers with libphonenumber, at file:line:col', async () => {
    writeTree(cwd.dir, { 'c.yaml': `${OFFICES_YAML}users:\n${userYaml('a@x.io', 'hq', '    forwarding_numbers: ["+15550100001", "+14155550199"]\n')}` });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual([
      'c.yaml:10:26: users[0].forwarding_numbers[0] "+15550100001" is not a valid phone number in any country\'s numbering plan (libphonenumber): check the country code and the digits',
    ]);
  });

  it('refuses an extension that is not digits and a job title of two lines', async () => {
    writeTree(cwd.dir, { 'c.yaml': `${OFFICES_YAML}users:\n${userYaml('a@x.io', 'hq', '    extension: "12a"\n    job_title: "a\\nb"\n')}` });
    const problems = await problemsOf(loadConfig('c.yaml'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^c\.yaml:10:16: users\[0\]\.extension/);
    expect(problems[1]).toMatch(/^c\.yaml:11:16: users\[0\]\.job_title/);
  });
});

describe('diffPhoneSettings', () => {
  it.each([
    ['nothing declared', undefined, { job_title: 'CEO' }, []],
    ['a declared value equal to live', { job_title: 'CEO' }, { job_title: 'CEO' }, []],
    ['an empty list against none read', { forwarding_numbers: [] }, undefined, []],
    ['an empty title against none read', { job_title: '' }, {}, []],
    ['a changed title', { job_title: 'CTO' }, { job_title: 'CEO' }, [{ field: 'job_title', from: 'CEO', to: 'CTO' }]],
    ['dialing off where unknown', { international_dialing_enabled: false }, {}, [{ field: 'international_dialing_enabled', from: null, to: false }]],
    ['forwarding numbers removed', { forwarding_numbers: [] }, { forwarding_numbers: ['+14155550199'] }, [{ field: 'forwarding_numbers', from: ['+14155550199'], to: [] }]],
  ] as const)('%s', (_what, desired, live, expected) => {
    expect(diffPhoneSettings(desired as never, live as never)).toEqual(expected);
  });
});
