import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start CLI processes and emulators on a 2-core machine; 60 s leaves room under load
    // without letting a hang go unnoticed.
    testTimeout: 60_000,
    coverage: { provider: 'v8', include: ['src/**', 'cmd/**'] },
  },
});
