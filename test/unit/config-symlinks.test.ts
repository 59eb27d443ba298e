import { mkdirSync, symlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { UsageError } from '../../src/errors.js';
import { OFFICES_YAML, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

function usersFile(prefix: string, count: number, office = 'hq'): string {
  return `users:\n${Array.from({ length: count }, (_, i) => userYaml(`${prefix}${i}@acme.com`, office)).join('')}`;
}

async function usageErrorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

describe('config directories with symbolic links (issue 12 #1)', () => {
  it('follows a symlinked users file instead of skipping it (issue 12 #1)', async () => {
    writeTree(cwd.dir, {
      'dialform/dialform.yaml': OFFICES_YAML,
      'dialform/users/hq.yaml': usersFile('hq', 13),
      'shared/london.yaml': usersFile('london', 6, 'london'),
    });
    symlinkSync('../../shared/london.yaml', 'dialform/users/london.yaml');
    const desired = await loadConfig('dialform');
    expect(desired.tenant.users).toHaveLength(19);
    expect(desired.tenant.users.find((u) => u.email === 'london0@acme.com')?.source).toBe('dialform/users/london.yaml:2');
  });

  it('follows a symlinked directory of users files (issue 12 #1)', async () => {
    writeTree(cwd.dir, { 'dialform/dialform.yaml': OFFICES_YAML, 'shared/users/london.yaml': usersFile('london', 6, 'london') });
    symlinkSync('../shared/users', 'dialform/users');
    expect((await loadConfig('dialform')).tenant.users).toHaveLength(6);
  });

  it('reads a file reached both directly and through a link once (issue 12 #1)', async () => {
    writeTree(cwd.dir, { 'dialform/dialform.yaml': OFFICES_YAML, 'dialform/shared/london.yaml': usersFile('london', 6, 'london') });
    mkdirSync('dialform/users');
    symlinkSync('../shared/london.yaml', 'dialform/users/london.yaml');
    const desired = await loadConfig('dialform');
    expect(desired.tenant.users).toHaveLength(6);
    expect(desired.files).toHaveLength(2);
  });

  it('reports a dangling symlink naming the link, instead of skipping it (issue 12 #1)', async () => {
    writeTree(cwd.dir, { 'dialform/dialform.yaml': OFFICES_YAML });
    mkdirSync('dialform/users');
    symlinkSync('../../shared/london.yaml', 'dialform/users/london.yaml');
    expect(await usageErrorOf(loadConfig('dialform'))).toBe(
      'dialform/users/london.yaml: dangling symbolic link: its target ../../shared/london.yaml does not exist',
    );
  });

  it('reports a directory symlink loop instead of walking forever (issue 12 #1)', async () => {
    writeTree(cwd.dir, { 'dialform/dialform.yaml': OFFICES_YAML });
    mkdirSync('dialform/users');
    symlinkSync('..', 'dialform/users/again');
    expect(await usageErrorOf(loadConfig('dialform'))).toMatch(/^dialform\/users\/again: symbolic link loop: this directory leads back to dialform, which contains it/);
  });

  it('reports a self-referencing file symlink (issue 12 #1)', async () => {
    writeTree(cwd.dir, { 'dialform/dialform.yaml': OFFICES_YAML });
    symlinkSync('self.yaml', 'dialform/self.yaml');
    expect(await usageErrorOf(loadConfig('dialform'))).toBe('dialform/self.yaml: symbolic link loop: self.yaml leads back to itself');
  });
});
