/**
 * The built CLI as users run it (`node dist/cmd/dialform.js`, built by `npm run build`): start-up
 * (`--version`, `validate` of examples/acme) and `status` of a company against the emulator.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEmulator, type Fixture } from '../src/emulator/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_BIN = join(ROOT, 'dist', 'cmd', 'dialform.js');

/** Wall ms of one `dialform ...args` process; rejects when it exits with another code than `expectCode`. */
export async function timeCli(args: string[], opts: { cwd: string; env?: Record<string, string>; expectCode?: number }): Promise<number> {
  return (await timeCliCpu(args, opts)).wallMs;
}

/** The process's CPU time, all threads, printed by bench/cpu-at-exit.mjs. */
const CPU_AT_EXIT = join(dirname(fileURLToPath(import.meta.url)), 'cpu-at-exit.mjs');

/** `timeCli`, with the process's CPU ms (user + system, every thread) too. */
export function timeCliCpu(args: string[], opts: { cwd: string; env?: Record<string, string>; expectCode?: number }): Promise<{ wallMs: number; cpuMs: number }> {
  if (!existsSync(DIST_BIN)) throw new Error(`${DIST_BIN} is missing: run npm run build first`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', pathToFileURL(CPU_AT_EXIT).href, DIST_BIN, ...args],
      { cwd: opts.cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...opts.env }, maxBuffer: 1 << 26 },
      (error, _out, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const wallMs = performance.now() - started;
        const cpu = /BENCH_CPU_MS ([\d.]+)/.exec(stderr);
        if (code !== (opts.expectCode ?? 0)) reject(new Error(`dialform ${args.join(' ')} exited ${code}: ${stderr}`));
        else resolve({ wallMs, cpuMs: Number(cpu?.[1] ?? Number.NaN) });
      },
    );
  });
}

export interface StartupMeasurement {
  versionMs: number[];
  validateExampleMs: number[];
  /** CPU ms of each run (user + system). */
  versionCpuMs: number[];
  validateExampleCpuMs: number[];
  /** CPU ms of `node -e 0`, the floor of any command. */
  floorCpuMs: number[];
}

/** `--version` and `validate` of examples/acme, `runs` times each, alternating. */
export async function measureStartup(runs: number): Promise<StartupMeasurement> {
  const result: StartupMeasurement = { versionMs: [], validateExampleMs: [], versionCpuMs: [], validateExampleCpuMs: [], floorCpuMs: [] };
  for (let i = 0; i < runs; i++) {
    const version = await timeCliCpu(['--version'], { cwd: ROOT });
    result.versionMs.push(version.wallMs);
    result.versionCpuMs.push(version.cpuMs);
    const validate = await timeCliCpu(['validate'], { cwd: join(ROOT, 'examples', 'acme') });
    result.validateExampleMs.push(validate.wallMs);
    result.validateExampleCpuMs.push(validate.cpuMs);
    result.floorCpuMs.push(await measureFloorCpu());
  }
  return result;
}

/** CPU ms of `node -e 0`. */
function measureFloorCpu(): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', pathToFileURL(CPU_AT_EXIT).href, '-e', '0'], (error, _out, stderr) => {
      if (error) reject(error);
      else resolve(Number(/BENCH_CPU_MS ([\d.]+)/.exec(stderr)?.[1] ?? Number.NaN));
    });
  });
}

export interface StatusMeasurement {
  users: number;
  wallMs: number;
  calls: number;
  maxIn1s: number;
  rateLimited: number;
}

/** `dialform status` (no config: the plain read) of `fixture` over HTTP, the emulator strict at `rate`. */
export async function measureStatus(fixture: Fixture, opts: { latencyMs: number; rate: number }): Promise<StatusMeasurement> {
  const emulator = createEmulator({ fixture, latencyMs: opts.latencyMs, rateLimit: opts.rate, strictRateLimit: true });
  const running = await emulator.listen(0);
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-bench-status-'));
  try {
    const wallMs = await timeCli(['status', '--rate-limit', String(opts.rate)], { cwd, env: { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: 'bench-key' } });
    const stats = emulator.stats();
    const calls = Object.values(stats.requests).reduce((a, b) => a + b, 0);
    return { users: fixture.users.length, wallMs, calls, maxIn1s: stats.max_requests_in_1s, rateLimited: stats.rate_limited };
  } finally {
    await running.close();
    await rm(cwd, { recursive: true, force: true });
  }
}
