/** A standalone emulator over loopback for tests that drive the CLI as a separate process. */
import { readFile } from 'node:fs/promises';
import { onTestFinished } from 'vitest';
import { createEmulator, parseFixture, type Emulator } from '../../src/emulator/index.js';

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
