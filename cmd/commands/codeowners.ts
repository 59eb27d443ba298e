import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { loadConfig, resolveConfigPath } from '../../src/config/index.js';
import { DialformError, UsageError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import { buildCodeownersEntries, CODEOWNERS_MAX_BYTES, renderCodeownersBlock, spliceCodeownersBlock } from '../../src/owners/codeowners.js';
import type { Io } from '../io.js';
import { findRepositoryRoot, mapRepoPaths } from '../repo-paths.js';

/** Where GitHub looks for CODEOWNERS, in its order: the first that exists is the one it uses. */
const CODEOWNERS_PLACES = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/**
 * `dialform codeowners`: writes the CODEOWNERS lines for each config file from the config's
 * owners (docs/owners.md) into dialform's block of the repository's CODEOWNERS file, keeping every
 * other line. `--check` writes nothing and fails with `codeowners_stale` when the file is not what
 * this command would write (for CI). Files nobody owns are named on stderr.
 */
export async function runCodeowners(opts: { config?: string; file?: string; check?: boolean }, io: Io): Promise<number> {
  const configPath = resolveConfigPath(io.cwd, opts.config);
  const desired = await loadConfig(configPath);
  const root = await findRepositoryRoot(configPath);
  const repoPath = await mapRepoPaths(root, desired.owners.files.map((f) => f.file));
  const { entries, unowned } = buildCodeownersEntries(desired.owners, repoPath);
  for (const path of unowned) io.err(`warning: ${path} has no owners: give its offices, groups or the company owners (docs/owners.md)\n`);

  const target = opts.file === undefined ? defaultCodeownersFile(root) : resolve(io.cwd, opts.file);
  const shown = relative(io.cwd, target) || target;
  const existing = existsSync(target) ? await readFile(target, 'utf8') : undefined;
  const wanted = spliceCodeownersBlock(existing, renderCodeownersBlock(entries));
  if (Buffer.byteLength(wanted) >= CODEOWNERS_MAX_BYTES) throw new UsageError(`${shown} would be over 3 MB, which GitHub ignores: give owners to fewer, larger files`);
  if (wanted === existing) {
    io.out(`${shown} is current: ${entries.length} dialform entries.\n`);
    return EXIT.ok;
  }
  if (opts.check === true) {
    throw new DialformError('codeowners_stale', `${shown} is not current with the config's owners: run \`dialform codeowners\` and commit ${shown}`);
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, wanted);
  io.out(`Wrote ${entries.length} dialform entries to ${shown}.\n`);
  return EXIT.ok;
}

function defaultCodeownersFile(root: string): string {
  const found = CODEOWNERS_PLACES.map((p) => join(root, p)).find((p) => existsSync(p));
  return found ?? join(root, CODEOWNERS_PLACES[0] as string);
}
