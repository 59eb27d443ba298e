/**
 * vitest globalSetup of the projects that start the CLI as a process (they run the built
 * `dist/cmd/dialform.js`, see cli.ts): once per run, before any test, it rebuilds `dist/` with
 * `npm run build` unless the build is complete and newer than every input. A test run therefore
 * never tests a stale build, and costs nothing extra when `npm ci` (whose `prepare` builds) or a
 * previous run already built it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './cli.js';

/** What the build reads: a change to any of them (an edit, a new or deleted file) makes `dist/` stale. */
const INPUTS = ['src', 'cmd', 'package.json', 'tsconfig.json', 'scripts/build-cli.mjs', 'scripts/esbuild-options.mjs'];

/** Newest modification time under `path` (directories count: deleting a file changes its directory's). */
export function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why `<root>/dist/` must be rebuilt, or undefined when it is up to date. */
export function whyStale(root: string = ROOT): string | undefined {
  const bin = join(root, 'dist', 'cmd', 'dialform.js');
  // Copied by the build's last step (scripts/build-cli.mjs): absent after a build that failed part way.
  const finished = join(root, 'dist', 'cmd', 'console-page');
  if (!existsSync(bin)) return 'dist/cmd/dialform.js does not exist';
  if (!existsSync(finished)) return 'the last build did not finish';
  const built = statSync(bin).mtimeMs;
  const changed = INPUTS.find((input) => existsSync(join(root, input)) && newestMtime(join(root, input)) > built);
  return changed === undefined ? undefined : `${changed} changed since the last build`;
}

export default async function buildDist(): Promise<void> {
  const reason = whyStale();
  if (reason === undefined) return;
  const started = Date.now();
  try {
    await promisify(execFile)('npm', ['run', '--silent', 'build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`the CLI tests run the built CLI, and \`npm run build\` failed (${reason}):\n${stdout}${stderr}`);
  }
  process.stderr.write(`dist/ rebuilt for the CLI tests (${reason}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
