import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, resolveConfigPath } from '../../src/config/index.js';
import { isLoopbackAddress } from '../../src/dialpad/connection.js';
import { startEmbeddedEmulator } from '../../src/emulator/index.js';
import { DialformError, UsageError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import type { Io } from '../io.js';
import { EMULATOR_STATE } from '../target.js';

export interface EmulatorConsoleOptions {
  config?: string;
  fixture?: string;
  port: number;
  host: string;
}

/**
 * `dialform emulator console`: serves the embedded emulator's saved state
 * (`.dialform/emulator-state.json`, the one `--emulator` commands use) with its Admin Settings
 * page, until SIGINT/SIGTERM (then exit 0). Each change is written back at once, and a change
 * another command writes is taken up before the next request, so an `apply --emulator` waiting for
 * a manual step continues after the step is done in the page. Seeds the state, when there is none
 * yet, from `--fixture`, else the config's `emulator.fixture`.
 */
export async function runEmulatorConsole(opts: EmulatorConsoleOptions, io: Io): Promise<number> {
  const fixturePath = opts.fixture === undefined ? await readConfigFixture(opts, io) : resolve(io.cwd, opts.fixture);
  const statePath = resolve(io.cwd, EMULATOR_STATE);
  if (fixturePath === undefined && !existsSync(statePath)) {
    throw new DialformError(
      'emulator_fixture_missing',
      `no embedded emulator state at ${EMULATOR_STATE}: run a command with --emulator first, or pass --fixture FILE (or set emulator.fixture in the config) to seed it`,
    );
  }
  const emulator = await startEmbeddedEmulator({
    statePath,
    ...(fixturePath === undefined ? {} : { fixturePath }),
    port: opts.port,
    host: opts.host,
  });
  if (!isLoopbackName(opts.host)) io.err(noLoginWarning(opts.host));
  io.err(`Admin Settings console for the embedded emulator (${EMULATOR_STATE}): ${toLocalUrl(emulator.url)}/_emulator/console\n`);
  io.err('Changes are saved as you make them; rerun `dialform apply --emulator` to continue after a manual step. Ctrl-C stops.\n');
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await emulator.close();
  return EXIT.ok;
}

/** Whether `host` keeps the server on this machine (`localhost` or a loopback address). */
export function isLoopbackName(host: string): boolean {
  return host.toLowerCase() === 'localhost' || isLoopbackAddress(host.replace(/^\[(.*)\]$/, '$1'));
}

/**
 * `url` as this machine's browser reaches it: the console answers only loopback names, so a server
 * bound to every address (`0.0.0.0`, `[::]`) is shown at 127.0.0.1 or [::1].
 */
export function toLocalUrl(url: string): string {
  return url.replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://[::1]:');
}

/** The warning for a `--host` other than loopback: the emulator has no login. */
export function noLoginWarning(host: string): string {
  return (
    `warning: listening on ${host}, not only on this machine: the emulator has no login, so anyone who can reach it ` +
    'can use its API (with any key, unless the fixture lists api_keys); its /_emulator/ console and page still answer only loopback clients.\n'
  );
}

/** The config's `emulator.fixture`, when there is a config; none is not an error (the state may exist). */
async function readConfigFixture(opts: EmulatorConsoleOptions, io: Io): Promise<string | undefined> {
  try {
    return (await loadConfig(resolveConfigPath(io.cwd, opts.config))).emulatorFixture;
  } catch (error) {
    if (opts.config === undefined && error instanceof UsageError) return undefined;
    throw error;
  }
}
