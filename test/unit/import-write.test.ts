import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { writeImportFiles } from '../../src/import/write-import.js';
import { useTempCwd } from '../support/config-files.js';

const cwd = useTempCwd();
const FILES = [
  { path: 'dialform.yaml', text: 'version: 1\n' },
  { path: 'users/hq.yaml', text: 'users: []\n' },
];

async function refusal(outDir: string, force = false): Promise<string> {
  const error = await writeImportFiles(join(cwd.dir, outDir), FILES, { cwd: cwd.dir, force }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

describe('import never writes through a symbolic link (issue 12 #1)', () => {
  it('writes new files into a fresh directory', async () => {
    await writeImportFiles(join(cwd.dir, 'company'), FILES, { cwd: cwd.dir });
    expect(readFileSync('company/users/hq.yaml', 'utf8')).toBe('users: []\n');
  });

  it('refuses --force over a file symlinked outside -o, leaving the target untouched (issue 12 #1)', async () => {
    writeFileSync('outside.yaml', 'precious\n');
    mkdirSync('company');
    symlinkSync('../outside.yaml', 'company/dialform.yaml');
    expect(await refusal('company', true)).toBe(
      'company/dialform.yaml: is a symbolic link; import never writes through one. Remove it or choose another -o directory.\nNothing was written.',
    );
    expect(readFileSync('outside.yaml', 'utf8')).toBe('precious\n');
    expect(existsSync('company/users')).toBe(false);
  });

  it('refuses a dangling symlink even without --force, creating nothing at its target (issue 12 #1)', async () => {
    mkdirSync('company');
    symlinkSync('../created-outside.yaml', 'company/dialform.yaml');
    expect(await refusal('company')).toMatch(/^company\/dialform\.yaml: is a symbolic link; import never writes through one/);
    expect(existsSync('created-outside.yaml')).toBe(false);
  });

  it('refuses a symlinked directory inside -o (issue 12 #1)', async () => {
    mkdirSync('elsewhere');
    mkdirSync('company');
    symlinkSync('../elsewhere', 'company/users');
    expect(await refusal('company', true)).toMatch(/^company\/users: is a symbolic link; import never writes through one/);
    expect(existsSync('elsewhere/hq.yaml')).toBe(false);
  });

  it('refuses an -o that is itself a symbolic link (issue 12 #1)', async () => {
    mkdirSync('elsewhere');
    symlinkSync('elsewhere', 'company');
    expect(await refusal('company')).toMatch(/^company: is a symbolic link; import never writes through one\. Pass the directory it points to/);
    expect(lstatSync('company').isSymbolicLink()).toBe(true);
  });

  it('refuses an -o that names a file with a clear error (issue 12 #1)', async () => {
    writeFileSync('company', 'not a directory\n');
    expect(await refusal('company', true)).toBe(
      'company: exists and is not a directory; -o names the directory to write the config files into.\nNothing was written.',
    );
    expect(readFileSync('company', 'utf8')).toBe('not a directory\n');
  });

  it('still refuses to overwrite a regular file without --force, and overwrites it with --force', async () => {
    mkdirSync('company');
    writeFileSync('company/dialform.yaml', 'old\n');
    expect(await refusal('company')).toBe('import would overwrite company/dialform.yaml; nothing was written. Pass --force to overwrite.');
    await writeImportFiles(join(cwd.dir, 'company'), FILES, { cwd: cwd.dir, force: true });
    expect(readFileSync('company/dialform.yaml', 'utf8')).toBe('version: 1\n');
  });
});
