/**
 * Where diff + plan + render spend their CPU: a CPU profile of `planFromRead` + `renderText` only
 * (not the config load, not the read), for a generated company.
 *
 *   node --import tsx bench/profile-plan.ts [users=50000] [renames=2000] [runs=5] [out.cpuprofile]
 *
 * Generates the company and its matching config (as `npm run bench` does) and reads it through an
 * unthrottled emulator. Then plans `runs` times and prints the CPU of each and the median (the
 * bench's figure, without its network wait) and the least (the one to compare under load); with `out`, profiles one more plan with
 * `node:inspector` and prints the 25 functions with the most self time. The profile file opens in
 * Chrome DevTools (Performance › Load profile).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session, type Profiler } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { createDialpadClient, fetchLive } from '../src/dialpad/index.js';
import { checkFixtureData, createEmulator } from '../src/emulator/index.js';
import { planFromRead } from '../src/plan-against-live.js';
import { renderText } from '../src/render/text.js';
import { generateFixture } from './generate-fixture.js';
import { BENCH_API_KEY, writeMatchingConfig } from './write-config.js';

const users = Number(process.argv[2] ?? 50_000);
const renames = Number(process.argv[3] ?? 2_000);
const runs = Number(process.argv[4] ?? 5);
const out = process.argv[5];

/** Self time per function (`name file:line`), most first. */
function summarizeSelfTime(profile: Profiler.Profile): Array<{ fn: string; ms: number }> {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + (self.get(node.id) ?? 0));
  }
  return [...byFn].map(([fn, ms]) => ({ fn, ms })).sort((a, b) => b.ms - a.ms);
}

const fixture = checkFixtureData(generateFixture({ users, offices: 20 }), `generated-${users}.json`);
const dir = await mkdtemp(join(tmpdir(), `dialform-profile-${users}-`));
try {
  await writeMatchingConfig(fixture, dir);
  const desired = await loadConfig(dir);
  for (const user of desired.tenant.users.filter((u) => u.state === 'active').slice(0, renames)) user.lastName = `${user.lastName} Renamed`;
  const running = await createEmulator({ fixture, rateLimit: 0 }).listen(0);
  const read = await fetchLive(createDialpadClient({ baseUrl: running.url, apiKey: BENCH_API_KEY, rateLimit: 1_000_000 }));
  await running.close();

  const cpuMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    globalThis.gc?.();
    const cpuStart = process.cpuUsage();
    renderText(planFromRead({ desired, read, now: new Date() }), { color: false });
    const cpu = process.cpuUsage(cpuStart);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  const sorted = [...cpuMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(cpuMs.length / 2)];
  // The least is the figure to compare on a loaded machine: load only ever adds CPU (cache misses, migrations).
  process.stdout.write(
    `${users} users, ${renames} renames: diff + plan + render CPU s ${cpuMs.map((ms) => (ms / 1000).toFixed(2)).join(' ')}; median ${((median ?? 0) / 1000).toFixed(2)}, least ${((sorted[0] ?? 0) / 1000).toFixed(2)}\n`,
  );

  if (out !== undefined) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    renderText(planFromRead({ desired, read, now: new Date() }), { color: false });
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await writeFile(out, JSON.stringify(profile));
    for (const { fn, ms } of summarizeSelfTime(profile).slice(0, 25)) process.stdout.write(`${ms.toFixed(0).padStart(7)} ms  ${fn}\n`);
    process.stdout.write(`profile: ${out}\n`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
