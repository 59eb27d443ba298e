/** The CLI once the bin (cmd/dialform.ts) has set up start-up: every command but the version request. */
import { processIo } from './io.js';
import { run } from './program.js';

// Piping into `head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

let networkReady: Promise<void> | undefined;
/**
 * Keep-alive pooling and HTTPS_PROXY / NO_PROXY for every API call (libraries.md §1), installed
 * before the first client is built and not before: undici is a fifth of start-up, and `--version`,
 * `validate` and `show` never call the API.
 */
function prepareNetwork(): Promise<void> {
  networkReady ??= import('../src/dialpad/dispatcher.js').then(({ installProductionDispatcher }) => installProductionDispatcher());
  return networkReady;
}

process.exitCode = await run(process.argv.slice(2), { ...processIo(), prepareNetwork });
