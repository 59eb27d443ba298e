/**
 * `npm run bench`: real HTTP against the emulator at several company sizes. For each size: plan
 * (API calls vs the minimum, wall time vs its lower bound, CPU of diff + plan + render, peak RSS),
 * then once an apply of a 2,000-operation plan (ops/s vs the rate limit, 429s).
 *
 * Then, per config size, the config load (fast and exact YAML paths) and `validate` wall.
 *
 * Environment (defaults are Dialpad's own settings: 20 req/s, and 50 ms is a plausible round trip):
 * BENCH_SIZES (default 1000,10000,50000,100000; empty skips the plan runs), BENCH_LATENCY_MS
 * (default 50), BENCH_RATE (requests/s for both the client and the emulator, default 20),
 * BENCH_OFFICES (default 20), BENCH_APPLY_OPS (default 2000, about 100 s at 20 req/s; 0 skips the
 * apply run), BENCH_CONFIG_SIZES (default 1000,10000,50000,100000; empty skips the config-load
 * runs), BENCH_CONFIG_RUNS (default 3: the table shows the median), BENCH_STARTUP_RUNS (default
 * 10; 0 skips), BENCH_STATUS_USERS (default 2000; 0 skips). Start-up, `validate` and `status` run
 * the built CLI (`npm run build` first). The last table is issue 31's: each measure and its target.
 * Every row of it, once: `BENCH_SIZES=10000,50000,100000 BENCH_APPLY_OPS=400
 * BENCH_CONFIG_SIZES=50000,100000 BENCH_CONFIG_RUNS=1 BENCH_STARTUP_RUNS=5` (docs/benchmarks.md).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFixtureData, createEmulator, type Fixture } from '../src/emulator/index.js';
import { formatApplyTable, formatPlanTable, toPlanRow, type ApplyRow, type BenchSettings, type PlanRow } from './format-table.js';
import { formatConfigLoadTable, type ConfigLoadRow } from './format-config-table.js';
import type { ConfigLoadInput, ConfigLoadMeasurement } from './measure-config-load.js';
import { generateFixture } from './generate-fixture.js';
import type { Measurement, MeasureInput } from './measure-plan.js';
import { computeReadBound } from './minimum-calls.js';
import { writeMatchingConfig } from './write-config.js';
import { formatSummaryTable } from './format-summary.js';
import { measureStartup, measureStatus, type StartupMeasurement, type StatusMeasurement } from './measure-cli.js';

const HERE = dirname(fileURLToPath(import.meta.url));

function readSettings(
  env: NodeJS.ProcessEnv,
): BenchSettings & { sizes: number[]; configSizes: number[]; configRuns: number; offices: number; applyOps: number; startupRuns: number; statusUsers: number } {
  const num = (name: string, fallback: number): number => {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
    return value;
  };
  const list = (name: string, fallback: string): number[] => {
    const raw = env[name] ?? fallback;
    const sizes = raw.trim() === '' ? [] : raw.split(',').map((s) => Number(s.trim()));
    if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error(`${name} must be positive integers, got ${raw}`);
    return sizes;
  };
  return {
    sizes: list('BENCH_SIZES', '1000,10000,50000,100000'),
    configSizes: list('BENCH_CONFIG_SIZES', '1000,10000,50000,100000'),
    configRuns: Math.max(1, num('BENCH_CONFIG_RUNS', 3)),
    latencyMs: num('BENCH_LATENCY_MS', 50),
    ratePerSecond: num('BENCH_RATE', 20),
    offices: num('BENCH_OFFICES', 20),
    applyOps: num('BENCH_APPLY_OPS', 2000),
    startupRuns: num('BENCH_STARTUP_RUNS', 10),
    statusUsers: num('BENCH_STATUS_USERS', 2000),
  };
}

/** Runs bench/measure-plan.ts in a child process (its own heap and maxRSS). */
function runMeasurement(input: MeasureInput): Promise<Measurement> {
  return runChild('measure-plan.ts', input);
}

