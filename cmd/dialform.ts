#!/usr/bin/env node
import module from 'node:module';
import { readPackageVersion } from '../src/package-root.js';

// Node 22.1+ keeps each module's compiled code between runs, in the OS temp directory (Node's
// default; NODE_COMPILE_CACHE or NODE_DISABLE_COMPILE_CACHE override it), never in the user's
// repo. Node 20 has no such cache: then this does nothing. Called before the CLI's modules load.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/**
 * `dialform --version` alone prints what commander would (the version and a newline) without
 * loading commander or any command: it is what scripts and CI steps run first.
 */
function isVersionRequest(args: readonly string[]): boolean {
  return args.length === 1 && (args[0] === '--version' || args[0] === '-V');
}

if (isVersionRequest(process.argv.slice(2))) process.stdout.write(`${readPackageVersion()}\n`);
else await import('./main.js');
