/**
 * Worker thread of `loadConfigBeside` (load-config-beside.ts): runs the load it is given
 * (`runLoad`: `loadConfig`, or `loadConfigFromGit` for `plan --base`), the very function the main
 * thread would run, and posts the outcome back as data (`LoadReply`) with libphonenumber's reads of
 * the config's numbers, so the main thread's plan asks none of them again. Serializing the result
 * is done here, off the main thread; its bytes are transferred, not copied.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { listE164Reads } from '../model/countries.js';
import { encodeLoadFailure, listTransfers, packLoaded, runLoad, type LoadReply, type LoadRequest } from './load-config-beside.js';

let reply: LoadReply;
try {
  const desired = await runLoad(workerData as LoadRequest);
  reply = { threadId, parts: desired === undefined ? [] : packLoaded(desired, listE164Reads()) };
} catch (e) {
  reply = { threadId, failure: encodeLoadFailure(e) };
}
parentPort?.postMessage(reply, 'parts' in reply ? listTransfers(reply.parts) : []);
