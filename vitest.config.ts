import { defineConfig } from 'vitest/config';

/**
 * Three projects, run one after the other (`sequence.groupOrder`):
 * - `fast`: test/unit, test/golden, test/contract — in-process only (no process is started,
 *   test/support/no-spawn.ts enforces it). `npm run test:fast`.
 * - `integration`: test/integration, test/chaos, test/fuzz — the built CLI as a process, emulators
 *   over loopback, git, bash. Its globalSetup rebuilds dist/ when it is stale.
 * - `browser`: test/browser — the console page in Debian's chromium, one file at a time.
 * `npm test` runs all three.
 */
export default defineConfig({
  test: {
    // Integration tests start CLI processes and emulators on a 2-core machine; 60 s leaves room under load
    // without letting a hang go unnoticed.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**', 'cmd/**'],
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/unit/**/*.test.ts', 'test/golden/**/*.test.ts', 'test/contract/**/*.test.ts'],
          setupFiles: ['test/support/no-spawn.ts'],
          // vitest's default on a 2-core machine is 1 worker; in-process files are CPU-bound, so one per core.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/chaos/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
          globalSetup: ['test/support/build-dist.ts'],
          // Most of a file's time is spent waiting for CLI processes, so more files than cores run at once.
          maxWorkers: 4,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/build-dist.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
