/**
 * setupFile of the `fast` project (vitest.config.ts): its tests run in-process only, so starting
 * any process (the CLI, git, bash) fails the test with where it belongs instead. A test that
 * needs a process lives in test/integration, whose project builds dist/ and runs in parallel.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';

const childProcess = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  childProcess[name] = (file: unknown) => {
    throw new Error(`the fast project starts no process (${name} ${String(file)}): move this test to test/integration`);
  };
}
// ESM `import { execFile } from 'node:child_process'` bindings follow the patched exports.
syncBuiltinESMExports();
