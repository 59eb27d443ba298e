/** Issue 31's table (`npm run bench`'s last table): each measure, today's figure and its target. */
import { loadavg } from 'node:os';
import { medianOf, type ConfigLoadRow } from './format-config-table.js';
import type { ApplyRow, BenchSettings, PlanRow } from './format-table.js';
import type { StartupMeasurement, StatusMeasurement } from './measure-cli.js';

export interface SummaryInput {
  plans: readonly PlanRow[];
  applies: readonly ApplyRow[];
  configs: readonly ConfigLoadRow[];
  startup?: StartupMeasurement;
  status?: StatusMeasurement;
}

const s2 = (ms: number): string => (ms / 1000).toFixed(2);
const missing = '(not run)';

/** `a / b / c` of the rows whose size is in `sizes`, or `(not run)`. */
function bySize<R extends { users: number }>(rows: readonly R[], sizes: readonly number[], cell: (r: R) => string): string {
  const found = sizes.map((n) => rows.find((r) => r.users === n)).filter((r): r is R => r !== undefined);
  return found.length === 0 ? missing : `${found.map(cell).join(' / ')} (${found.map((r) => r.users.toLocaleString('en')).join(' / ')} users)`;
}

export function formatSummaryTable(input: SummaryInput, s: BenchSettings): string {
  const rate = s.ratePerSecond;
  const ratio = (r: PlanRow): string => (r.wallMs / 1000 / (r.calls / rate)).toFixed(2);
  const status = input.status;
  const rows: string[][] = [
    ['plan wall ÷ (calls ÷ rate), 10k / 50k / 100k users', bySize(input.plans, [10_000, 50_000, 100_000], ratio), '≤ 1.10 at every size, + 1 s start'],
    ['diff + plan + render CPU, 50,000 users', bySize(input.plans, [50_000], (r) => `${s2(r.cpuMs)} s`), '≤ 0.8 s'],
    ['`validate`, 50,000 / 100,000 users', bySize(input.configs, [50_000, 100_000], (r) => `${s2(medianOf(r.validateMs))} s (CPU ${s2(medianOf(r.validateCpuMs))} s)`), '≤ 1.5 s / ≤ 3 s'],
    [
      'most requests in any 1-second window during apply (emulator strict)',
      input.applies.length === 0 ? missing : input.applies.map((a) => `${a.maxIn1s} (429s: ${a.emulator429})`).join(', '),
      `≤ ${rate}, no 429`,
    ],
    [
      '`dialform --version` / `validate` of the example',
      input.startup === undefined
        ? missing
        : `${s2(medianOf(input.startup.versionMs))} s / ${s2(medianOf(input.startup.validateExampleMs))} s (CPU ${s2(medianOf(input.startup.versionCpuMs))} s / ${s2(medianOf(input.startup.validateExampleCpuMs))} s; \`node -e 0\`: CPU ${s2(medianOf(input.startup.floorCpuMs))} s)`,
      '≤ 0.15 s / ≤ 0.35 s',
    ],
    [
      `\`status\` of ${status?.users.toLocaleString('en') ?? '2,000'} users at the rate limit`,
      status === undefined ? missing : `${s2(status.wallMs)} s for ${status.calls} calls (calls ÷ rate + 1 s = ${(status.calls / rate + 1).toFixed(2)} s; max ${status.maxIn1s} in 1 s, 429s: ${status.rateLimited})`,
      '≤ (calls ÷ rate) + 1 s',
    ],
  ];
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  const title = `issue 31 — at Dialpad's settings (${rate} req/s, ${s.latencyMs} ms); start-up and status through the built CLI (median); load average at the end: ${load}`;
  const lines = [['measure', 'measured', 'target'], ['---', '---', '---'], ...rows].map((c) => `| ${c.join(' | ')} |`);
  return `${title}\n\n${lines.join('\n')}`;
}
