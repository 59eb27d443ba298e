import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';

async function scratch(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-links-'));
  await cp(join(ROOT, 'examples', 'acme', 'live.json'), join(cwd, 'live.json'));
  return cwd;
}

/** Through the CLI: `import` refuses bad output paths with `error usage: file: message`, never a stack. */
describe('import output paths (issue 12 #1)', () => {
  it('does not overwrite a file outside -o through a symlink, even with --force (issue 12 #1)', async () => {
    const cwd = await scratch();
    await writeFile(join(cwd, 'outside.yaml'), 'precious\n');
    await mkdir(join(cwd, 'company'));
    await symlink('../outside.yaml', join(cwd, 'company', 'dialform.yaml'));
    const result = await runCli(['import', '-o', 'company', '--emulator', 'live.json', '--force'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error usage: company\/dialform\.yaml: is a symbolic link; import never writes through one/);
    expect(await readFile(join(cwd, 'outside.yaml'), 'utf8')).toBe('precious\n');
  });

  it('reports an -o that names a file as a clear error, not a stack trace (issue 12 #1)', async () => {
    const cwd = await scratch();
    await writeFile(join(cwd, 'company'), 'a file\n');
    const result = await runCli(['import', '-o', 'company', '--emulator', 'live.json'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error usage: company: exists and is not a directory; -o names the directory to write the config files into.\nNothing was written.\n');
  });

  it('does not follow a dangling symlink in -o without --force (issue 12 #1)', async () => {
    const cwd = await scratch();
    await mkdir(join(cwd, 'company'));
    await symlink('../created.yaml', join(cwd, 'company', 'dialform.yaml'));
    const result = await runCli(['import', '-o', 'company', '--emulator', 'live.json'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error usage: company\/dialform\.yaml: is a symbolic link; import never writes through one/);
    expect(existsSync(join(cwd, 'created.yaml'))).toBe(false);
  });
});
