/**
 * Runs `git` (a child process, no shell) for the parts of dialform that read a config's history:
 * `plan --base` (`config/load-from-git.ts`) and apply's config-order check (`apply/applied-config.ts`).
 * A failing command rejects with execFile's error, whose `code` is git's exit status.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `git ARGS` in `cwd`, its output as bytes (a config blob is decoded by the caller, which reports bad UTF-8). */
export async function gitBytes(cwd: string, args: string[]): Promise<Buffer> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' });
  return stdout;
}

/** `git ARGS` in `cwd`, its output as text. */
export async function git(cwd: string, args: string[]): Promise<string> {
  return (await gitBytes(cwd, args)).toString('utf8');
}
