import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { OFFICES_YAML, userYaml } from '../support/config-files.js';

function usersFile(prefix: string, count: number, office: string): string {
  return `users:\n${Array.from({ length: count }, (_, i) => userYaml(`${prefix}${i}@acme.com`, office)).join('')}`;
}

/** Through the CLI: a config directory's symbolic links are followed or reported, never skipped. */
describe('validate with symbolic links (issue 12 #1)', () => {
  it('counts the users of a symlinked users file, and names a dangling link without a stack trace (issue 12 #1)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-validate-links-'));
    await mkdir(join(cwd, 'dialform', 'users'), { recursive: true });
    await mkdir(join(cwd, 'shared'));
    await writeFile(join(cwd, 'dialform', 'dialform.yaml'), OFFICES_YAML);
    await writeFile(join(cwd, 'dialform', 'users', 'hq.yaml'), usersFile('hq', 13, 'hq'));
    await writeFile(join(cwd, 'shared', 'london.yaml'), usersFile('london', 6, 'london'));
    await symlink('../../shared/london.yaml', join(cwd, 'dialform', 'users', 'london.yaml'));

    const valid = await runCli(['validate', '-c', 'dialform'], { cwd });
    expect(valid.stdout).toBe('Configuration is valid: 2 offices, 19 users in 3 files.\n');

    await symlink('../../shared/paris.yaml', join(cwd, 'dialform', 'users', 'paris.yaml'));
    const dangling = await runCli(['validate', '-c', 'dialform'], { cwd });
    expect(dangling.code).toBe(1);
    expect(dangling.stderr).toBe('error usage: dialform/users/paris.yaml: dangling symbolic link: its target ../../shared/paris.yaml does not exist\n');
  });
});
