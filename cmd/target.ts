import { join, relative, resolve } from 'node:path';
import { createDialpadClient, resolveConnection, type DialpadClient, type RequestEvent } from '../src/dialpad/index.js';
import { UsageError } from '../src/errors.js';
import type { DesiredState } from '../src/model/tenant.js';
import type { Rehearsal } from '../src/plan/rehearsal.js';
import type { Io } from './io.js';

/** Where the embedded emulator keeps its state between commands (git-ignored). */
export const EMULATOR_STATE = join('.dialform', 'emulator-state.json');

export interface ConnectionOptions {
  apiUrl?: string;
  apiKeyFile?: string;
  /** `true` for a bare `--emulator`, the fixture path when one is given. */
  emulator?: boolean | string;
  emulatorReset?: boolean;
  rateLimit?: number;
  /** `--request-timeout`: each API request's total deadline, in seconds. */
  requestTimeout?: number;
  verbose?: boolean;
  /** Not a flag: called with every HTTP attempt the client makes (`doctor` inspects them). */
  observe?: (event: RequestEvent) => void;
}

/** A connected client and how to let it go. */
export interface Target {
  client: DialpadClient;
  /** Human-readable, key-free description: `https://dialpad.com` or `the embedded emulator`. */
  label: string;
  /** True for the embedded emulator: plans name `dialform emulator do` for their manual steps. */
  rehearsing: boolean;
  close(): Promise<void>;
}

/** What a plan made against `target` needs to know of a rehearsal (`-c` as given, for `emulator do`). */
export function rehearsalOf(target: Target, config: string | undefined): { rehearsal?: Rehearsal } {
  if (!target.rehearsing) return {};
  return { rehearsal: config === undefined ? {} : { config } };
}

/**
 * Connects to Dialpad, or with `--emulator` starts the embedded emulator on a loopback port,
 * seeded from the given fixture, else the config's `emulator.fixture`.
 */
export async function openTarget(opts: ConnectionOptions, io: Io, desired?: DesiredState, signal?: AbortSignal): Promise<Target> {
  const log = opts.verbose ? (line: string) => io.err(`${line}\n`) : undefined;
  const deadlineMs = opts.requestTimeout === undefined ? undefined : opts.requestTimeout * 1000;
  if (opts.emulator !== undefined && opts.emulator !== false) {
    const fixturePath = typeof opts.emulator === 'string' ? resolve(io.cwd, opts.emulator) : desired?.emulatorFixture;
    // Loaded only here: a plan against Dialpad never needs the emulator.
    const { startEmbeddedEmulator } = await import('../src/emulator/embedded.js');
    const emulator = await startEmbeddedEmulator({
      fixturePath,
      statePath: resolve(io.cwd, EMULATOR_STATE),
      reset: opts.emulatorReset === true,
    });
    if (fixturePath && emulator.seededFrom && emulator.seededFrom !== fixturePath) {
      io.err(
        `note: the embedded emulator continues from its saved state (${EMULATOR_STATE}, seeded from ` +
          `${relative(io.cwd, emulator.seededFrom)}), not from ${relative(io.cwd, fixturePath)}; ` +
          'add --emulator-reset to start over from that fixture.\n',
      );
    }
    // The client's default limit is Dialpad's 20 requests per second, a courtesy to Dialpad; the
    // embedded emulator runs in this process and has no limit, so none is kept unless --rate-limit asks.
    await io.prepareNetwork?.();
    const client = createDialpadClient({ baseUrl: emulator.url, apiKey: emulator.apiKey, rateLimit: opts.rateLimit ?? Infinity, deadlineMs, log, signal, onRequest: opts.observe });
    return { client, label: 'the embedded emulator', rehearsing: true, close: () => emulator.close() };
  }
  if (opts.emulatorReset) throw new UsageError('--emulator-reset only makes sense with --emulator');
  const connection = await resolveConnection({ apiUrl: opts.apiUrl, apiKeyFile: opts.apiKeyFile, env: io.env });
  io.hideSecret?.(connection.apiKey);
  await io.prepareNetwork?.();
  const client = createDialpadClient({ ...connection, rateLimit: opts.rateLimit, deadlineMs, log, signal, onRequest: opts.observe });
  return { client, label: connection.baseUrl, rehearsing: false, close: async () => {} };
}

/**
 * `openTarget` while the config is still loading (`loading`), so the read can start beside the
 * load. A bare `--emulator` seeds from the config's `emulator.fixture` and waits for it; any
 * other target does not, and if it cannot be opened, a config that fails to load is still the
 * error reported (as when the config loaded first). A config that fails to load, or closing the
 * target, stops the client (`signal`): its read is of no use, and the error is not kept waiting
 * for it.
 */
export async function openTargetBeside(opts: ConnectionOptions, io: Io, loading: Promise<DesiredState | undefined>): Promise<Target> {
  if (opts.emulator === true) return openTarget(opts, io, await loading);
  const stop = new AbortController();
  loading.catch(() => stop.abort());
  let target: Target;
  try {
    target = await openTarget(opts, io, undefined, stop.signal);
  } catch (err) {
    await loading;
    throw err;
  }
  // Closing stops the client too: a command that ends early (another input failed: `--base`, the
  // journal, the confirmations file) does not wait for a read started beside the load.
  return { ...target, close: () => (stop.abort(), target.close()) };
}
