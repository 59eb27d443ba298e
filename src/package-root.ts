import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BugError } from './errors.js';

/**
 * The package root: the nearest directory above this module holding `package.json`. Modules run
 * from `src/` under tsx and vitest and from `dist/src/` when built; the shipped `schemas/` sit at
 * the root in both layouts.
 */
export function findPackageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new BugError(`no package.json above ${from}`);
    dir = parent;
  }
}

/** Absolute path of a file in the shipped `schemas/` directory. */
export function schemaPath(name: string): string {
  return join(findPackageRoot(), 'schemas', name);
}

/** The `version` of dialform's own package.json (what `--version` prints). */
export function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new BugError('package.json has no version');
  return pkg.version;
}
