import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError, UsageError } from '../../src/errors.js';
import { BLOCK_BEGIN, BLOCK_END, buildCodeownersEntries, patternOf, renderCodeownersBlock, spliceCodeownersBlock } from '../../src/owners/codeowners.js';
import { checkCodeownersSyntax, resolveCodeowners } from '../support/codeowners-syntax.js';
import { problemsOf, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

/** The docs/owners.md example: three offices, one users file each, company files apart. */
const THREE_OFFICES = {
  'dialform/dialform.yaml': `version: 1
company: { owners: ['@acme/it'] }
policy: { max_deletions: 5 }
offices:
  london: { name: London, country: GB, owners: ['@acme/london-admins'] }
  new_york: { name: New York, country: US, owners: ['@acme/nyc-admins', '@grace'] }
  berlin: { name: Berlin, country: DE }
`,
  'dialform/groups.yaml': `departments:
  sales: { name: Sales, office: london, owners: ['@acme/sales'] }
  support: { name: Support, office: new_york }
`,
  'dialform/users/london.yaml': `users:\n${userYaml('ada@x.io', 'london')}`,
  'dialform/users/new-york.yaml': `users:\n${userYaml('bob@x.io', 'new_york')}`,
  'dialform/users/berlin.yaml': `users:\n${userYaml('eve@x.io', 'berlin')}`,
  'dialform/users/mixed.yaml': `users:\n${userYaml('kim@x.io', 'london')}${userYaml('lee@x.io', 'new_york')}`,
};

async function entriesOf(files: Record<string, string>): Promise<ReturnType<typeof buildCodeownersEntries>> {
  writeTree(cwd.dir, files);
  const desired = await loadConfig('dialform');
  return buildCodeownersEntries(desired.owners, (abs) => abs.slice(cwd.dir.length + 1));
}

describe('dialform codeowners entries', () => {
  it('gives each config file the owners of the offices, groups and company parts it declares', async () => {
    const { entries, unowned } = await entriesOf(THREE_OFFICES);
    expect(Object.fromEntries(entries.map((e) => [e.path, e.owners]))).toEqual({
      // Declares company, policy and all three offices: every owner that declared one reviews it.
      'dialform/dialform.yaml': ['@acme/it', '@acme/london-admins', '@acme/nyc-admins', '@grace'],
      // A group with owners has its own; one without has its office's.
      'dialform/groups.yaml': ['@acme/nyc-admins', '@acme/sales', '@grace'],
      'dialform/users/london.yaml': ['@acme/london-admins'],
      'dialform/users/new-york.yaml': ['@acme/nyc-admins', '@grace'],
      // Berlin declares no owners: the company owners own its file.
      'dialform/users/berlin.yaml': ['@acme/it'],
      'dialform/users/mixed.yaml': ['@acme/london-admins', '@acme/nyc-admins', '@grace'],
    });
    expect(unowned).toEqual([]);
  });

  it('names the files nobody owns instead of writing an owner-less line (which would clear earlier owners)', async () => {
    const { entries, unowned } = await entriesOf({
      'dialform/dialform.yaml': 'version: 1\noffices:\n  hq: { name: HQ, country: US }\n  london: { name: London, country: GB, owners: [\'@ldn\'] }\n',
      'dialform/users/hq.yaml': `users:\n${userYaml('ada@x.io', 'hq')}`,
      'dialform/users/london.yaml': `users:\n${userYaml('bob@x.io', 'london')}`,
    });
    expect(entries.map((e) => e.path)).toEqual(['dialform/dialform.yaml', 'dialform/users/london.yaml']);
    expect(unowned).toEqual(['dialform/users/hq.yaml']);
  });

  it('writes one handle once, whatever its case (GitHub handles are case-insensitive)', async () => {
    const { entries } = await entriesOf({
      'dialform/dialform.yaml': "version: 1\noffices:\n  a: { name: A, country: US, owners: ['@Ada'] }\n  b: { name: B, country: US, owners: ['@ada'] }\n",
    });
    expect(entries).toEqual([{ path: 'dialform/dialform.yaml', owners: ['@Ada'] }]);
  });

  it('rejects an owner that is not a GitHub @user or @org/team, at its place', async () => {
    writeTree(cwd.dir, { 'dialform/dialform.yaml': "version: 1\noffices:\n  a: { name: A, country: US, owners: ['ada', '@acme/x y'] }\n" });
    const problems = await problemsOf(loadConfig('dialform'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^dialform\/dialform\.yaml:3:\d+: /);
    await expect(loadConfig('dialform')).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('the CODEOWNERS text against GitHub’s documented rules', () => {
  it('is valid CODEOWNERS syntax, and each config file resolves to its owners', async () => {
    const { entries } = await entriesOf(THREE_OFFICES);
    const text = spliceCodeownersBlock(undefined, renderCodeownersBlock(entries));
    expect(checkCodeownersSyntax(text)).toEqual([]);
    for (const e of entries) expect(resolveCodeowners(text, e.path)).toEqual(e.owners);
    // Anchored: a same-named file elsewhere is not matched.
    expect(resolveCodeowners(text, 'other/dialform/users/london.yaml')).toEqual([]);
  });

  it('keeps the lines a person wrote and comes after them, so the config’s owners win for its files', async () => {
    const { entries } = await entriesOf(THREE_OFFICES);
    const mine = '# ours\n* @acme/platform\n';
    const first = spliceCodeownersBlock(mine, renderCodeownersBlock(entries));
    expect(first.startsWith(mine)).toBe(true);
    expect(resolveCodeowners(first, 'dialform/users/london.yaml')).toEqual(['@acme/london-admins']);
    expect(resolveCodeowners(first, 'src/app.ts')).toEqual(['@acme/platform']);
    // Rewriting replaces the block in place: the lines after it stay after it, and nothing doubles.
    const edited = `${first}/docs/ @acme/docs\n`;
    const again = spliceCodeownersBlock(edited, renderCodeownersBlock(entries.slice(1)));
    expect(again.split(BLOCK_BEGIN)).toHaveLength(2);
    expect(again.endsWith(`${BLOCK_END}\n/docs/ @acme/docs\n`)).toBe(true);
    expect(again).not.toContain(`/${entries[0]?.path} `);
    expect(spliceCodeownersBlock(again, renderCodeownersBlock(entries.slice(1)))).toBe(again);
  });

  it('refuses a file name CODEOWNERS cannot state literally', () => {
    for (const path of ['users/new york.yaml', 'users/[ldn].yaml', 'users/*.yaml', 'users/!x.yaml', '#x.yaml', 'a\\b.yaml']) {
      expect(() => patternOf(path), path).toThrow(UsageError);
    }
    expect(patternOf('users/new-york_2.yaml')).toBe('/users/new-york_2.yaml');
  });

  it('refuses a CODEOWNERS file whose markers are unbalanced rather than guess where the block ends', () => {
    expect(() => spliceCodeownersBlock(`${BLOCK_BEGIN}\n/a.yaml @x\n`, renderCodeownersBlock([]))).toThrow(/not one of each/);
  });
});
