import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { checkCodeownersSyntax, resolveCodeowners } from '../support/codeowners-syntax.js';
import { userYaml, writeTree } from '../support/config-files.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dialform-codeowners-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  writeTree(dir, {
    'dialform/dialform.yaml': `version: 1
company: { owners: ['@acme/it'] }
offices:
  london: { name: London, country: GB, owners: ['@acme/london-admins'] }
  new_york: { name: New York, country: US, owners: ['@acme/nyc-admins'] }
  berlin: { name: Berlin, country: DE }
`,
    'dialform/users/london.yaml': `users:\n${userYaml('ada@x.io', 'london')}`,
    'dialform/users/new-york.yaml': `users:\n${userYaml('bob@x.io', 'new_york')}`,
    'dialform/users/berlin.yaml': `users:\n${userYaml('eve@x.io', 'berlin')}`,
    '.github/CODEOWNERS': '* @acme/platform\n',
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dialform codeowners', () => {
  it('writes valid CODEOWNERS lines after the existing ones, and --check then passes', async () => {
    const wrote = await runCli(['codeowners'], { cwd: dir });
    expect(wrote.stderr).toBe('');
    expect(wrote).toMatchObject({ code: 0, stdout: 'Wrote 4 dialform entries to .github/CODEOWNERS.\n' });
    const text = readFileSync(join(dir, '.github/CODEOWNERS'), 'utf8');
    expect(checkCodeownersSyntax(text)).toEqual([]);
    expect(text.startsWith('* @acme/platform\n')).toBe(true);
    expect(resolveCodeowners(text, 'dialform/users/london.yaml')).toEqual(['@acme/london-admins']);
    expect(resolveCodeowners(text, 'dialform/users/berlin.yaml')).toEqual(['@acme/it']);
    expect(resolveCodeowners(text, 'README.md')).toEqual(['@acme/platform']);

    const check = await runCli(['codeowners', '--check'], { cwd: dir });
    expect(check).toMatchObject({ code: 0, stdout: '.github/CODEOWNERS is current: 4 dialform entries.\n' });
  });

  it('--check fails with codeowners_stale and writes nothing when an owner changed', async () => {
    expect((await runCli(['codeowners'], { cwd: dir })).code).toBe(0);
    const before = readFileSync(join(dir, '.github/CODEOWNERS'), 'utf8');
    const config = join(dir, 'dialform/dialform.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace("country: DE }", "country: DE, owners: ['@acme/berlin'] }"));

    const check = await runCli(['codeowners', '--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^error codeowners_stale: \.github\/CODEOWNERS is not current/);
    expect(readFileSync(join(dir, '.github/CODEOWNERS'), 'utf8')).toBe(before);
  });

  it('refuses a config outside a git repository, naming why', async () => {
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    const result = await runCli(['codeowners'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error usage: the config must be inside a git repository/);
  });
});
