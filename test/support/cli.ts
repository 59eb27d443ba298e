/** Runs the dialform CLI as a separate process (the built `dist/`, see test/support/build-dist.ts) and captures its output. */
import { execFile } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * The built CLI, as `npm install` users run it. The integration project's globalSetup
 * (test/support/build-dist.ts) brings it up to date with src/ and cmd/ before any test runs, so
 * a test never runs a stale build. Started with `node` directly: one process, ~0.7 s to start
 * (through tsx it was 3.5 s).
 */
export const DIST_BIN = join(ROOT, 'dist', 'cmd', 'dialform.js');
/** `node <dist bin>`: the command line a shell runs for `dialform` (split on spaces, as action/dialform-action.sh does). */
export const DIALFORM_COMMAND = `${process.execPath} ${DIST_BIN}`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dialform ...args` in `cwd`. The environment is clean of Dialpad settings unless `env` sets them. */
export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...opts.env };
  return new Promise((resolve) => {
    execFile(process.execPath, [DIST_BIN, ...args], { cwd: opts.cwd, env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A scratch copy of `examples/<name>` in a new temporary directory; returns the copy's path. */
export async function scratchCopy(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `dialform-${name}-`));
  await cp(join(ROOT, 'examples', name), join(dir, name), { recursive: true });
  return dir;
}
