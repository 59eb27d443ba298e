import { posix, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { git, gitBytes } from '../git.js';
import type { DesiredState } from '../model/tenant.js';
import { firstPathPerTarget, isConfigFileName } from './list-config-files.js';
import { decodeSource, displayPath, loadConfigSources } from './load-config.js';
import type { ConfigSource } from './yaml-file.js';

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
    const dir = rel === '' ? '.' : rel;
    // A blob reached twice (directly and through a link) is read once, at its first path.
    entries = firstPathPerTarget(await listGitTree({ cwd, sha, ref }, dir, [dir])).map((f) => ({ name: revPath(f.real), abs: resolve(cwd, f.path) }));
    if (entries.length === 0) throw new UsageError(`config directory ${rel} holds no *.yaml or *.yml files at ${ref}`);
  } else {
    entries = [{ name: spec, abs }];
  }
  const sources: ConfigSource[] = [];
  for (const entry of entries) {
    const bytes = await gitBytes(cwd, ['cat-file', 'blob', `${sha}:${entry.name}`]);
    sources.push(decodeSource(`${ref}:${displayPath(entry.abs)}`, entry.abs, bytes));
  }
  return loadConfigSources(sources, { checkFixture: false });
}

interface GitTree {
  cwd: string;
  sha: string;
  ref: string;
}

/** Most symbolic links followed in a row before calling it a loop (as Linux's ELOOP does). */
const MAX_LINK_HOPS = 40;

/**
 * The config files in the tree at `dir` (relative to `cwd`), following symbolic links stored in
 * history as the directory walk does on disk: `path` is the path as reached (through links),
 * `real` the path of the blob to read. `ancestors` are the resolved trees being listed, for loop
 * detection. A dangling link, a loop or a link out of the repository is a `UsageError`.
 */
async function listGitTree(tree: GitTree, dir: string, ancestors: readonly string[]): Promise<{ path: string; real: string }[]> {
  // --full-tree: without it ls-tree filters names by the directory git runs in, even for a sub-tree.
  const listing = await git(tree.cwd, ['ls-tree', '-r', '-z', '--full-tree', `${tree.sha}:${revPath(dir)}`]);
  const found: { path: string; real: string }[] = [];
  for (const record of listing.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, , object] = record.slice(0, tab).split(' ');
    const name = record.slice(tab + 1);
    if (name.split('/').some((seg) => seg.startsWith('.'))) continue;
    const shown = posix.join(dir, name);
    if (mode !== '120000') {
      if (isConfigFileName(name)) found.push({ path: shown, real: shown });
      continue;
    }
    const target = await followGitLink(tree, shown, object ?? '');
    if (target.type === 'blob') {
      if (isConfigFileName(name)) found.push({ path: shown, real: target.path });
      continue;
    }
    // `shown` is where the link really is (`dir` is a resolved tree): a tree holding its own link,
    // or one being listed already, would be listed forever.
    if (contains(target.path, shown) || ancestors.includes(target.path)) {
      throw new UsageError(`${tree.ref}:${shown}: symbolic link loop: this directory leads back to ${target.path}, which contains it; remove the link`);
    }
    const inner = await listGitTree(tree, target.path, [...ancestors, target.path]);
    found.push(...inner.map((f) => ({ path: posix.join(shown, posix.relative(target.path, f.path)), real: f.real })));
  }
  return found;
}

/**
 * The blob or tree a symbolic link in history leads to, as a path relative to `cwd`. `object` is
 * the link's own blob, from the listing that found it (so the link is not looked up again).
 */
async function followGitLink(tree: GitTree, link: string, object: string): Promise<{ path: string; type: 'blob' | 'tree' }> {
  const hop = async (from: string, blob: string): Promise<string> => {
    const target = await git(tree.cwd, ['cat-file', 'blob', blob]);
    if (posix.isAbsolute(target)) throw new UsageError(`${tree.ref}:${link}: symbolic link to ${target} leads outside the repository`);
    return posix.normalize(posix.join(posix.dirname(from), target));
  };
  let at = await hop(link, object);
  for (let hops = 1; hops < MAX_LINK_HOPS; hops++) {
    const entry = await git(tree.cwd, ['ls-tree', '-z', tree.sha, '--', at]).catch(() => '');
    const [mode, type, blob] = entry.slice(0, Math.max(0, entry.indexOf('\t'))).split(' ');
    if (mode === undefined || mode === '' || (type !== 'blob' && type !== 'tree')) {
      throw new UsageError(`${tree.ref}:${link}: dangling symbolic link: its target ${at} does not exist at ${tree.ref} (or is outside the repository)`);
    }
    if (mode !== '120000') return { path: at, type };
    at = await hop(at, blob ?? '');
  }
  throw new UsageError(`${tree.ref}:${link}: symbolic link loop: more than ${MAX_LINK_HOPS} links in a row`);
}

/** True when the tree at `tree` holds `path` (both relative to the working directory). */
function contains(tree: string, path: string): boolean {
  return tree === '.' ? !path.startsWith('../') : path === tree || path.startsWith(`${tree}/`);
}

/** `path` (relative to the working directory) as a revision path: `REV:./path`, `REV:../path`. */
function revPath(path: string): string {
  return path === '.' || path.startsWith('../') ? path : `./${path}`;
}
