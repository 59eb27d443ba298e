/**
 * Start-up (issue 31): a command loads only what it uses. `--version` loads no command; `validate`
 * loads no HTTP client, no emulator and no schema compiler (the config validator is compiled ahead
 * of time). Asserted on what the built CLI actually loads, not on timings (those are in the bench
 * and docs/benchmarks.md): the files it loads, seen through a module hook, and the source modules
 * bundled in those files, each of which esbuild heads with a `// <path>` comment.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIST_BIN, ROOT } from '../support/cli.js';

/** Prints every module URL the process loads to stderr, one `LOADED <url>` line each. */
const HOOKS = `export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;

interface Loaded {
  code: number;
  /** Paths, relative to the repo, of the files loaded (the bin and its chunks; a dependency outside the bundle would show here). */
  files: string[];
  /** Paths, relative to the repo, of the source modules bundled in those files (`src/…`, `cmd/…`, `node_modules/…`). */
  modules: string[];
}

/** The source modules in a built file: esbuild heads each module's code with a `// <path>` line (relative to the repo). */
function listBundledModules(file: string): string[] {
  const modules = [...readFileSync(file, 'utf8').matchAll(/^\/\/ ((?:src|cmd|node_modules)\/\S+)$/gm)].map((m) => m[1] ?? '');
  return modules;
}

/** What `dialform ...args` loads in `cwd`, and its exit code. */
function loadedModules(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Loaded> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, DIST_BIN, ...args],
      { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env }, timeout: 60_000 },
      (error, _stdout, stderr) => {
        const paths = stderr
          .split('\n')
          .filter((l) => l.startsWith('LOADED file:'))
          .map((l) => fileURLToPath(l.slice('LOADED '.length)));
        const files = [...new Set(paths)].map((p) => relative(ROOT, p)).sort();
        const modules = [...new Set(paths.flatMap((p) => (p.startsWith(resolve(ROOT, 'dist')) ? listBundledModules(p) : [])))].sort();
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, files, modules });
      },
    );
  });
}

const HTTP_CLIENT = ['node_modules/undici/', 'src/dialpad/transport.ts'];
const EMULATOR = ['src/emulator/'];
const SCHEMA_COMPILER = ['node_modules/ajv/dist/2020.js', 'node_modules/ajv/dist/core.js'];
const CONFIG_LOADING = ['node_modules/yaml/', 'node_modules/js-yaml/', 'node_modules/libphonenumber-js/'];

/** Every path under `dir`, relative and sorted. */
async function listTree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

function offending(modules: string[], parts: string[]): string[] {
  return modules.filter((m) => parts.some((p) => m.startsWith(p)));
}

describe('start-up: a command loads only what it uses', () => {
  it('--version loads no command and no dependency: only the bin and what reads package.json', async () => {
    const { code, files, modules } = await loadedModules(['--version'], ROOT);
    expect(code).toBe(0);
    expect(files.every((f) => f.startsWith('dist/cmd/')), files.join(' ')).toBe(true);
    expect(modules).toEqual(['cmd/dialform.ts', 'src/errors.ts', 'src/exit-codes.ts', 'src/package-root.ts']);
  });

  it('-V, like --version, loads no command', async () => {
    const { code, modules } = await loadedModules(['-V'], ROOT);
    expect(code).toBe(0);
    expect(modules).toContain('cmd/dialform.ts');
    expect(offending(modules, ['node_modules/commander/', 'cmd/main.ts', 'cmd/program.ts'])).toEqual([]);
  });

  it('keeps compiled code in the OS temp directory where Node can (22.1+), and writes nothing into the repo', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'dialform-compile-cache-'));
    const repo = await mkdtemp(join(tmpdir(), 'dialform-repo-'));
    try {
      await cp(join(ROOT, 'examples', 'acme'), repo, { recursive: true });
      const before = await listTree(repo);
      const { code } = await loadedModules(['validate'], repo, { TMPDIR: tmp });
      expect(code).toBe(0);
      expect(await listTree(repo)).toEqual(before);
      expect(existsSync(join(tmp, 'node-compile-cache'))).toBe(typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function');
    } finally {
      await rm(tmp, { recursive: true, force: true });
      await rm(repo, { recursive: true, force: true });
    }
  });

  it('validate of the example loads no HTTP client, no emulator and no schema compiler', async () => {
    const { code, modules } = await loadedModules(['validate'], join(ROOT, 'examples', 'acme'));
    expect(code).toBe(0);
    expect(modules).toContain('src/config/config-validator.generated.ts');
    expect(offending(modules, CONFIG_LOADING).length).toBeGreaterThan(0);
    expect(offending(modules, [...HTTP_CLIENT, ...EMULATOR, ...SCHEMA_COMPILER])).toEqual([]);
  });

  it('validate loads every file from the bundle: each dependency it uses is bundled, none read from node_modules', async () => {
    const { code, files } = await loadedModules(['validate'], join(ROOT, 'examples', 'acme'));
    expect(code).toBe(0);
    expect(files).toContain('dist/cmd/dialform.js');
    expect(files.filter((f) => !/^dist\/cmd\/[a-z0-9-]+(-[A-Z0-9]{8})?\.js$/.test(f))).toEqual([]);
  });
});
