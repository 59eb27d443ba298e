// The one home of the esbuild settings both bundles share: the CLI that `npm run build` ships in
// dist/ (build-cli.mjs) and the action's single committed file (build-action.mjs).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * esbuild bundles literal `require()` calls only; src/plan/plan-file.ts loads ajv lazily through
 * `createRequire`, so the bundle sees those calls as `require()` (still lazy: esbuild wraps CommonJS
 * modules in a function run on first require).
 */
const lazyRequireAsRequire = {
  name: 'lazy-require-as-require',
  setup(b) {
    b.onLoad({ filter: /src[\\/]plan[\\/]plan-file\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/\brequireCjs\(/g, 'require('),
      loader: 'ts',
    }));
  },
};

/**
 * Every dependency is bundled: the built CLI needs no node_modules at run time. ESM for Node 20
 * (this machine) to 26 (users'). Not minified: it starts no faster minified (measured in
 * docs/benchmarks.md), and an unminified bundle keeps a bug report's stack trace readable and each
 * module's `// path` comment, which test/integration/cli-startup.test.ts reads.
 */
export const BUNDLE_OPTIONS = {
  // Paths in the bundle's comments are relative to this, so the output is the same from any cwd.
  absWorkingDir: ROOT,
  // …and a worktree whose node_modules is a symlink to another checkout's bundles the same text.
  preserveSymlinks: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ESM output: CommonJS dependencies that require Node built-ins need a real `require`.
  banner: { js: "import { createRequire as __dialformCreateRequire } from 'node:module'; const require = __dialformCreateRequire(import.meta.url);" },
  plugins: [lazyRequireAsRequire],
  legalComments: 'none',
  logLevel: 'warning',
};
