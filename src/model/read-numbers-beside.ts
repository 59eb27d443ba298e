import { Worker } from 'node:worker_threads';
import { workerUrl } from '../worker-file.js';
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
  const replies: Promise<{ numbers: string[]; reply: WorkerReply | undefined }>[] = [];
  // The worker answers batches in the order sent: each reply settles the oldest batch waiting.
  const waiting: ((reply: WorkerReply | undefined) => void)[] = [];
  const fail = (): void => {
    failed = true;
    for (const settle of waiting.splice(0)) settle(undefined);
  };
  const send = (): void => {
    if (failed || pending.length < (worker === undefined ? WORKER_BATCH : 1)) return;
    if (worker === undefined) {
      try {
        worker = startWorker();
      } catch {
        fail();
        return;
      }
      worker.on('message', (reply: WorkerReply) => waiting.shift()?.(reply));
      worker.on('error', fail);
      worker.on('exit', fail);
    }
    const numbers = pending;
    pending = [];
    replies.push(new Promise((resolve) => waiting.push((reply) => resolve({ numbers, reply }))));
    worker.postMessage(numbers);
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
      for (const { numbers, reply } of await Promise.all(replies)) {
        if (reply === undefined) continue;
        rememberE164Reads(numbers, reply.reads);
        inWorker += numbers.length;
        threadId = reply.threadId;
      }
      await worker?.terminate();
      worker = undefined;
      return { inWorker, threadId };
    },
  };
}

/** What the worker answers for a batch: libphonenumber's read of each number, in order. */
interface WorkerReply {
  threadId: number;
  reads: E164Read[];
}

/**
 * The worker (read-numbers-worker.ts), once built. Where there is no such file (TypeScript under
 * a test runner, the action's single-file bundle) no thread is started to fail: it throws, and
 * where the worker cannot start it emits `error`; either way the main thread reads the numbers.
 */
function startWorker(): Worker {
  const file = workerUrl('read-numbers-worker');
  if (file === undefined) throw new Error('no built worker file');
  const worker = new Worker(file);
  worker.unref();
  return worker;
}
