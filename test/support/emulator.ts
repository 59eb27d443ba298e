/** A standalone emulator over loopback for tests that drive the CLI as a separate process. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createEmulator, parseFixture, type Emulator } from '../../src/emulator/index.js';
import { ROOT } from './cli.js';

export interface RunningEmulator {
  emulator: Emulator;
  url: string;
  /** Environment that points the CLI at this emulator. */
  env: Record<string, string>;
  /** POSTs JSON to the emulator console (`/_emulator/...`), as an admin in Dialpad's UI would act. */
  console(path: string, body: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startEmulator(fixturePath: string, opts: { faults?: string; latencyMs?: number } = {}): Promise<RunningEmulator> {
  const fixture = parseFixture(await readFile(fixturePath, 'utf8'), fixturePath);
  const emulator = createEmulator({ fixture, faults: opts.faults, latencyMs: opts.latencyMs });
  const server = await emulator.listen(0);
  return {
    emulator,
    url: server.url,
    env: { DIALPAD_API_URL: server.url, DIALPAD_API_KEY: 'test-company-key' },
    async console(path, body) {
      const res = await fetch(`${server.url}/_emulator/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json: unknown = await res.json();
      if (!res.ok) throw new Error(`console ${path} answered ${res.status}: ${JSON.stringify(json)}`);
      return json;
    },
    close: () => server.close(),
  };
}

/** `startEmulator`, closed when the test that started it finishes, however it ends. */
export async function startEmulatorForTest(fixturePath: string, opts: { faults?: string; latencyMs?: number } = {}): Promise<RunningEmulator> {
  const running = await startEmulator(fixturePath, opts);
  onTestFinished(() => running.close());
  return running;
}

/**
 * `startEmulatorForTest` on the fixture of golden `golden` (test/golden/<golden>/fixture.json) as
 * `edit` changes it, written to a fresh temporary directory: a golden's company with the one thing
 * a test adds (a desk phone, say).
 */
export async function startEditedGoldenForTest<F>(golden: string, edit: (fixture: F) => void): Promise<RunningEmulator> {
  const fixture = JSON.parse(await readFile(join(ROOT, 'test', 'golden', golden, 'fixture.json'), 'utf8')) as F;
  edit(fixture);
  const path = join(await mkdtemp(join(tmpdir(), `dialform-${golden}-fixture-`)), 'fixture.json');
  await writeFile(path, JSON.stringify(fixture));
  return startEmulatorForTest(path);
}

/** A function that returns the requests (`METHOD /path`) `emulator` logged since its last call. */
export function trackRequests(emulator: Emulator): () => string[] {
  let seen = 0;
  return () => {
    const log = emulator.requestLog();
    const fresh = log.slice(seen);
    seen = log.length;
    return fresh.map((r) => `${r.method} ${r.path}`);
  };
}
