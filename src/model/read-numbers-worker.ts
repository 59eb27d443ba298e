/**
 * Worker thread of `createNumberReader` (read-numbers-beside.ts): answers each list of E.164-shaped
 * numbers with libphonenumber's read of each (`parseE164`, the one function the main thread uses).
 */
import { parentPort, threadId } from 'node:worker_threads';
import { parseE164 } from './countries.js';

parentPort?.on('message', (numbers: string[]) => parentPort?.postMessage({ threadId, reads: numbers.map(parseE164) }));
