/**
 * Start-up (issue 31): a command loads only what it uses. `--version` loads no command; `validate`
 * loads no HTTP client, no emulator and no schema compiler (the config validator is compiled ahead
 * of time). Asserted on the modules the built CLI actually loads, seen through a module hook, not on
 * timings (those are in the bench and docs/benchmarks.md).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_BIN, ROOT } from '../support/cli.js';

/** Prints every module URL the process loads to stderr, one `LOADED <url>` line each. */
const HOOKS = `export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;

/** The module URLs `dialform ...args` loads in `cwd`, and its exit code. */
function loadedModules(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; modules: string[] }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, DIST_BIN, ...args],
      { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env }, timeout: 60_000 },
      (error, _stdout, stderr) => {
        const modules = stderr
          .split('\n')
          .filter((l) => l.startsWith('LOADED '))
          .map((l) => l.slice('LOADED '.length));
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, modules });
      },
    );
  });
}

const HTTP_CLIENT = ['/node_modules/undici/', '/dist/src/dialpad/transport.js'];
const EMULATOR = ['/dist/src/emulator/'];
const SCHEMA_COMPILER = ['/node_modules/ajv/dist/2020.js', '/node_modules/ajv/dist/core.js'];
const CONFIG_LOADING = ['/node_modules/yaml/', '/node_modules/js-yaml/', '/node_modules/libphonenumber-js/'];

/** Every path under `dir`, relative and sorted. */
async function listTree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

function offending(modules: string[], parts: string[]): string[] {
  return modules.filter((m) => parts.some((p) => m.includes(p)));
}

describe('start-up: a command loads only what it uses', () => {
  it('--version loads no command and no dependency: only the bin and what reads package.json', async () => {
    const { code, modules } = await loadedModules(['--version'], ROOT);
    expect(code).toBe(0);
    const own = modules.filter((m) => m.startsWith('file:')).map((m) => m.slice(m.indexOf('/dist/')));
    expect(own.sort()).toEqual(['/dist/cmd/dialform.js', '/dist/src/errors.js', '/dist/src/exit-codes.js', '/dist/src/package-root.js']);
    expect(offending(modules, [...HTTP_CLIENT, ...EMULATOR, ...SCHEMA_COMPILER, ...CONFIG_LOADING, '/node_modules/'])).toEqual([]);
  });

  it('-V, like --version, loads no command', async () => {
    const { code, modules } = await loadedModules(['-V'], ROOT);
    expect(code).toBe(0);
    expect(offending(modules, ['/node_modules/commander/', '/dist/cmd/main.js', '/dist/cmd/program.js'])).toEqual([]);
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
    expect(modules.some((m) => m.endsWith('/dist/src/config/config-validator.generated.js'))).toBe(true);
    expect(offending(modules, [...HTTP_CLIENT, ...EMULATOR, ...SCHEMA_COMPILER])).toEqual([]);
  });
});
