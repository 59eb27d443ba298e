import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { OFFICES_YAML, problemsOf, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

const GROUPS_YAML = `${OFFICES_YAML}departments:
  sales: { name: Sales, office: hq }
call_centers:
  support: { name: Support, office: hq }
`;

describe('departments and call centers in config (issue 19 #1)', () => {
  it('loads groups and memberships: role defaults to operator, skill only where declared', async () => {
    writeTree(cwd.dir, {
      'c.yaml': `${GROUPS_YAML}policy: { unmanaged_groups: delete }\nusers:\n${userYaml('a@x.io', 'hq', '    license: agents\n    departments: { sales: admin }\n    call_centers: { support: { skill: 80 } }\n')}${userYaml('b@x.io', 'london')}`,
    });
    const desired = await loadConfig('c.yaml');
    expect(desired.tenant.groups?.map((g) => [g.key, g.type, g.name, g.office])).toEqual([
      ['sales', 'department', 'Sales', 'hq'],
      ['support', 'call_center', 'Support', 'hq'],
    ]);
    expect(desired.policy.unmanagedGroups).toBe('delete');
    const [a, b] = desired.tenant.users;
    expect(a?.departments?.map((m) => [m.group, m.role, m.skill])).toEqual([['sales', 'admin', undefined]]);
    expect(a?.callCenters?.map((m) => [m.group, m.role, m.skill])).toEqual([['support', 'operator', 80]]);
    // Absent keys: memberships not managed.
    expect(b?.departments).toBeUndefined();
    expect(b?.callCenters).toBeUndefined();
  });

  it.each([
    [
      'an unknown department',
      `${GROUPS_YAML}users:\n${userYaml('a@x.io', 'hq', '    departments: { slaes: operator }\n')}`,
      ['c.yaml:14:27: users[0].departments.slaes: "slaes" is not a declared department (declared: sales)'],
    ],
    [
      'a call center listed as a department',
      `${GROUPS_YAML}users:\n${userYaml('a@x.io', 'hq', '    departments: { support: operator }\n')}`,
      ['c.yaml:14:29: users[0].departments.support: "support" is not a declared department; "support" is a call center: list it under call_centers'],
    ],
    [
      'a role a department does not have',
      `${GROUPS_YAML}users:\n${userYaml('a@x.io', 'hq', '    departments: { sales: supervisor }\n')}`,
      ['c.yaml:14:27: users[0].departments.sales must be one of: admin, operator'],
    ],
    [
      'a skill out of range',
      `${GROUPS_YAML}users:\n${userYaml('a@x.io', 'hq', '    license: agents\n    call_centers: { support: { skill: 0 } }\n')}`,
      ['c.yaml:15:39: users[0].call_centers.support.skill must be 1 or more'],
    ],
    [
      'a call-center operator without an agent license',
      `${GROUPS_YAML}users:\n${userYaml('a@x.io', 'hq', '    call_centers: { support: operator }\n')}`,
      ['c.yaml:14:19: a@x.io operates in a call center, so their license is agents or lite_support_agents (Dialpad switches any other license when adding an operator), not talk: write license: agents'],
    ],
    [
      'a group in an undeclared office',
      `${OFFICES_YAML}departments:\n  sales: { name: Sales, office: paris }\n`,
      ['c.yaml:6:33: departments.sales.office "paris" is not a declared office (declared: hq, london)'],
    ],
    [
      'a key used by a department and a call center',
      `${OFFICES_YAML}departments:\n  help: { name: Help, office: hq }\ncall_centers:\n  help: { name: Help desk, office: hq }\n`,
      ['c.yaml:8:9: call center "help" has the key of department "help" (c.yaml:6:9): group keys are unique across departments and call_centers'],
    ],
    [
      'two call centers of one name in one office (the same name in two offices is fine)',
      `${OFFICES_YAML}call_centers:\n  support: { name: Support, office: hq }\n  uk: { name: Support, office: london }\n  help: { name: " support", office: hq }\n`,
      ['c.yaml:8:17: call center "help" has the same name " support" in office hq as "support" (c.yaml:6:20): live groups are matched by name within an office, so it must be unique there among groups without an id (pin each with id: to keep both)'],
    ],
    [
      'two unpinned call centers of one name beside two pinned ones of it (pinned entries are matched by id) (issue 19 review #3)',
      `${OFFICES_YAML}call_centers:\n  support: { name: Support, office: hq, id: "601" }\n  support-2: { name: Support, office: hq, id: "602" }\n  help: { name: Support, office: hq }\n  help-2: { name: Support, office: hq }\n`,
      ['c.yaml:9:19: call center "help-2" has the same name "Support" in office hq as "help" (c.yaml:8:17): live groups are matched by name within an office, so it must be unique there among groups without an id (pin each with id: to keep both)'],
    ],
  ])('reports %s at its place', async (_what, text, expected) => {
    writeTree(cwd.dir, { 'c.yaml': text });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual(expected);
  });

  it('refuses a 26th operator in one department (help: up to 25 operators)', async () => {
    const users = Array.from({ length: 26 }, (_, i) => userYaml(`u${i}@x.io`, 'hq', '    departments: { sales: operator }\n')).join('');
    writeTree(cwd.dir, { 'c.yaml': `${GROUPS_YAML}users:\n${users}` });
    const problems = await problemsOf(loadConfig('c.yaml'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^c\.yaml:\d+:\d+: department "sales" has 26 operators in config; Dialpad allows at most 25/);
  });
});
