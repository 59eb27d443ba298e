/**
 * The plan's CPU at one size, several times: generates a company and its matching config (as
 * `npm run bench` does), then runs bench/measure-plan.ts `runs` times, each in a fresh process
 * against a fresh emulator, and prints each run's diff + plan + render CPU (all threads, the
 * bench's figure) and the main thread's. For comparing two trees run by run (alternate them: the
 * machine's speed drifts), without the rest of the bench.
 *
 *   node --import tsx bench/repeat-plan.ts [users=50000] [runs=3] [latency ms=50] [rate=20]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkFixtureData, createEmulator } from '../src/emulator/index.js';
import { generateFixture } from './generate-fixture.js';
import type { MeasureInput, Measurement } from './measure-plan.js';
import { writeMatchingConfig } from './write-config.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const [users = 50_000, runs = 3, latencyMs = 50, rate = 20] = process.argv.slice(2).map(Number);

const fixture = checkFixtureData(generateFixture({ users, offices: 20 }), `generated-${users}.json`);
const dir = await mkdtemp(join(tmpdir(), 'dialform-repeat-plan-'));
try {
  await writeMatchingConfig(fixture, dir);
  for (let run = 1; run <= runs; run++) {
    const running = await createEmulator({ fixture, latencyMs, rateLimit: rate }).listen(0);
    try {
      const input: MeasureInput = { url: running.url, configPath: dir, rate, renames: Math.min(400, users), apply: false };
      // As bench/run.ts runs it: its own process, so its heap and threads are the plan's alone.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(HERE, 'measure-plan.ts'), JSON.stringify(input)],
        { maxBuffer: 1 << 26 },
      );
      const { plan } = JSON.parse(stdout) as Measurement;
      const main = plan.mainThreadCpuMs === undefined ? 'n/a' : `${(plan.mainThreadCpuMs / 1000).toFixed(2)} s`;
      process.stdout.write(`run ${run}: diff + plan + render CPU ${(plan.cpuMs / 1000).toFixed(2)} s, main thread ${main}\n`);
    } finally {
      await running.close();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
