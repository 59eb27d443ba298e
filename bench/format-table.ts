/** Markdown tables for `npm run bench`. */
import type { Measurement } from './measure-plan.js';

export interface BenchSettings {
  latencyMs: number;
  ratePerSecond: number;
}

export interface PlanRow {
  users: number;
  /** Requests the plan's read made. */
  calls: number;
  /** Requests the old read-everything design needs for the same company (`computeReadBound`). */
  oldCalls: number;
  /** The `plan` run from starting the config load and the read to the plan, ms. */
  wallMs: number;
  operations: number;
  /** CPU of diff + plan + render, ms. */
  cpuMs: number;
  maxRss: number;
  /** The config load alone (it runs beside the read), ms. */
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

/**
 * The plan table: one row per company size. `wall/ideal` is the wall time over the time the calls
 * take at the rate limit alone (calls ÷ rate): 1.00 would be a read that is nothing but its budget.
 */
export function formatPlanTable(rows: PlanRow[], s: BenchSettings): string {
  const title = `plan — emulator latency ${s.latencyMs} ms, rate limit ${s.ratePerSecond} req/s (client and emulator), page size 100`;
  const header = [
    'users', 'API calls', 'calls, old design', 'wall s', 'wall ÷ (calls ÷ rate)', 'load config s',
    'diff+plan+render CPU s', 'peak RSS MiB', 'ops', 'read complete',
  ];
  const body = rows.map((r) => [
    String(r.users),
    String(r.calls),
    String(r.oldCalls),
    seconds(r.wallMs),
    (r.wallMs / ((r.calls / s.ratePerSecond) * 1000)).toFixed(2),
    seconds(r.loadConfigMs),
    seconds(r.cpuMs),
    mib(r.maxRss),
    String(r.operations),
    r.complete ? 'yes' : 'NO',
  ]);
  return `${title}\n\n${formatRows(header, body)}`;
}

/** Requests per endpoint (`endpointOf` in measure-plan.ts), busiest first. */
export function formatEndpointTable(title: string, endpoints: Record<string, number>): string {
  const rows = Object.entries(endpoints)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([endpoint, n]) => [endpoint, String(n)]);
  const total = Object.values(endpoints).reduce((sum, n) => sum + n, 0);
  return `${title}\n\n${formatRows(['endpoint', 'calls'], [...rows, ['total', String(total)]])}`;
}

/** A plan-table row from one measurement; `oldCalls` is `computeReadBound(...).calls` for its company. */
export function toPlanRow(users: number, m: Measurement, oldCalls: number): PlanRow {
  return {
    users,
    calls: m.plan.calls,
    oldCalls,
    wallMs: m.plan.wallMs,
    operations: m.plan.operations,
    cpuMs: m.plan.cpuMs,
    maxRss: m.maxRss,
    loadConfigMs: m.plan.loadConfigMs,
    complete: m.plan.incomplete.length === 0,
  };
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
