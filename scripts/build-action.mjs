#!/usr/bin/env node
// Bundles the CLI into action/dist/dialform.mjs, the file the GitHub Action runs, so the action
// needs neither `npm ci` nor a TypeScript build on the runner (see docs/ci.md, "Setup time").
// The bundle is committed; test/integration/action-bundle.test.ts fails when it is stale.
//   node scripts/build-action.mjs [OUTFILE]
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS, ROOT } from './esbuild-options.mjs';

export const BUNDLE = join(ROOT, 'action', 'dist', 'dialform.mjs');

/** One file, no chunks: the action commits it. No worker file sits beside it, so numbers are read on the main thread. */
export async function buildActionBundle(outfile = BUNDLE) {
  await build({ ...BUNDLE_OPTIONS, entryPoints: [join(ROOT, 'cmd', 'dialform.ts')], outfile });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await buildActionBundle(process.argv[2]);
}
