#!/usr/bin/env node
import { setGlobalDispatcher } from 'undici';
import { createProductionDispatcher } from '../src/dialpad/index.js';
import { processIo } from './io.js';
import { run } from './program.js';

// Piping into `head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Keep-alive pooling and HTTPS_PROXY / NO_PROXY for every API call (libraries.md §1).
setGlobalDispatcher(createProductionDispatcher());
process.exitCode = await run(process.argv.slice(2), processIo());
