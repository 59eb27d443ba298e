/** Runs the dialform CLI as one node process and SIGKILLs it the moment a write makes the emulator's state match. */
import { spawn } from 'node:child_process';
import type { Emulator, Fixture } from '../../src/emulator/index.js';
import { DIST_BIN } from './cli.js';

export interface KilledRun {
  /** Writes the emulator had taken when the kill was sent; -1 if the CLI exited on its own first. */
  killedAt: number;
  /** `SIGKILL`, or the exit code if the CLI exited on its own. */
  exit: NodeJS.Signals | number | null;
  stderr: string;
}

/**
 * Spawns `dialform ...args` in `cwd` and kills it with SIGKILL from the emulator's change
 * listener on the first write after which `killWhen(state, writes)` holds, before the emulator
 * answers that write: the CLI never sees its response. One node process running the built CLI,
 * so the signal lands on the process doing the writes.
 */
export async function runCliKilledMidWrite(opts: {
  emulator: Emulator;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  killWhen: (state: Fixture, writes: number) => boolean;
}): Promise<KilledRun> {
  const child = spawn(process.execPath, [DIST_BIN, ...opts.args], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...opts.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  let writes = 0;
  let stop: () => void = () => undefined;
  const killed = new Promise<number>((resolve) => {
    stop = opts.emulator.onChange((state) => {
      writes++;
      if (opts.killWhen(state, writes)) {
        child.kill('SIGKILL');
        stop();
        resolve(writes);
      }
    });
  });
  const killedAt = await Promise.race([killed, exited.then(() => -1)]);
  stop();
  return { killedAt, exit: await exited, stderr };
}
