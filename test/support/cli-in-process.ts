/**
 * Runs `dialform ...args` in this process: the same command tree (`cmd/program.ts` `run`) the
 * built bin runs, with an `Io` that captures what it prints. For tests of what a command decides
 * and prints (plan, apply, status, emulator do on the embedded emulator), where starting the
 * built CLI costs ~0.7 s of CPU per call and tests nothing more. What only a process shows (start-up,
 * signals, exit status as a shell sees it, stdout/stderr pipes, the bin's dispatcher) stays with
 * `runCli` (cli.ts) in test/integration.
 */
import { run } from '../../cmd/program.js';
import type { Io } from '../../cmd/io.js';
import { createKeyScrubber } from '../../src/dialpad/scrub-secret.js';
import type { CliResult } from './cli.js';

/** Calls run one at a time: each holds the process's working directory while it runs. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * `runCli`'s contract in-process: the environment is clean of Dialpad settings unless `env` sets
 * them, no colour, not a terminal (no prompts). The working directory is `cwd` while the command
 * runs (file names in messages are relative to it, as in a shell) and restored afterwards.
 */
export function runCliInProcess(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const result = queue.then(() => runInCwd(args, opts));
  queue = result.catch(() => undefined);
  return result;
}

async function runInCwd(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...opts.env };
  // As processIo: the key in the environment is hidden from the start, and any key a command learns once it does.
  const scrubbers: Array<(text: string) => string> = [];
  const scrub = (text: string): string => scrubbers.reduce((t, f) => f(t), text);
  const hideSecret = (secret: string): void => {
    if (secret.trim() !== '') scrubbers.push(createKeyScrubber(secret.trim()));
  };
  hideSecret(env['DIALPAD_API_KEY'] ?? '');
  const io: Io = {
    out: (text) => void (stdout += scrub(text)),
    err: (text) => void (stderr += scrub(text)),
    hideSecret,
    color: false,
    errIsTty: false,
    interactive: false,
    confirm: () => Promise.reject(new Error('not a terminal: a command asked for confirmation')),
    env,
    cwd: opts.cwd,
  };
  const previous = process.cwd();
  process.chdir(opts.cwd);
  try {
    const code = await run(args, io);
    return { code, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}
