import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { OFFICES_YAML, problemsOf, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

const PROFILES_YAML = `profiles:
  agent:
    license: agents
    international_dialing_enabled: false
    job_title: Support agent
  night:
    job_title: Night agent
    forwarding_numbers: ["+14155550199"]
`;

describe('profiles (issue 29)', () => {
  it('applies the named profiles in order, the entry own keys last, and names both in the source', async () => {
    writeTree(cwd.dir, {
      'c.yaml': `${OFFICES_YAML}${PROFILES_YAML}users:\n${userYaml('a@x.io', 'hq', '    profile: agent\n')}${userYaml('b@x.io', 'hq', '    profile: [agent, night]\n')}${userYaml('c@x.io', 'hq', '    profile: agent\n    international_dialing_enabled: true\n')}`,
    });
    const users = (await loadConfig('c.yaml')).tenant.users;
    expect(users.map((u) => [u.email, u.license, u.settings])).toEqual([
      ['a@x.io', 'agents', { international_dialing_enabled: false, job_title: 'Support agent' }],
      ['b@x.io', 'agents', { forwarding_numbers: ['+14155550199'], international_dialing_enabled: false, job_title: 'Night agent' }],
      ['c@x.io', 'agents', { international_dialing_enabled: true, job_title: 'Support agent' }],
    ]);
    expect(users.map((u) => u.source)).toEqual([
      'c.yaml:14 with profile agent (c.yaml:6)',
      'c.yaml:19 with profile agent (c.yaml:6), profile night (c.yaml:10)',
      'c.yaml:24 with profile agent (c.yaml:6)',
    ]);
  });

  it('reports an unknown profile name at file:line:col', async () => {
    writeTree(cwd.dir, { 'c.yaml': `${OFFICES_YAML}${PROFILES_YAML}users:\n${userYaml('a@x.io', 'hq', '    profile: agnet\n')}${userYaml('b@x.io', 'hq', '    profile: [night, nigth]\n')}` });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual([
      'c.yaml:18:14: users[0].profile "agnet" is not a declared profile (declared: agent, night)',
      'c.yaml:23:22: users[1].profile[1] "nigth" is not a declared profile (declared: agent, night)',
    ]);
  });

  it('points a problem in what a profile gives at the profile', async () => {
    writeTree(cwd.dir, {
      'c.yaml': `${OFFICES_YAML}profiles:\n  agent:\n    forwarding_numbers: ["+15550100001"]\n    call_centers: { nowhere: operator }\nusers:\n${userYaml('a@x.io', 'hq', '    license: agents\n    profile: agent\n')}`,
    });
    const problems = await problemsOf(loadConfig('c.yaml'));
    expect(problems, problems.join('\n')).toContain('c.yaml:7:26: profiles.agent.forwarding_numbers[0] "+15550100001" is not a valid phone number in any country\'s numbering plan (libphonenumber): check the country code and the digits');
    expect(problems.some((p) => p.startsWith('c.yaml:8:') && p.includes('nowhere'))).toBe(true);
  });

  it('reports a problem in a profile once, however many entries name it', async () => {
    writeTree(cwd.dir, {
      'c.yaml': `${OFFICES_YAML}profiles:\n  agent:\n    forwarding_numbers: ["+15550100001"]\nusers:\n${userYaml('a@x.io', 'hq', '    profile: agent\n')}${userYaml('b@x.io', 'hq', '    profile: agent\n')}`,
    });
    expect(await problemsOf(loadConfig('c.yaml'))).toHaveLength(1);
  });
});
