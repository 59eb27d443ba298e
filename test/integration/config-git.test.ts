import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { digestConfig, loadConfig, loadConfigFromGit, loadConfigFromGitBeside } from '../../src/config/index.js';
import { ConfigError, UsageError } from '../../src/errors.js';
import { OFFICES_YAML, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: cwd.dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x.io', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x.io', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd.dir },
  });
}

/** Links `path` (in the work tree) to `target` and commits everything as `message`. */
function commitLink(target: string, path: string, message: string): void {
  symlinkSync(target, join(cwd.dir, path));
  git('add', '.');
  git('commit', '-q', '-m', message);
}

const V1 = `version: 1\nusers:\n${userYaml('ada@x.io')}`;

describe('loadConfigFromGit', () => {
  beforeEach(() => {
    git('init', '-q', '-b', 'main');
    writeTree(cwd.dir, { 'dialform/offices.yaml': OFFICES_YAML, 'dialform/users/eng.yaml': V1, 'single.yaml': `${OFFICES_YAML}users: []\n` });
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    git('tag', 'v1');
    writeTree(cwd.dir, { 'dialform/users/eng.yaml': `${V1}${userYaml('bob@x.io')}` });
    git('commit', '-q', '-am', 'v2');
  });

  it('reads a directory as it was at a revision, ignoring the work tree', async () => {
    writeFileSync(join(cwd.dir, 'dialform/users/eng.yaml'), 'this: [is broken\n');
    const base = await loadConfigFromGit('v1', 'dialform', cwd.dir);
    expect(base?.tenant.users.map((u) => u.email)).toEqual(['ada@x.io']);
    expect(base?.tenant.users[0]?.source).toBe('v1:dialform/users/eng.yaml:3');
    const head = await loadConfigFromGit('HEAD', 'dialform', cwd.dir);
    expect(head?.tenant.users.map((u) => u.email)).toEqual(['ada@x.io', 'bob@x.io']);
  });

  it('loads the same in a worker thread (plan --base, beside the read), absent and failing alike', async () => {
    for (const [ref, path] of [['v1', 'dialform'], ['HEAD', 'single.yaml'], ['v1', 'not-there']] as const) {
      expect(await loadConfigFromGitBeside(ref, path, cwd.dir, { minBytes: 0 }), `${ref}:${path}`).toStrictEqual(await loadConfigFromGit(ref, path, cwd.dir));
    }
    const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
    const inThread = await failure(loadConfigFromGit('no-such-ref', 'dialform', cwd.dir));
    const beside = await failure(loadConfigFromGitBeside('no-such-ref', 'dialform', cwd.dir, { minBytes: 0 }));
    expect(beside).toBeInstanceOf(UsageError);
    expect((beside as Error).message).toBe((inThread as Error).message);
  });

  it('gives the same digest as loading the same files from disk', async () => {
    const fromGit = await loadConfigFromGit('HEAD', 'dialform', cwd.dir);
    expect(fromGit).toBeDefined();
    expect(digestConfig(fromGit!)).toBe(digestConfig(await loadConfig('dialform')));
  });

  it('takes an absolute path and a working directory below the repository root', async () => {
    const d = await loadConfigFromGit('v1', join(cwd.dir, 'dialform'), join(cwd.dir, 'dialform', 'users'));
    expect(d?.tenant.users.map((u) => u.email)).toEqual(['ada@x.io']);
    expect(d?.files).toEqual([join(cwd.dir, 'dialform', 'offices.yaml'), join(cwd.dir, 'dialform', 'users', 'eng.yaml')]);
  });

  it('reads a single file', async () => {
    const d = await loadConfigFromGit('v1', 'single.yaml', cwd.dir);
    expect(d?.tenant.offices.map((o) => o.key)).toEqual(['hq', 'london']);
  });

  it('returns undefined when the path did not exist at that revision', async () => {
    writeTree(cwd.dir, { 'later.yaml': OFFICES_YAML });
    git('add', 'later.yaml');
    git('commit', '-q', '-m', 'later');
    expect(await loadConfigFromGit('v1', 'later.yaml', cwd.dir)).toBeUndefined();
    expect(await loadConfigFromGit('HEAD', 'later.yaml', cwd.dir)).toBeDefined();
  });

  it('works for a path deleted from the work tree', async () => {
    rmSync(join(cwd.dir, 'dialform'), { recursive: true });
    expect((await loadConfigFromGit('v1', 'dialform', cwd.dir))?.tenant.users).toHaveLength(1);
  });

  it('names the revision in problems of an invalid old config', async () => {
    writeTree(cwd.dir, { 'dialform/users/eng.yaml': 'version: 1\nusers: {}\n' });
    git('commit', '-q', '-am', 'broken');
    const error = await loadConfigFromGit('HEAD', 'dialform', cwd.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('HEAD:dialform/users/eng.yaml:2:8: users must be a list, not a mapping');
  });

  it('throws UsageError for an unknown revision', async () => {
    await expect(loadConfigFromGit('no-such-ref', 'dialform', cwd.dir)).rejects.toThrow(UsageError);
    await expect(loadConfigFromGit('--output=x', 'dialform', cwd.dir)).rejects.toThrow(UsageError);
  });
});

describe('loadConfigFromGit with symbolic links in history (issue 12 #1)', () => {
  beforeEach(() => {
    git('init', '-q', '-b', 'main');
    writeTree(cwd.dir, {
      'dialform/offices.yaml': OFFICES_YAML,
      'dialform/users/eng.yaml': `users:\n${userYaml('ada@x.io')}`,
      'shared/london.yaml': `users:\n${userYaml('bob@x.io', 'london')}`,
      'shared/more/paris.yaml': `users:\n${userYaml('cyd@x.io', 'london')}`,
    });
    symlinkSync('../../shared/london.yaml', join(cwd.dir, 'dialform/users/london.yaml'));
    commitLink('../shared/more', 'dialform/more', 'links');
  });

  it('follows file and directory symlinks stored in history, as the directory walk does (issue 12 #1)', async () => {
    const base = await loadConfigFromGit('HEAD', 'dialform', cwd.dir);
    expect(base?.tenant.users.map((u) => u.email).sort()).toEqual(['ada@x.io', 'bob@x.io', 'cyd@x.io']);
    expect(base?.tenant.users.find((u) => u.email === 'bob@x.io')?.source).toBe('HEAD:dialform/users/london.yaml:2');
    expect(digestConfig(base!)).toBe(digestConfig(await loadConfig('dialform')));
  });

  it('names a dangling symlink in history (issue 12 #1)', async () => {
    commitLink('../../shared/gone.yaml', 'dialform/users/gone.yaml', 'dangling');
    await expect(loadConfigFromGit('HEAD', 'dialform', cwd.dir)).rejects.toThrow(
      new UsageError('HEAD:dialform/users/gone.yaml: dangling symbolic link: its target shared/gone.yaml does not exist at HEAD (or is outside the repository)'),
    );
  });

  it('reports a directory symlink loop in history (issue 12 #1)', async () => {
    commitLink('..', 'dialform/users/again', 'loop');
    await expect(loadConfigFromGit('HEAD', 'dialform', cwd.dir)).rejects.toThrow(/^HEAD:dialform\/users\/again: symbolic link loop/);
  });

  it('follows a chain of file symlinks in history to the blob, reading it once', async () => {
    commitLink('london.yaml', 'dialform/users/z-again.yaml', 'chain');
    const base = await loadConfigFromGit('HEAD', 'dialform', cwd.dir);
    expect(base?.tenant.users.map((u) => u.email).sort()).toEqual(['ada@x.io', 'bob@x.io', 'cyd@x.io']);
  });

  it('reports a file symlink that leads back to itself, and one to an absolute path', async () => {
    commitLink('self.yaml', 'dialform/self.yaml', 'self');
    await expect(loadConfigFromGit('HEAD', 'dialform', cwd.dir)).rejects.toThrow(
      new UsageError('HEAD:dialform/self.yaml: symbolic link loop: more than 40 links in a row'),
    );
    git('rm', '-q', 'dialform/self.yaml');
    commitLink('/etc/hostname', 'dialform/abs.yaml', 'absolute');
    await expect(loadConfigFromGit('HEAD', 'dialform', cwd.dir)).rejects.toThrow(
      new UsageError('HEAD:dialform/abs.yaml: symbolic link to /etc/hostname leads outside the repository'),
    );
  });
});
