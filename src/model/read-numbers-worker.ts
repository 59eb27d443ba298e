/**
 * Worker thread of `createNumberReader` (read-numbers-beside.ts): answers each batch of E.164-shaped
 * numbers it claims with libphonenumber's read of each (`parseE164`, the one function the main
 * thread uses), and a batch the main thread claimed first with no reads.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { parseE164 } from './countries.js';
import { readBatch, type Batch, type WorkerReply } from './read-numbers-beside.js';

parentPort?.on('message', (batch: Batch) => {
  const reads = readBatch(batch, parseE164);
  parentPort?.postMessage((reads === undefined ? { threadId } : { threadId, reads }) satisfies WorkerReply);
});
