import { readlink, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { compareCodeUnits } from '../model/compare.js';
import { escapeControl } from './check-strings.js';

/** Code-unit order of paths, so every machine merges files in the same order. */
const comparePaths = compareCodeUnits;

/** True for the file names a config directory is made of. */
export function isConfigFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/**
 * The config files under directory `root`: every `*.yaml`/`*.yml` file, recursively, sorted by
 * path, skipping entries whose name starts with ".". Symbolic links to files and directories are
 * followed, never skipped: a file reached twice (through a link and directly, or through two links)
 * is read once, at its first path in path order. A dangling link, a link loop, a directory link
 * back to a directory it is inside of, or a `*.yaml` entry that is not a regular file is an error
 * naming the entry (`file: message`); all of them are reported together. `display` turns an
 * absolute path into the path shown to the user.
 */
export async function listConfigFiles(root: string, display: (abs: string) => string): Promise<string[]> {
  // A file name may hold a newline: escape it so each problem stays on one line.
  const walk: WalkState = { display: (abs) => escapeControl(display(abs)), problems: [], files: [], seenDirs: new Set() };
  await walkDirectory(walk, root, [await realpath(root)]);
  if (walk.problems.length > 0) throw new UsageError(walk.problems.join('\n'));
  return firstPathPerTarget(walk.files).map((f) => f.path);
}

/**
 * `files` sorted by `path`, keeping only the first of those that lead to the same `real` target:
 * a file reached twice (through a link and directly, or through two links) is read once, at its
 * first path in path order. Shared by the directory walk and the walk of a tree in git history.
 */
export function firstPathPerTarget<T extends { path: string; real: string }>(files: readonly T[]): T[] {
  const seen = new Set<string>();
  return [...files]
    .sort((a, b) => comparePaths(a.path, b.path))
    .filter((f) => {
      if (seen.has(f.real)) return false;
      seen.add(f.real);
      return true;
    });
}

interface WalkState {
  display: (abs: string) => string;
  /** `file: message` lines. */
  problems: string[];
  /** Files as reached, with their real paths, before de-duplication. */
  files: { path: string; real: string }[];
  /** Real paths of directories already walked (a directory reached twice is walked once). */
  seenDirs: Set<string>;
}

/**
 * Walks `dir`, whose real path is the last of `ancestors` (the real paths of every directory from
 * the root down to `dir`, for loop detection).
 */
async function walkDirectory(walk: WalkState, dir: string, ancestors: readonly string[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => comparePaths(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (!entry.isSymbolicLink()) {
      if (entry.isDirectory()) await enterDirectory(walk, path, await realpath(path), ancestors);
      else if (isConfigFileName(entry.name)) addFile(walk, path, await realpath(path), entry.isFile());
      continue;
    }
    const target = await followLink(walk, path);
    if (target === undefined) continue;
    if (target.isDirectory) await enterDirectory(walk, path, target.real, ancestors);
    else if (isConfigFileName(entry.name)) addFile(walk, path, target.real, target.isFile);
  }
}

async function enterDirectory(walk: WalkState, path: string, real: string, ancestors: readonly string[]): Promise<void> {
  if (ancestors.includes(real)) {
    walk.problems.push(`${walk.display(path)}: symbolic link loop: this directory leads back to ${walk.display(real)}, which contains it; remove the link`);
    return;
  }
  if (walk.seenDirs.has(real)) return;
  walk.seenDirs.add(real);
  await walkDirectory(walk, path, [...ancestors, real]);
}

function addFile(walk: WalkState, path: string, real: string, isFile: boolean): void {
  if (!isFile) {
    walk.problems.push(`${walk.display(path)}: not a regular file; a config file must be a plain file (or a symbolic link to one)`);
    return;
  }
  walk.files.push({ path, real });
}

/** The link's real target, or `undefined` after recording why it cannot be followed. */
async function followLink(walk: WalkState, path: string): Promise<{ real: string; isDirectory: boolean; isFile: boolean } | undefined> {
  const shown = walk.display(path);
  try {
    const info = await stat(path);
    return { real: await realpath(path), isDirectory: info.isDirectory(), isFile: info.isFile() };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const to = escapeControl(await readlink(path).catch(() => '?'));
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      walk.problems.push(`${shown}: dangling symbolic link: its target ${to} does not exist`);
    } else if (code === 'ELOOP') {
      walk.problems.push(`${shown}: symbolic link loop: ${to} leads back to itself`);
    } else {
      walk.problems.push(`${shown}: cannot follow symbolic link to ${to} (${code ?? String(e)})`);
    }
    return undefined;
  }
}
