/**
 * The embedded emulator behind `--emulator`: state persists in a fixture-format file between
 * invocations, so `plan` → `apply` → `plan` converges across separate commands.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DialformError } from '../errors.js';
import { writeStateFile } from './embedded-file.js';
import { FixtureError } from './fixture-error.js';
import { loadFixture } from './fixture.js';
import { performManualStep, type EmulatorStep } from './manual-steps.js';
import { createEmulator } from './server.js';
import { openSharedStateFile } from './state-file.js';
import { Store } from './store.js';
import type { Fixture } from './types.js';

/** The key the embedded emulator hands out when the fixture lists no `api_keys`. */
export const EMBEDDED_API_KEY = 'dialform-emulator-key';

export interface EmbeddedEmulator {
  url: string;
  apiKey: string;
  /** The fixture the persisted state was seeded from (absolute path), when known. */
  seededFrom?: string;
  close(): Promise<void>;
}

/** The sidecar file naming the fixture a state file was seeded from. */
function seedRecordPath(statePath: string): string {
  return `${statePath}.seed`;
}


/**
 * Serves the state in `statePath` on a loopback port (`port` 0, the default, picks a free one;
 * `host` 127.0.0.1 unless given). The state is seeded from `fixturePath` when the file does not
 * exist yet or when `reset` is set, and written back after every request that changed it (before
 * that request's response is sent); before every request, a state another process wrote to the
 * file since is taken up (`openSharedStateFile`).
 */
export async function startEmbeddedEmulator(opts: { fixturePath?: string; statePath: string; reset?: boolean; port?: number; host?: string }): Promise<EmbeddedEmulator> {
  const seed = opts.reset === true || !existsSync(opts.statePath);
  let fixture: Fixture;
  if (seed) {
    if (!opts.fixturePath) {
      throw new DialformError(
        'emulator_fixture_missing',
        `no emulator state at ${opts.statePath} and no fixture to seed it from: pass --emulator FIXTURE or set emulator.fixture in the config`,
      );
    }
    fixture = await loadFixture(opts.fixturePath);
    writeStateFile(opts.statePath, fixture);
    writeFileSync(seedRecordPath(opts.statePath), `${opts.fixturePath}\n`);
  } else {
    fixture = await loadFixture(opts.statePath);
  }
  const seededFrom = seed ? opts.fixturePath : readSeedRecord(opts.statePath);
  const file = openSharedStateFile(opts.statePath);
  const emulator = createEmulator({ fixture, rateLimit: 0, reloadFrom: () => file.readIfChanged() });
  emulator.onChange((snap) => file.write(snap));
  const running = await emulator.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  const companyKey = fixture.api_keys?.find((k) => k.scope === 'company')?.key;
  if (fixture.api_keys && !companyKey) {
    await running.close();
    throw new FixtureError([{ file: opts.statePath, line: 1, col: 1, message: 'api_keys lists no company-scoped key for the embedded emulator to use' }]);
  }
  return {
    url: running.url,
    apiKey: companyKey ?? EMBEDDED_API_KEY,
    ...(seededFrom === undefined ? {} : { seededFrom }),
    close: running.close,
  };
}

function readSeedRecord(statePath: string): string | undefined {
  try {
    return readFileSync(seedRecordPath(statePath), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Does a plan's manual step on the embedded emulator's saved state (`dialform emulator do`), as a
 * person would in Dialpad's UI between two `--emulator` commands; returns what was done. The
 * state is written back only when the step succeeded.
 */
export async function performOnSavedState(statePath: string, step: EmulatorStep, now: () => Date = () => new Date()): Promise<string> {
  if (!existsSync(statePath)) {
    throw new DialformError(
      'emulator_fixture_missing',
      `no embedded emulator state at ${statePath}: run a command with --emulator first (e.g. dialform plan --emulator), then do the step`,
    );
  }
  const store = new Store(await loadFixture(statePath), now);
  const done = performManualStep(store, step);
  writeStateFile(statePath, store.snapshot());
  return done;
}
