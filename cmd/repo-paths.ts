import { statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { UsageError } from '../src/errors.js';
import { git } from '../src/git.js';

/** The root of the git repository holding the config at `configPath` (real path). */
export async function findRepositoryRoot(configPath: string): Promise<string> {
  const dir = statSync(configPath).isDirectory() ? configPath : dirname(configPath);
  try {
    return await realpath((await git(dir, ['rev-parse', '--show-toplevel'])).trim());
  } catch {
    throw new UsageError(`the config must be inside a git repository to name its files as GitHub does: ${relative(process.cwd(), dir) || '.'} is not in one`);
  }
}

/**
 * `abs → repository-relative path` (`/`-separated) for config files, through the real path of each
 * file's directory (the file itself may be a link: git tracks the link's path).
 */
export async function mapRepoPaths(root: string, files: readonly string[]): Promise<(abs: string) => string> {
  const paths = new Map<string, string>();
  for (const file of files) {
    // A file of the config at an older revision may be in a directory the work tree no longer has.
    const dir = await realpath(dirname(file)).catch(() => dirname(file));
    paths.set(file, relative(root, join(dir, basename(file))).split(sep).join('/'));
  }
  return (abs) => paths.get(abs) ?? abs;
}
