#!/usr/bin/env node
// `npm run build`: the CLI users run (package.json `bin`: dist/cmd/dialform.js) as an esbuild
// bundle split at each dynamic `import()`, so a command loads only the chunks it uses.
// See docs/architecture.md, "The built CLI".
//   node scripts/build-cli.mjs
import { chmodSync, cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS, ROOT } from './esbuild-options.mjs';

/** The directory that holds every file of the bundle: the bin, its chunks and its workers. */
export const BUNDLE_DIR = join(ROOT, 'dist', 'cmd');

/** Every worker thread's entry: `src/**\/<name>-worker.ts` (src/worker-file.ts holds the convention). */
export function listWorkerEntries() {
  return readdirSync(join(ROOT, 'src'), { recursive: true })
    .filter((path) => /(^|[\\/])[a-z0-9-]+-worker\.ts$/.test(path))
    .sort()
    .map((path) => join('src', path));
}

/**
 * Bundles `entryPoints` (paths relative to the repo) into `outdir`, flat: each entry as
 * `<basename>.js`, and beside them every chunk and every worker entry. Flat is what lets any
 * module, wherever esbuild puts its code, find a worker or a file copied there beside itself.
 */
export async function bundleSplit(entryPoints, outdir) {
  const { metafile } = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [...entryPoints, ...listWorkerEntries()].map((path) => join(ROOT, path)),
    outdir,
    splitting: true,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    metafile: true,
  });
  const cjsImports = listDynamicImportsOfCommonJs(metafile);
  if (cjsImports.length > 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(
      `a split bundle gives import() of a CommonJS module only its \`default\` export, where Node gives its named exports too:\n` +
        `${cjsImports.join('\n')}\nimport an ES module that imports it statically instead (as src/dialpad/dispatcher.ts imports undici).`,
    );
  }
}

/** `importer -> module` for each `import()` of a CommonJS module. */
export function listDynamicImportsOfCommonJs(metafile) {
  return Object.entries(metafile.inputs).flatMap(([importer, { imports }]) =>
    imports.filter((i) => i.kind === 'dynamic-import' && metafile.inputs[i.path]?.format === 'cjs').map((i) => `  ${importer} -> ${i.path}`),
  );
}

export async function buildCli() {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  await bundleSplit(['cmd/dialform.ts'], BUNDLE_DIR);
  chmodSync(join(BUNDLE_DIR, 'dialform.js'), 0o755);
  // src/emulator/console-page.ts reads the page beside its module: src/emulator/ from source, the bundle's directory when built.
  // Copied last: test/support/build-dist.ts takes its presence as a finished build.
  cpSync(join(ROOT, 'src', 'emulator', 'console-page'), join(BUNDLE_DIR, 'console-page'), { recursive: true });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await buildCli();
}
