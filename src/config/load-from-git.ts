import { execFile } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../errors.js';
import type { DesiredState } from '../model/tenant.js';
import { comparePaths, isConfigFileName } from './list-config-files.js';
import { decodeSource, displayPath, loadConfigSources } from './load-config.js';
import type { ConfigSource } from './yaml-file.js';

const run = promisify(execFile);

/**
 * The config at `path` as it was at git revision `ref` (for `plan --base REF`), read with
 * `git cat-file`/`git ls-tree` in `cwd` without touching the work tree. Returns `undefined` when
 * the path did not exist at that revision. Problems are reported as `REF:file:LINE:COL`; the
 * emulator fixture is not checked (it belongs to the work tree, not to history).
 */
export async function loadConfigFromGit(ref: string, path: string, cwd: string): Promise<DesiredState | undefined> {
  if (ref.startsWith('-')) throw new UsageError(`invalid git revision "${ref}"`);
  const commit = await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => undefined);
  if (commit === undefined) throw new UsageError(`git revision "${ref}" not found in ${displayPath(resolve(cwd))} (is it a git repository, and is the ref fetched?)`);
  const sha = commit.trim();
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs).split('\\').join('/');
  // `REV:./path` and `REV:../path` are relative to the directory git runs in (gitrevisions(7)).
  const spec = rel === '' ? '.' : `./${rel}`;
  const type = await git(cwd, ['cat-file', '-t', `${sha}:${spec}`]).catch(() => undefined);
  if (type === undefined) return undefined;

  let entries: { name: string; abs: string }[];
  if (type.trim() === 'tree') {
    // --full-tree: without it ls-tree filters names by the directory git runs in, even for a sub-tree.
    const listing = await git(cwd, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', `${sha}:${spec}`]);
    entries = listing
      .split('\0')
      .filter((name) => name !== '' && isConfigFileName(name) && !name.split('/').some((seg) => seg.startsWith('.')))
      .sort(comparePaths)
      .map((name) => ({ name: `${spec}/${name}`, abs: resolve(abs, name) }));
    if (entries.length === 0) throw new UsageError(`config directory ${rel} holds no *.yaml or *.yml files at ${ref}`);
  } else {
    entries = [{ name: spec, abs }];
  }
  const sources: ConfigSource[] = [];
  for (const entry of entries) {
    const { stdout } = await run('git', ['cat-file', 'blob', `${sha}:${entry.name}`], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' });
    sources.push(decodeSource(`${ref}:${displayPath(entry.abs)}`, entry.abs, stdout));
  }
  return loadConfigSources(sources, { checkFixture: false });
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}