/** Runs a bench/ measurement script in a child process and parses the JSON it prints. */
function runChild<I, O>(script: string, input: I): Promise<O> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(HERE, script), JSON.stringify(input)],
      { maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`measurement failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as O);
      },
    );
  });
}

interface Prepared {
  fixture: Fixture;
  dir: string;
  configPath: string;
}

/**
 * Each size's company and matching config, made once per run: the plan rows and the config-load
 * rows of a size share them (generating a 100,000-user company and importing it is most of a row's
 * set-up). Nothing measured writes to them: the emulator of each run has its own copy of the state.
 */
const prepared = new Map<number, Promise<Prepared>>();

function prepare(users: number, offices: number): Promise<Prepared> {
  let done = prepared.get(users);
  if (done === undefined) {
    done = (async () => {
      const fixture = checkFixtureData(generateFixture({ users, offices }), `generated-${users}.json`);
      const dir = await mkdtemp(join(tmpdir(), `dialform-bench-${users}-`));
      const configPath = await writeMatchingConfig(fixture, dir);
      return { fixture, dir, configPath };
    })();
    prepared.set(users, done);
  }
  return done;
}

async function removePrepared(): Promise<void> {
  for (const done of prepared.values()) await rm((await done).dir, { recursive: true, force: true });
}

async function benchSize(
  users: number,
  settings: ReturnType<typeof readSettings>,
  apply: boolean,
): Promise<{ plan: PlanRow; apply?: ApplyRow }> {
  const { fixture, configPath } = await prepare(users, settings.offices);
  // Strict: a request beyond the rate in any rolling second is a 429, as Dialpad counts (issue 31).
  const emulator = createEmulator({ fixture, latencyMs: settings.latencyMs, rateLimit: settings.ratePerSecond, strictRateLimit: true });
  const bound = computeReadBound(emulator.snapshot());
  const running = await emulator.listen(0);
  try {
    const renames = apply ? settings.applyOps : Math.min(settings.applyOps, users);
    const m = await runMeasurement({ url: running.url, configPath, rate: settings.ratePerSecond, renames, apply });
    const plan = toPlanRow(users, m, bound.calls);
    if (!apply || m.apply === undefined) return { plan };
    const a = m.apply;
    return {
      plan,
      apply: {
        users,
        operations: a.operations,
        done: a.done,
        status: a.status,
        wallMs: a.wallMs,
        calls: a.calls,
        opsPerSecond: a.done / (a.wallMs / 1000),
        callsPerSecond: a.calls / (a.wallMs / 1000),
        client429: a.client429,
        emulator429: a.emulator429,
        maxIn1s: a.maxIn1s,
        converged: a.converged,
      },
    };
  } finally {
    await running.close();
  }
}

const settings = readSettings(process.env);
const planRows: PlanRow[] = [];
const applyRows: ApplyRow[] = [];
for (const users of settings.sizes) {
  process.stderr.write(`bench: ${users} users…\n`);
  planRows.push((await benchSize(users, settings, false)).plan);
}
if (settings.applyOps > 0) {
  const users = Math.max(settings.applyOps, 2000);
  process.stderr.write(`bench: apply ${settings.applyOps} renames on ${users} users…\n`);
  const result = await benchSize(users, settings, true);
  if (result.apply) applyRows.push(result.apply);
}
const configRows: ConfigLoadRow[] = [];
for (const users of settings.configSizes) {
  process.stderr.write(`bench: config load, ${users} users…\n`);
  const { dir } = await prepare(users, settings.offices);
  const m = await runChild<ConfigLoadInput, ConfigLoadMeasurement>('measure-config-load.ts', { configPath: dir, runs: settings.configRuns });
  configRows.push({ ...m, users });
}
await removePrepared();
let startup: StartupMeasurement | undefined;
let status: StatusMeasurement | undefined;
if (settings.startupRuns > 0) {
  process.stderr.write('bench: start-up (built CLI)…\n');
  startup = await measureStartup(settings.startupRuns);
}
if (settings.statusUsers > 0) {
  process.stderr.write(`bench: status of ${settings.statusUsers} users…\n`);
  const fixture = checkFixtureData(generateFixture({ users: settings.statusUsers, offices: settings.offices }), 'status.json');
  status = await measureStatus(fixture, { latencyMs: settings.latencyMs, rate: settings.ratePerSecond });
}
const tables = [
  ...(planRows.length > 0 ? [formatPlanTable(planRows, settings)] : []),
  ...(applyRows.length > 0 ? [formatApplyTable(applyRows, settings)] : []),
  ...(configRows.length > 0 ? [formatConfigLoadTable(configRows, settings.configRuns)] : []),
  formatSummaryTable({ plans: planRows, applies: applyRows, configs: configRows, startup, status }, settings),
];
process.stdout.write(`${tables.join('\n\n')}\n`);
