import { describe, expect, it } from 'vitest';
import { digestConfig, loadConfig } from '../../src/config/index.js';
import { OFFICES_YAML, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

const USERS = `${userYaml('ada@x.io', 'london', '    numbers: ["+442071234567"]\n')}${userYaml('bob@x.io')}`;
const SINGLE = `${OFFICES_YAML}policy: { max_deletions: 2 }\nreserved_numbers: { keep: ["+14155550100"] }\nusers:\n${USERS}`;

describe('digestConfig', () => {
  it('is the same for one file and for the same config split over a directory', async () => {
    writeTree(cwd.dir, {
      'one.yaml': SINGLE,
      'split/offices.yaml': OFFICES_YAML,
      'split/z-policy.yaml': 'version: 1\nreserved_numbers: { keep: ["+14155550100"] }\npolicy:\n  max_deletions: 2\n',
      'split/users/b.yaml': `version: 1\nusers:\n${userYaml('bob@x.io')}`,
      'split/users/a.yaml': `version: 1\nusers:\n${userYaml('ADA@x.io', 'london', '    numbers: ["+442071234567"]\n')}`,
    });
    const one = digestConfig(await loadConfig('one.yaml'));
    expect(one).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digestConfig(await loadConfig('split'))).toBe(one);
  });

  it.each([
    ['a user name', SINGLE.replace('first_name: F', 'first_name: G')],
    ['a policy value', SINGLE.replace('max_deletions: 2', 'max_deletions: 3')],
    ['a kept number', SINGLE.replace('"+14155550100"', '"+14155550199"')],
    ['managing no numbers instead of some', SINGLE.replace('    numbers: ["+442071234567"]\n', '')],
  ])('changes with %s', async (_what, changed) => {
    writeTree(cwd.dir, { 'a.yaml': SINGLE, 'b.yaml': changed });
    expect(changed).not.toBe(SINGLE);
    expect(digestConfig(await loadConfig('b.yaml'))).not.toBe(digestConfig(await loadConfig('a.yaml')));
  });
});
