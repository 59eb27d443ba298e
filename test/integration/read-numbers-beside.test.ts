/**
 * `validate` at scale (issue 31): a config's numbers are read by libphonenumber in a worker thread
 * while the main thread parses the next file. Runs the modules bundled as `npm run build` bundles
 * the CLI (scripts/build-cli.mjs), with this file's modules as entries: the worker is a file of the
 * bundle, beside its chunks (src/worker-file.ts); from TypeScript no worker starts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

type Reader = typeof import('../../src/model/read-numbers-beside.js');
type Countries = typeof import('../../src/model/countries.js');
const { bundleSplit } = (await import(pathToFileURL(join(ROOT, 'scripts', 'build-cli.mjs')).href)) as { bundleSplit(entries: string[], outdir: string): Promise<void> };
const outdir = await mkdtemp(join(tmpdir(), 'dialform-read-numbers-bundle-'));
await bundleSplit(['src/model/read-numbers-beside.ts', 'src/model/countries.ts'], outdir);
const built = (file: string): string => pathToFileURL(join(outdir, file)).href;
const { createNumberReader, STEAL_ABOVE, WORKER_BATCH } = (await import(built('read-numbers-beside.js'))) as Reader;
const { countryOfNumber, isValidE164, parseE164 } = (await import(built('countries.js'))) as Countries;
afterAll(() => rm(outdir, { recursive: true, force: true }));

/** `count` distinct E.164-shaped numbers: valid ones of several countries (two sharing +1), and invalid ones. */
function makeNumbers(count: number, offset: number): string[] {
  const shapes = ['+1415555', '+1416555', '+4420794', '+4915123', '+3314200', '+1000000', '+9999999'];
  return Array.from({ length: count }, (_, i) => `${shapes[i % shapes.length]}${String(offset + i).padStart(4, '0')}`);
}

describe('numbers read beside the config load', () => {
  it('once a batch is queued, reads it in a worker thread, with the answers the main thread gives', async () => {
    const numbers = makeNumbers(WORKER_BATCH + 500, 0);
    const reader = createNumberReader();
    reader.addFrom({ users: numbers.slice(0, WORKER_BATCH).map((n) => ({ email: 'a@b.example', numbers: [n] })) });
    reader.addFrom({ reserved_numbers: { keep: numbers.slice(WORKER_BATCH) } });
    const { inWorker, threadId: readBy } = await reader.settle();
    expect(inWorker).toBe(numbers.length);
    expect(readBy).toBeDefined();
    expect(readBy).not.toBe(threadId);
    // What the rules ask now comes from the worker's reads; each agrees with a fresh read here.
    const differing = numbers.filter((n) => {
      const here = parseE164(n);
      return isValidE164(n) !== here.valid || countryOfNumber(n) !== (here.valid ? here.country : undefined);
    });
    expect(differing).toEqual([]);
    expect(numbers.some((n) => !isValidE164(n))).toBe(true);
    expect(new Set(numbers.map(countryOfNumber)).size).toBeGreaterThan(3);
  });

  it('sends batch after batch to one worker without piling up listeners (no process warning)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(`${w.name}: ${w.message}`);
    };
    process.on('warning', onWarning);
    try {
      const reader = createNumberReader();
      const batches = 12;
      for (let b = 0; b < batches; b++) reader.addFrom(makeNumbers(WORKER_BATCH, 20_000 + b * WORKER_BATCH));
      const { inWorker, onMain } = await reader.settle();
      expect(inWorker + onMain).toBe(batches * WORKER_BATCH);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('at settle, reads on the main thread the newest batches the worker has not started while more than STEAL_ABOVE wait: each number once, by one thread', async () => {
    const reader = createNumberReader();
    const batches = 12;
    const numbers = makeNumbers(batches * WORKER_BATCH, 50_000);
    for (let b = 0; b < batches; b++) reader.addFrom(numbers.slice(b * WORKER_BATCH, (b + 1) * WORKER_BATCH));
    // Sent in one synchronous run: the worker, starting up, has read at most a few.
    const { inWorker, onMain } = await reader.settle();
    expect(inWorker).toBeGreaterThanOrEqual(STEAL_ABOVE * WORKER_BATCH);
    expect(onMain).toBeGreaterThanOrEqual(WORKER_BATCH);
    expect(inWorker + onMain).toBe(numbers.length);
    expect(numbers.filter((n) => isValidE164(n) !== parseE164(n).valid || countryOfNumber(n) !== (parseE164(n).valid ? parseE164(n).country : undefined))).toEqual([]);
  });

  it('the worker reads every batch while the main thread is busy and turns no event loop (a long synchronous step of the load)', async () => {
    const reader = createNumberReader({ startNow: true });
    const batches = 12;
    const numbers = makeNumbers(batches * WORKER_BATCH, 80_000);
    for (let b = 0; b < batches; b++) reader.addFrom(numbers.slice(b * WORKER_BATCH, (b + 1) * WORKER_BATCH));
    // Busy here, as the main thread is while it parses or checks; the claims are shared memory, so
    // the worker's progress shows without a message. Before, the worker held three batches and
    // waited for this thread to send the next.
    const deadline = Date.now() + 60_000;
    while (reader.unstarted() > 0 && Date.now() < deadline);
    expect(reader.unstarted()).toBe(0);
    const { inWorker, onMain } = await reader.settle();
    expect({ inWorker, onMain }).toEqual({ inWorker: numbers.length, onMain: 0 });
  });

  it('leaves fewer than a batch to the main thread: no worker for a small config', async () => {
    const reader = createNumberReader();
    reader.addFrom({ users: makeNumbers(10, 5_000).map((n) => ({ numbers: [n] })) });
    expect(await reader.settle()).toEqual({ inWorker: 0, onMain: 0, threadId: undefined });
  });

  it('with startNow, starts the worker before a batch is queued and sends it even a few numbers (a large config)', async () => {
    const numbers = makeNumbers(10, 6_000);
    const reader = createNumberReader({ startNow: true });
    reader.addFrom({ users: numbers.map((n) => ({ numbers: [n] })) });
    const { inWorker, onMain, threadId: readBy } = await reader.settle();
    expect(inWorker + onMain).toBe(numbers.length);
    expect(readBy).toBeDefined();
    expect(readBy).not.toBe(threadId);
  });

  it('does not read again what this process has read', async () => {
    const numbers = makeNumbers(WORKER_BATCH, 8_000);
    numbers.forEach((n) => isValidE164(n));
    const reader = createNumberReader();
    reader.addFrom(numbers);
    expect((await reader.settle()).inWorker).toBe(0);
  });
});
