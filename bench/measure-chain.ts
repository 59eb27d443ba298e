/**
 * One plan run at one size, for where the plan's wall time goes (issue 31, third pass): the users
 * list's chain of cursor pages and the event-loop blocks that delay it (`Measurement.chain`), and
 * diff + plan + render CPU of the whole process and of the main thread alone.
 *
 *   node --import tsx bench/measure-chain.ts [users=50000] [latencyMs=50] [rate=20]   # BENCH_CHAIN_DEBUG=1: every block > 50 ms
 *
 * By default Dialpad's settings as `npm run bench` uses them (50 ms latency, 20 requests/s, strict); latency 0 and
 * a high rate leave each page's own cost (emulator, loopback, client) as the gap between pages. The
 * emulator in this process and the measurement in its own (bench/measure-plan.ts), as the bench does.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFixtureData, createEmulator } from '../src/emulator/index.js';
import { generateFixture } from './generate-fixture.js';
import type { Measurement } from './measure-plan.js';
import { writeMatchingConfig } from './write-config.js';

const users = Number(process.argv[2] ?? 50_000);
const latencyMs = Number(process.argv[3] ?? 50);
const rate = Number(process.argv[4] ?? 20);
const fixture = checkFixtureData(generateFixture({ users, offices: 20 }), `generated-${users}.json`);
const dir = await mkdtemp(join(tmpdir(), `dialform-chain-${users}-`));
try {
  const configPath = await writeMatchingConfig(fixture, dir);
  const running = await createEmulator({ fixture, latencyMs, rateLimit: rate, strictRateLimit: true }).listen(0);
  const input = { url: running.url, configPath, rate, renames: 400, apply: false };
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'measure-plan.ts'), JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.on('exit', resolve));
  await running.close();
  const m = JSON.parse(out) as Measurement;
  const { endpoints: _endpoints, ...plan } = m.plan;
  process.stdout.write(`${JSON.stringify({ users: m.users, ...plan, chain: m.chain })}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
