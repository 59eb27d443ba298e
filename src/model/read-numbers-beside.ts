import { Worker } from 'node:worker_threads';
import { workerUrl } from '../worker-file.js';
import { isUnreadE164, isValidE164, rememberE164Reads, type E164Read } from './countries.js';

/**
 * Numbers per batch sent to the worker; fewer unread numbers than this, in all, are left to the
 * main thread: starting a worker and loading libphonenumber in it (about 0.1 s of CPU) costs more
 * than reading them.
 */
export const WORKER_BATCH = 2_000;

/**
 * At `settle`, the main thread reads a batch the worker has not started only while more than this
 * many wait: it reads cold (libphonenumber not yet compiled on its thread, a large heap to scavenge),
 * about four times as slow per number as the warm worker (docs/benchmarks.md, issue 31), so taking
 * one of the last few would finish later than waiting for the worker.
 */
export const STEAL_ABOVE = 4;

/** A batch's claim (one `Int32` in shared memory): the first thread to set it reads the batch. */
const UNCLAIMED = 0;
const BY_WORKER = 1;
const BY_MAIN = 2;

/** Reads numbers in a worker thread while the main thread goes on (issue 31: `validate` at scale). */
export interface NumberReader {
  /** Queues every E.164-shaped string in `value` (walked deeply) not read yet. */
  addFrom(value: unknown): void;
  /**
   * Reads on this thread, newest first, the batches the worker has not started while more than
   * `STEAL_ABOVE` wait; waits for the worker's reads and keeps them (`rememberE164Reads`), so the
   * rules that ask (`isValidE164`, `countryOfNumber`) find them. Numbers the worker did not read
   * (none queued, too few, or the worker failed) are read by the main thread when asked, with the
   * same answer.
   */
  settle(): Promise<{ inWorker: number; onMain: number; threadId?: number }>;
  /** Batches sent that no thread has started yet: read at once from shared memory, without a turn of the event loop. */
  unstarted(): number;
}

/**
 * Config text (bytes, all files) from which a load starts the worker before its first file is
 * parsed (`startNow`): a generated config holds about one number per 145 bytes, so this many is
 * some 7,000 numbers, well past `WORKER_BATCH`.
 */
export const START_NOW_BYTES = 1024 * 1024;

/**
 * A reader that starts its worker once `WORKER_BATCH` numbers are queued (or at once, with
 * `startNow`: its thread start and libphonenumber's load then overlap the caller's first parse),
 * and then sends it each batch of that size as it fills, so the worker reads one file's numbers
 * while the next is parsed. Every batch is sent at once, with a claim in shared memory: the worker
 * never waits for the main thread (busy with a long synchronous step, it answers no message), and at
 * `settle` either thread may take a batch the other has not, never both.
 */
export function createNumberReader(options: { startNow?: boolean } = {}): NumberReader {
  let worker: Worker | undefined;
  let failed = false;
  const pending: string[] = [];
  /** Every batch sent to the worker, oldest first. */
  const sent: Batch[] = [];
  const replies: Promise<{ numbers: string[]; reply: WorkerReply | undefined }>[] = [];
  // The worker answers batches in the order sent: each reply settles the oldest batch waiting.
  const waiting: ((reply: WorkerReply | undefined) => void)[] = [];
  const fail = (): void => {
    failed = true;
    for (const settle of waiting.splice(0)) settle(undefined);
  };
  const send = (numbers: string[]): void => {
    const batch: Batch = { numbers, claim: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
    sent.push(batch);
    replies.push(new Promise((resolve) => waiting.push((reply) => resolve({ numbers, reply }))));
    worker?.postMessage(batch);
  };
  const start = (): void => {
    try {
      worker = startWorker();
    } catch {
      fail();
      return;
    }
    worker.on('message', (reply: WorkerReply) => waiting.shift()?.(reply));
    worker.on('error', fail);
    worker.on('exit', fail);
  };
  if (options.startNow === true) start();
  /** Moves pending numbers into batches of `WORKER_BATCH` (and, with `all`, the rest too), starting the worker for the first. */
  const enqueue = (all: boolean): void => {
    if (failed || pending.length < (worker === undefined ? WORKER_BATCH : 1)) return;
    if (worker === undefined) start();
    if (failed) return;
    while (pending.length >= WORKER_BATCH) send(pending.splice(0, WORKER_BATCH));
    if (all && pending.length > 0) send(pending.splice(0));
  };
  const seen = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.startsWith('+') && !seen.has(value)) {
        seen.add(value);
        if (isUnreadE164(value)) pending.push(value);
      }
    } else if (Array.isArray(value)) for (const v of value) collect(v);
    else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) collect(v);
  };
  const unclaimed = (): Batch[] => sent.filter((b) => Atomics.load(b.claim, 0) === UNCLAIMED);
  return {
    unstarted: () => unclaimed().length,
    addFrom(value) {
      collect(value);
      enqueue(false);
    },
    async settle() {
      if (worker !== undefined) enqueue(true);
      // Unreferenced until now, so a load that throws before settling never keeps the process up.
      worker?.ref();
      let onMain = 0;
      for (let open = unclaimed(); !failed && open.length > STEAL_ABOVE; open = unclaimed()) {
        const { numbers, claim } = open[open.length - 1] as Batch;
        if (Atomics.compareExchange(claim, 0, UNCLAIMED, BY_MAIN) !== UNCLAIMED) continue;
        for (const n of numbers) isValidE164(n);
        onMain += numbers.length;
      }
      let inWorker = 0;
      let threadId: number | undefined;
      for (const { numbers, reply } of await Promise.all(replies)) {
        if (reply?.reads === undefined) continue;
        rememberE164Reads(numbers, reply.reads);
        inWorker += numbers.length;
        threadId = reply.threadId;
      }
      await worker?.terminate();
      worker = undefined;
      return { inWorker, onMain, threadId };
    },
  };
}

/** What the worker is sent: numbers to read, and the claim the thread that reads them sets first. */
export interface Batch {
  numbers: string[];
  claim: Int32Array;
}

/**
 * What the worker answers for a batch: libphonenumber's read of each number, in order; no `reads`
 * when the main thread had claimed the batch first.
 */
export interface WorkerReply {
  threadId: number;
  reads?: E164Read[];
}

/** The worker's side of a batch: its reads, or none when the main thread claimed it first. */
export function readBatch({ numbers, claim }: Batch, read: (n: string) => E164Read): E164Read[] | undefined {
  return Atomics.compareExchange(claim, 0, UNCLAIMED, BY_WORKER) === UNCLAIMED ? numbers.map(read) : undefined;
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
