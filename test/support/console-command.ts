/** `dialform emulator console` as a separate process (the built CLI), for tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { DIST_BIN } from './cli.js';

/** `dialform emulator console --port 0` running in `cwd` (a separate process), with the URL it printed. */
export interface ConsoleProcess {
  consoleUrl: string;
  /** What it printed up to the URL. */
  stderr: string;
  stop(): Promise<void>;
}

export async function startConsoleCommand(cwd: string, args: string[] = []): Promise<ConsoleProcess> {
  const started = await spawnConsoleCommand(cwd, args);
  if (started.consoleUrl === undefined) throw new Error(`emulator console exited (${started.code}) before printing its URL: ${started.stderr}`);
  return { consoleUrl: started.consoleUrl, stderr: started.stderr, stop: started.stop };
}

/**
 * Starts `dialform emulator console --port 0 …args` in `cwd`; resolves once it printed the page's
 * URL (with what it printed before), or exited without (with its exit code and output).
 */
export async function spawnConsoleCommand(cwd: string, args: string[] = []): Promise<{ consoleUrl?: string; code?: number | null; stderr: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [DIST_BIN, 'emulator', 'console', '--port', '0', ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let stderr = '';
  const outcome = await new Promise<{ consoleUrl?: string; code?: number | null }>((resolve) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /(http:\/\/\S+\/_emulator\/console)/.exec(stderr);
      if (found?.[1] !== undefined) resolve({ consoleUrl: found[1] });
    });
    void exited.then((code) => resolve({ code }));
  });
  return {
    ...outcome,
    stderr,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
