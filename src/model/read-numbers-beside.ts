import { Worker } from 'node:worker_threads';
import { listUnreadE164, rememberE164Reads, type E164Read } from './countries.js';

/**
 * Fewer unread numbers than this are left to the main thread, as before: starting a worker and
 * loading libphonenumber in it (about 0.1 s of CPU) costs more than reading them.
 */
export const WORKER_BATCH = 2_000;

/** Reads numbers in a worker thread while the main thread goes on (issue 31: `validate` at scale). */
export interface NumberReader {
  /** Queues every E.164-shaped string in `value` (walked deeply) not read yet. */
  addFrom(value: unknown): void;
  /**
   * Waits for the worker's reads and keeps them (`rememberE164Reads`), so the rules that ask
   * (`isValidE164`, `countryOfNumber`) find them. Numbers the worker did not read (none queued,
   * too few, or the worker failed) are read by the main thread when asked, with the same answer.
   */
  settle(): Promise<{ inWorker: number; threadId?: number }>;
}

/**
 * A reader that starts its worker only once `WORKER_BATCH` numbers are queued, and then sends each
 * batch of that size as it fills, so the worker reads one file's numbers while the next is parsed.
 */
export function createNumberReader(): NumberReader {
  let worker: Worker | undefined;
  let failed = false;
  let pending: string[] = [];
  const replies: Promise<{ numbers: string[]; reads: E164Read[]; threadId: number } | undefined>[] = [];
  const send = (): void => {
    if (failed || pending.length < (worker === undefined ? WORKER_BATCH : 1)) return;
    if (worker === undefined) {
      try {
        worker = startWorker(() => {
          failed = true;
        });
      } catch {
        failed = true;
        return;
      }
    }
    const w = worker;
    const batch = pending;
    pending = [];
    replies.push(
      new Promise((resolve) => {
        const onMessage = (reply: { numbers: string[]; reads: E164Read[]; threadId: number }): void => {
          if (reply.numbers[0] !== batch[0]) return;
          w.off('message', onMessage);
          w.off('error', onError);
          resolve(reply);
        };
        const onError = (): void => resolve(undefined);
        w.on('message', onMessage);
        w.on('error', onError);
        w.postMessage(batch);
      }),
    );
  };
  const seen = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.startsWith('+') && !seen.has(value)) {
        seen.add(value);
        pending.push(value);
      }
    } else if (Array.isArray(value)) for (const v of value) collect(v);
    else if (value !== null && typeof value === 'object') for (const key in value) collect((value as Record<string, unknown>)[key]);
  };
  return {
    addFrom(value) {
      collect(value);
      pending = listUnreadE164(pending);
      if (pending.length >= WORKER_BATCH) send();
    },
    async settle() {
      if (worker !== undefined) send();
      // Unreferenced until now, so a load that throws before settling never keeps the process up.
      worker?.ref();
      let inWorker = 0;
      let threadId: number | undefined;
      for (const reply of await Promise.all(replies)) {
        if (reply === undefined) continue;
        rememberE164Reads(reply.numbers, reply.reads);
        inWorker += reply.numbers.length;
        threadId = reply.threadId;
      }
      await worker?.terminate();
      worker = undefined;
      return { inWorker, threadId };
    },
  };
}

/**
 * The worker, beside this module once built (`dist/src/model/read-numbers-worker.js`). Where it
 * cannot start (a bundle without the file, a test runner that cannot load TypeScript in a worker),
 * `onFail` is called and the main thread reads the numbers itself.
 */
function startWorker(onFail: () => void): Worker {
  const worker = new Worker(new URL('./read-numbers-worker.js', import.meta.url));
  worker.on('error', onFail);
  worker.unref();
  return worker;
}
