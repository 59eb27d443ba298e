/** Markdown tables for `npm run bench`. */

export interface BenchSettings {
  latencyMs: number;
  ratePerSecond: number;
}

export interface PlanRow {
  users: number;
  calls: number;
  minCalls: number;
  wallMs: number;
  boundMs: number;
  chain: number;
  operations: number;
  cpuMs: number;
  heapGrowth: number;
  maxRss: number;
  loadConfigMs: number;
  complete: boolean;
}

export interface ApplyRow {
  users: number;
  operations: number;
  done: number;
  status: string;
  wallMs: number;
  calls: number;
  opsPerSecond: number;
  callsPerSecond: number;
  client429: number;
  emulator429: number;
  maxIn1s: number;
  converged: boolean;
}

const MIB = 1024 * 1024;
const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const mib = (bytes: number): string => (bytes / MIB).toFixed(0);

function formatRows(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

/** The plan table: one row per company size. */
export function formatPlanTable(rows: PlanRow[], s: BenchSettings): string {
  const title = `plan — emulator latency ${s.latencyMs} ms, rate limit ${s.ratePerSecond} req/s (client and emulator), page size 100`;
  const header = [
    'users', 'API calls', 'minimum', 'wall s', 'bound s', 'wall/bound', 'ops',
    'diff+plan+render CPU s', 'heap growth MiB', 'peak RSS MiB', 'load config s', 'read complete',
  ];
  const body = rows.map((r) => [
    String(r.users),
    String(r.calls),
    String(r.minCalls),
    seconds(r.wallMs),
    seconds(r.boundMs),
    (r.wallMs / r.boundMs).toFixed(2),
    String(r.operations),
    seconds(r.cpuMs),
    mib(r.heapGrowth),
    mib(r.maxRss),
    seconds(r.loadConfigMs),
    r.complete ? 'yes' : 'NO',
  ]);
  return `${title}\n\n${formatRows(header, body)}`;
}

/** The apply table: the rename run. */
export function formatApplyTable(rows: ApplyRow[], s: BenchSettings): string {
  const title = `apply — emulator latency ${s.latencyMs} ms, rate limit ${s.ratePerSecond} req/s`;
  const header = [
    'users', 'operations', 'done', 'status', 'wall s', 'API calls', 'ops/s', 'calls/s', '% of rate limit',
    '429s (client)', '429s (emulator)', 'max req in 1 s', 'second plan empty',
  ];
  const body = rows.map((r) => [
    String(r.users),
    String(r.operations),
    String(r.done),
    r.status,
    seconds(r.wallMs),
    String(r.calls),
    r.opsPerSecond.toFixed(1),
    r.callsPerSecond.toFixed(1),
    `${((r.callsPerSecond / s.ratePerSecond) * 100).toFixed(0)}%`,
    String(r.client429),
    String(r.emulator429),
    String(r.maxIn1s),
    r.converged ? 'yes' : 'NO',
  ]);
  return `${title}\n\n${formatRows(header, body)}`;
}
