/**
 * `npm run bench:hires`: the issue 15 plan case, real HTTP against the emulator. A company of
 * BENCH_HIRES_USERS users (default 10,000) in BENCH_HIRES_OFFICES offices (default 40), and a
 * config matching it plus BENCH_HIRES new hires (default 25) in the first office. Prints the plan
 * table row and the plan's requests per endpoint.
 *
 * Environment: BENCH_LATENCY_MS (default 50) and BENCH_RATE (default 20): Dialpad's settings;
 * BENCH_DECLARE_LICENSES: `hiring-office` (default: only the hiring office declares `licenses:`)
 * or `all` (every office does, as `dialform import` writes them).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFixtureData, createEmulator } from '../src/emulator/index.js';
import { formatEndpointTable, formatPlanTable, toPlanRow } from './format-table.js';
import { generateFixture, officeId } from './generate-fixture.js';
import type { Measurement, MeasureInput } from './measure-plan.js';
import { computeReadBound } from './minimum-calls.js';
import { writeHiresConfig, type HiresScenario } from './write-config.js';

const HERE = dirname(fileURLToPath(import.meta.url));

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
}

function readDeclared(): HiresScenario['declareLicenses'] {
  const raw = process.env.BENCH_DECLARE_LICENSES ?? 'hiring-office';
  if (raw !== 'all' && raw !== 'hiring-office') throw new Error(`BENCH_DECLARE_LICENSES must be all or hiring-office, got ${raw}`);
  return raw;
}

function measureInChild(input: MeasureInput): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--max-old-space-size=8192', '--import', 'tsx', join(HERE, 'measure-plan.ts'), JSON.stringify(input)],
      { maxBuffer: 1 << 24 },
      (error, stdout, stderr) => (error ? reject(new Error(`measurement failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout) as Measurement)),
    );
  });
}

const users = readNumber('BENCH_HIRES_USERS', 10_000);
const offices = readNumber('BENCH_HIRES_OFFICES', 40);
const hires = readNumber('BENCH_HIRES', 25);
const settings = { latencyMs: readNumber('BENCH_LATENCY_MS', 50), ratePerSecond: readNumber('BENCH_RATE', 20) };
const declareLicenses = readDeclared();

const fixture = checkFixtureData(generateFixture({ users, offices, hires: { office: 0, count: hires } }), `generated-${users}.json`);
const dir = await mkdtemp(join(tmpdir(), `dialform-bench-hires-${users}-`));
try {
  await writeHiresConfig(fixture, dir, { officeId: officeId(0), count: hires, declareLicenses });
  const emulator = createEmulator({ fixture, latencyMs: settings.latencyMs, rateLimit: settings.ratePerSecond });
  const running = await emulator.listen(0);
  try {
    process.stderr.write(`bench: ${users} users, ${offices} offices, ${hires} new hires in one office (licenses declared: ${declareLicenses})…\n`);
    const m = await measureInChild({ url: running.url, configPath: dir, rate: settings.ratePerSecond, renames: 0, apply: false });
    const row = toPlanRow(users, m, computeReadBound(emulator.snapshot()).calls);
    const title = `requests per endpoint — ${users} users, ${offices} offices, ${hires} new hires in one office, licenses declared: ${declareLicenses}`;
    process.stdout.write(`${formatPlanTable([row], settings)}\n\n${formatEndpointTable(title, m.plan.endpoints)}\n`);
    if (m.plan.incomplete.length > 0) process.stdout.write(`\nread incomplete: ${m.plan.incomplete.join('; ')}\n`);
  } finally {
    await running.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
