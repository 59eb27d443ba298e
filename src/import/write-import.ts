import { constants, lstatSync, type Stats } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';

/** One file `import` writes, at `path` relative to the output directory. */
export interface ImportFile {
  path: string;
  text: string;
}

/**
 * Writes `files` under `outDir`, never through a symbolic link: the output directory, every
 * directory below it and every file are checked (with `lstat`) before anything is written, and
 * files are opened without following a link (`O_NOFOLLOW`; new files with `O_EXCL`). An existing
 * file is overwritten only with `force`. Every refusal is a `UsageError` naming the path (relative
 * to `cwd`); nothing is written when any is found.
 */
export async function writeImportFiles(outDir: string, files: readonly ImportFile[], options: { cwd: string; force?: boolean }): Promise<void> {
  const shown = (path: string): string => relative(options.cwd, path).split(sep).join('/') || '.';
  const problems: string[] = [];
  const existing: string[] = [];
  const checkedDirs = new Set<string>();
  for (const file of files) {
    const path = join(outDir, file.path);
    for (const dir of directoriesBetween(outDir, dirname(path))) {
      if (checkedDirs.has(dir)) continue;
      checkedDirs.add(dir);
      const problem = describeDirectory(dir, lstatOrUndefined(dir, shown), shown);
      if (problem !== undefined) problems.push(problem);
    }
    const info = lstatOrUndefined(path, shown);
    if (info === undefined) continue;
    if (info.isSymbolicLink()) problems.push(`${shown(path)}: is a symbolic link; import never writes through one. Remove it or choose another -o directory.`);
    else if (!info.isFile()) problems.push(`${shown(path)}: exists and is not a regular file; remove it or choose another -o directory.`);
    else existing.push(shown(path));
  }
  if (problems.length > 0) throw new UsageError(`${problems.join('\n')}\nNothing was written.`);
  if (existing.length > 0 && !options.force) {
    throw new UsageError(`import would overwrite ${existing.join(', ')}; nothing was written. Pass --force to overwrite.`);
  }
  for (const file of files) {
    const path = join(outDir, file.path);
    try {
      await mkdir(dirname(path), { recursive: true });
      const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (options.force ? constants.O_TRUNC : constants.O_EXCL);
      const handle = await open(path, flags, 0o666);
      try {
        await handle.writeFile(file.text);
      } finally {
        await handle.close();
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      // ELOOP: the file became a symbolic link after the check; EEXIST: it appeared after it.
      const why = code === 'ELOOP' ? 'is a symbolic link; import never writes through one' : `cannot be written (${code})`;
      throw new UsageError(`${shown(path)}: ${why}.`);
    }
  }
}

/** `outDir` and each directory below it down to `dir` (which is inside `outDir` or equal to it). */
function directoriesBetween(outDir: string, dir: string): string[] {
  const rel = relative(outDir, dir);
  const dirs = [outDir];
  let at = outDir;
  for (const segment of rel === '' ? [] : rel.split(sep)) {
    at = join(at, segment);
    dirs.push(at);
  }
  return dirs;
}

function describeDirectory(dir: string, info: Stats | undefined, shown: (path: string) => string): string | undefined {
  if (info === undefined || info.isDirectory()) return undefined;
  if (info.isSymbolicLink()) return `${shown(dir)}: is a symbolic link; import never writes through one. Pass the directory it points to, or remove it.`;
  return `${shown(dir)}: exists and is not a directory; -o names the directory to write the config files into.`;
}

function lstatOrUndefined(path: string, shown: (path: string) => string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // ENOTDIR: a parent is a file, which the directory check reports.
    if (code === 'ENOTDIR') return undefined;
    throw new UsageError(`${shown(path)}: cannot be checked (${code ?? String(e)})`);
  }
}
