/**
 * The built CLI is a bundle (scripts/build-cli.mjs): it runs from a package with no node_modules,
 * finds its assets (package.json, schemas/) and starts its worker threads from the bundle's own
 * files. Run from a copy of what the package ships (`dist/`, `schemas/`, package.json), so nothing
 * of the repo's node_modules or sources can stand in for a file the bundle lacks.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

/**
 * Preloaded in every thread of the CLI: a worker thread says so on fd 2 (synchronously, so a
 * terminated worker cannot lose it), and a module hook prints each module URL loaded.
 */
const HOOKS = `export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
const PRELOAD = `import { writeSync } from 'node:fs'; import { register } from 'node:module'; import { isMainThread, threadId } from 'node:worker_threads';
if (!isMainThread) writeSync(2, 'WORKER_THREAD ' + threadId + '\\n');
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;

let pkg = '';
let bin = '';

beforeAll(async () => {
  pkg = await mkdtemp(join(tmpdir(), 'dialform-installed-'));
  for (const path of ['dist', 'schemas', 'package.json']) await cp(join(ROOT, path), join(pkg, path), { recursive: true });
  bin = join(pkg, 'dist', 'cmd', 'dialform.js');
});
afterAll(() => rm(pkg, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Files loaded, relative to the copied package. */
  loaded: string[];
  /** Thread ids of the worker threads that started. */
  workers: number[];
}

function runBuilt(args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`, bin, ...args],
      { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' }, timeout: 120_000, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        const lines = stderr.split('\n');
        const loaded = lines.filter((l) => l.startsWith('LOADED file:')).map((l) => relative(pkg, fileURLToPath(l.slice('LOADED '.length))));
        const workers = lines.filter((l) => l.startsWith('WORKER_THREAD ')).map((l) => Number(l.slice('WORKER_THREAD '.length)));
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, loaded: [...new Set(loaded)].sort(), workers });
      },
    );
  });
}

/** A one-file config of `count` users in one US office, each with a distinct number. */
function manyNumbersConfig(count: number): string {
  const users = Array.from(
    { length: count },
    (_, i) => `  - { email: u${i}@example.com, first_name: U, last_name: N${i}, office: hq, numbers: ["+1415555${String(i).padStart(4, '0')}"] }`,
  );
  return ['version: 1', 'offices:', '  hq: { name: HQ, country: US, price_level: standard }', 'users:', ...users, ''].join('\n');
}

describe('the built CLI is a self-contained bundle', () => {
  it('ships the bin, its chunks and each worker entry in one directory, and nothing from the TypeScript layout', async () => {
    const files = await readdir(join(pkg, 'dist'), { recursive: true });
    expect(files).toContain(join('cmd', 'dialform.js'));
    expect(files).toContain(join('cmd', 'read-numbers-worker.js'));
    expect(files.filter((f) => f.startsWith('src'))).toEqual([]);
  });

  it('answers --version from package.json, and validates the example, with no node_modules', async () => {
    const version = await runBuilt(['--version'], pkg);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout).toBe(`${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    const valid = await runBuilt(['validate'], join(ROOT, 'examples', 'acme'));
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toContain('Configuration is valid');
    expect(valid.loaded.filter((f) => !f.startsWith('dist/cmd/'))).toEqual([]);
    // 19 users: fewer numbers than a worker batch, read on the main thread.
    expect(valid.workers).toEqual([]);
  });

  it('reads the plan schema from schemas/ and compiles it (show, which loads ajv)', async () => {
    const golden = join(ROOT, 'test', 'golden', 'cross-country-move-with-ack');
    const shown = await runBuilt(['show', join(golden, 'plan.json'), '--format', 'json'], pkg);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ format_version: 1 });
  });

  it('reads a config of 2,500 numbers on a worker thread started from the bundle', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-many-numbers-'));
    try {
      await writeFile(join(cwd, 'dialform.yaml'), manyNumbersConfig(2_500));
      const run = await runBuilt(['validate'], cwd);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('2500 users');
      expect(run.workers).toHaveLength(1);
      expect(run.workers[0]).toBeGreaterThan(0);
      expect(run.loaded).toContain('dist/cmd/read-numbers-worker.js');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

describe('the bundle build', () => {
  it("refuses an import() of a CommonJS module, whose named exports a split bundle loses (undici's setGlobalDispatcher was undefined)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dialform-cjs-import-'));
    try {
      await writeFile(join(dir, 'lib.cjs'), 'exports.named = 1;\n');
      await writeFile(join(dir, 'esm.mjs'), 'export const named = 2;\n');
      await writeFile(join(dir, 'main.mjs'), "const { named } = await import('./lib.cjs'); const esm = await import('./esm.mjs'); console.log(named, esm.named);\n");
      const { metafile } = await build({ absWorkingDir: dir, entryPoints: ['main.mjs'], bundle: true, splitting: true, format: 'esm', outdir: 'out', write: false, metafile: true, logLevel: 'silent' });
      const { listDynamicImportsOfCommonJs } = (await import(pathToFileURL(join(ROOT, 'scripts', 'build-cli.mjs')).href)) as {
        listDynamicImportsOfCommonJs(m: typeof metafile): string[];
      };
      expect(listDynamicImportsOfCommonJs(metafile)).toEqual(['  main.mjs -> lib.cjs']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
