import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/errors.js';
import { OFFICES_YAML, problemsOf, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

describe('structural problems', () => {
  it('reports five mistakes in two files as exactly five file:line:col problems', async () => {
    writeTree(cwd.dir, {
      'cfg/a.yaml': `version: 1
offices:
  hq: { name: HQ, country: us }
  lon: { name: L }
policy: { unmanaged_users: supend }
`,
      'cfg/b.yaml': `version: 1
users:
  - email: ada@acme.com
    first_name: Ada
    last_name: L
    nickname: Countess
    office: hq
    numbers: [+14155550100]
`,
    });
    expect(await problemsOf(loadConfig('cfg'))).toEqual([
      'cfg/a.yaml:3:28: offices.hq.country "us" must be written in upper case: "US"',
      'cfg/a.yaml:4:8: offices.lon is missing required property "country"',
      'cfg/a.yaml:5:28: policy.unmanaged_users must be one of: ignore, suspend, delete',
      'cfg/b.yaml:6:5: unknown property "nickname" in users[0] (allowed: email, first_name, last_name, office, license, numbers, admin, admin_offices, state, analytics, proxy, allow_number_change, allow_number_loss, allow_new_account, previous_emails, lifecycle, starts_on, leaves_on, departments, call_centers, e911, extension, forwarding_numbers, international_dialing_enabled, job_title, profile, caller_id)',
      'cfg/b.yaml:8:15: users[0].numbers[0] must be a string, not 14155550100 (put the value in quotes)',
    ]);
  });

  it('checks the other files when one has a syntax error', async () => {
    writeTree(cwd.dir, {
      'cfg/a.yaml': 'version: 1\nusers:\n  - email: a@b.com\n    first_name: [1, 2\n',
      'cfg/b.yaml': 'version: 1\nofices: {}\n',
    });
    expect(await problemsOf(loadConfig('cfg'))).toEqual([
      'cfg/a.yaml:5:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'cfg/b.yaml:2:1: unknown property "ofices" (did you mean "offices"?)',
    ]);
  });

  it.each([
    ['a duplicate key', 'version: 1\noffices:\n  hq: { name: A, country: US }\n  hq: { name: B, country: US }\n', 'c.yaml:4:3: duplicate key "hq": a key may appear only once in a mapping'],
    ['an unclosed quote', 'version: 1\ncompany:\n  account_type: "pro\n', 'c.yaml:4:1: YAML syntax error: Missing closing "quote'],
    ['a compact nested mapping', 'version: 1\npolicy: max_deletions: 3\n', 'c.yaml:2:9: YAML syntax error: Nested mappings are not allowed in compact mappings'],
    ['two documents', 'version: 1\n---\nversion: 1\n', 'c.yaml:2:1: more than one YAML document ("---") in one file: put each in its own file'],
    ['an empty file', '', 'c.yaml:1:1: file is empty: a config file is a mapping that starts with "version: 1"'],
    ['a comment-only file', '# nothing yet\n', 'c.yaml:1:1: file is empty: a config file is a mapping that starts with "version: 1"'],
    ['a list at the top', '\n- version: 1\n', 'c.yaml:2:1: top level must be a mapping of keys (version, offices, users, …), not a list or a value'],
    ['a scalar at the top', 'hello\n', 'c.yaml:1:1: top level must be a mapping of keys (version, offices, users, …), not a list or a value'],
  ])('reports %s at its position', async (_what, text, expected) => {
    writeTree(cwd.dir, { 'c.yaml': text });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual([expected]);
  });

  it.each([
    ['missing version', 'offices: {}\n', 'c.yaml:1:1: missing "version: 1": add it at the top of this file'],
    ['wrong version', 'version: 2\n', 'c.yaml:1:10: version must be 1'],
    ['a misspelt key', 'version: 1\npolcy: {}\n', 'c.yaml:2:1: unknown property "polcy" (did you mean "policy"?)'],
    ['a bad account type', 'version: 1\ncompany: { account_type: gold }\n', 'c.yaml:2:26: company.account_type must be one of: free, standard, pro, enterprise'],
    ['a negative max_deletions', 'version: 1\npolicy: { max_deletions: -1 }\n', 'c.yaml:2:26: policy.max_deletions must be 0 or more'],
    ['a fractional max_deletions', 'version: 1\npolicy: { max_deletions: 1.5 }\n', 'c.yaml:2:26: policy.max_deletions must be a whole number, not 1.5'],
    ['a percent over 100', 'version: 1\npolicy: { max_deletion_percent: 101 }\n', 'c.yaml:2:33: policy.max_deletion_percent must be 100 or less'],
    ['a bad protected email', 'version: 1\npolicy: { protected: [ceo] }\n', 'c.yaml:2:23: policy.protected[0] "ceo" is not a valid email address'],
    ['an upper-case office key', 'version: 1\noffices:\n  HQ: { name: A, country: US }\n', 'c.yaml:3:3: key "HQ" in offices must start with a lower-case letter or digit and use only a-z, 0-9, "_" and "-"'],
    ['an unknown country', 'version: 1\noffices:\n  hq: { name: A, country: XX }\n', 'c.yaml:3:27: offices.hq.country "XX" is not one of the 84 accepted values (ISO 3166 alpha-2 codes such as US, GB, DE; full list in docs/config.md)'],
    ['an unquoted office id', 'version: 1\noffices:\n  hq: { name: A, country: US, id: 124 }\n', 'c.yaml:3:35: offices.hq.id must be a string, not 124 (put the value in quotes)'],
    ['a non-numeric office id', 'version: 1\noffices:\n  hq: { name: A, country: US, id: "abc" }\n', 'c.yaml:3:35: offices.hq.id "abc" must be a live id made of digits, e.g. "124"'],
    ['an unknown license line', 'version: 1\noffices:\n  hq: { name: A, country: US, licenses: { talks: 1 } }\n', 'c.yaml:3:43: unknown property "talks" in offices.hq.licenses (did you mean "talk"?)'],
    ['a create block missing fields', 'version: 1\noffices:\n  hq:\n    name: A\n    country: US\n    create: { currency: USD, plan_period: monthly, annual_commit_monthly_billing: false, invoiced: false, unified_billing: true }\n', 'c.yaml:6:13: offices.hq.create is missing required property "billing_address"'],
    ['an empty office value', 'version: 1\noffices:\n  hq:\n', 'c.yaml:3:3: offices.hq must be a mapping, not empty'],
    ['users as a mapping', 'version: 1\nusers: { a: 1 }\n', 'c.yaml:2:8: users must be a list, not a mapping'],
    ['a bad user license', `version: 1\noffices:\n  hq: { name: A, country: US }\nusers:\n${userYaml('a@x.io', 'hq', '    license: pro\n')}`, 'c.yaml:9:14: users[0].license must be one of: talk, agents, lite_support_agents, lite_lines, admins, dpde_all, dpde_one, magenta_lines, user'],
    ['a bad admin value', `version: 1\noffices:\n  hq: { name: A, country: US }\nusers:\n${userYaml('a@x.io', 'hq', '    admin: yes\n')}`, 'c.yaml:9:12: users[0].admin must be one of: none, office, company'],
    ['a user without office', 'version: 1\nusers:\n  - { email: a@x.io, first_name: A, last_name: B }\n', 'c.yaml:3:5: users[0] is missing required property "office"'],
    ['an empty first name', 'version: 1\noffices:\n  hq: { name: A, country: US }\nusers:\n  - { email: a@x.io, first_name: "", last_name: B, office: hq }\n', 'c.yaml:5:34: users[0].first_name must not be empty'],
  ])('explains %s in words', async (_what, text, expected) => {
    writeTree(cwd.dir, { 'c.yaml': text });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual([expected]);
  });

  it('suggests users: [] when an office file empties its users (issue 14 #8)', async () => {
    writeTree(cwd.dir, { 'c.yaml': `${OFFICES_YAML}users:\n` });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual(['c.yaml:5:1: users must be a list, not empty (for an empty list write users: [])']);
  });

  it('throws only ConfigError for bad input, with the problems in its message', async () => {
    writeTree(cwd.dir, { 'c.yaml': `${OFFICES_YAML}users: 3\n` });
    const error = await loadConfig('c.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('config_invalid');
    expect((error as ConfigError).message).toBe('c.yaml:5:8: users must be a list, not 3');
    expect((error as ConfigError).problems[0]?.path).toBe('/users');
  });
});
