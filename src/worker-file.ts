import { existsSync } from 'node:fs';

/**
 * The entry file of the worker thread `name` (`workerUrl('read-numbers-worker')`), or undefined
 * where there is none: TypeScript run from source (tsx, vitest), whose worker would have to run
 * TypeScript, and the action's single-file bundle. Callers then do the work on the main thread.
 *
 * The convention, for every worker: its source is `src/<dir>/<name>.ts` with `name` ending in
 * `-worker` (unique across src/); `npm run build` (scripts/build-cli.mjs) makes each its own entry,
 * `dist/cmd/<name>.js`, in the one flat directory that holds every file of the bundle, so this
 * module finds it beside itself wherever esbuild put this code.
 */
export function workerUrl(name: string): URL | undefined {
  const url = new URL(`./${name}.js`, import.meta.url);
  return existsSync(url) ? url : undefined;
}
