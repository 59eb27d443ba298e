/**
 * Worker thread of `startFileParser` (parse-files-beside.ts): claims config files from the last
 * one down, reads each by the fast path, and sends its data and the positions of its nodes.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { readFileBeside, type ParseRequest } from './parse-files-beside.js';

parentPort?.once('message', ({ sources, claims }: ParseRequest) => {
  const claimed = new Int32Array(claims);
  for (let i = sources.length - 1; i >= 0; i--) {
    // The main thread claims from the first file up; where the two meet, the worker stops.
    if (Atomics.compareExchange(claimed, i, 0, 2) !== 0) break;
    parentPort?.postMessage({ threadId, ...readFileBeside(sources, i) });
  }
  parentPort?.close();
});
