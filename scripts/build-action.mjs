#!/usr/bin/env node
// Bundles the CLI into action/dist/dialform.mjs, the file the GitHub Action runs, so the action
// needs neither `npm ci` nor a TypeScript build on the runner (see docs/ci.md, "Setup time").
// The bundle is committed; test/integration/action-bundle.test.ts fails when it is stale.
//   node scripts/build-action.mjs [OUTFILE]
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'action', 'dist', 'dialform.mjs');

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

export async function buildActionBundle(outfile = BUNDLE) {
  await build({
    // Paths in the bundle's comments are relative to this, so the output is the same from any cwd.
    absWorkingDir: root,
    entryPoints: [join(root, 'cmd', 'dialform.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ESM output: CommonJS dependencies that require Node built-ins need a real `require`.
    banner: { js: "import { createRequire as __dialformCreateRequire } from 'node:module'; const require = __dialformCreateRequire(import.meta.url);" },
    plugins: [lazyRequireAsRequire],
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await buildActionBundle(process.argv[2]);
}
