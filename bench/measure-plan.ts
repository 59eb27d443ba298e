/**
 * One benchmark run in its own process (so its peak RSS is its own): load the config, rename
 * `renames` users in it, plan against the emulator at `url`, and optionally apply that plan.
 * Prints one JSON `Measurement` on stdout. Run by bench/run.ts; input is argv[2] as JSON.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan } from '../src/apply/apply-plan.js';
import { openJournal } from '../src/apply/journal.js';
import { loadReportingThread } from '../src/config/load-config-beside.js';
import { createApplyApi } from '../src/dialpad/apply-api.js';
import { createDialpadClient, fetchLive, type DialpadClient, type RequestEvent } from '../src/dialpad/index.js';
import type { EmulatorStats } from '../src/emulator/index.js';
import type { DesiredState } from '../src/model/tenant.js';
import { planFromRead, readForPlan } from '../src/plan-against-live.js';
import { renderText } from '../src/render/text.js';
import { BENCH_API_KEY } from './write-config.js';

export interface MeasureInput {
  url: string;
  configPath: string;
  rate: number;
  renames: number;
  apply: boolean;
}

export interface Measurement {
  users: number;
  plan: {
    calls: number;
    /** From starting the config load to the rendered plan (the read included), ms. */
    wallMs: number;
    operations: number;
    blocked: boolean;
    incomplete: string[];
    /** CPU (user + system) of diff + plan + render, ms. */
    cpuMs: number;
    /**
     * The same on the main thread alone (Linux `/proc/self/task/<pid>/stat`, 10 ms ticks; absent
     * elsewhere): `process.cpuUsage` counts every thread of the process (V8's GC helpers, workers).
     */
    mainThreadCpuMs?: number;
    loadConfigMs: number;
    /** The thread that loaded the config (`loadConfigBeside`): 0 for the main thread, else a worker. */
    loadThreadId: number;
    /** Requests of the plan's read per endpoint (`endpointOf`). */
    endpoints: Record<string, number>;
  };
  apply?: {
    operations: number;
    done: number;
    status: string;
    wallMs: number;
    calls: number;
    client429: number;
    emulator429: number;
    maxIn1s: number;
    converged: boolean;
  };
  /**
   * The users list's chain of cursor pages during the plan's read (issue 31, third pass): pages,
   * first to last arrival, the gap between consecutive arrivals (ms: median, 90th, max), and how
   * long the event loop was blocked (a 5 ms timer's lateness beyond 5 ms, summed) while the chain
   * ran, split into during the config load and after it.
   */
  chain?: { pages: number; spanMs: number; clientCpuPerPageMs?: number; gapMs: { median: number; p90: number; max: number }; blockedMs: { duringLoad: number; afterLoad: number; longest: number } };
  /** Peak RSS of this whole process (load config + read + diff + plan + render [+ apply]), bytes. */
  maxRss: number;
}

/**
 * A request's endpoint: method and path with ids and numbers as `{id}` / `{number}`, plus the
 * `status` filter when there is one (`GET /api/v2/numbers?status=available`).
 */
export function endpointOf(e: Pick<RequestEvent, 'method' | 'path' | 'query'>): string {
  const path = e.path
    .split('/')
    .map((seg) => (/^\d+$/.test(seg) ? '{id}' : /^(%2B|\+)\d+$/.test(seg) ? '{number}' : seg))
    .join('/');
  return `${e.method} ${path}${e.query.status === undefined ? '' : `?status=${e.query.status}`}`;
}

function renameUsers(desired: DesiredState, count: number): void {
  const users = desired.tenant.users.filter((u) => u.state === 'active').slice(0, count);
  for (const user of users) user.lastName = `${user.lastName} Renamed`;
}

async function readEmulatorStats(url: string): Promise<EmulatorStats> {
  const res = await fetch(`${url}/_emulator/stats`);
  return (await res.json()) as EmulatorStats;
}

async function planOnce(client: DialpadClient, desired: DesiredState) {
  return planFromRead({ desired, read: await fetchLive(client, readForPlan(desired)), now: new Date() });
}

async function measure(input: MeasureInput): Promise<Measurement> {
  let calls = 0;
  const endpoints: Record<string, number> = {};
  const pageArrivals: number[] = [];
  const pageCpu: Array<number | undefined> = [];
  const onRequest = (e: RequestEvent): void => {
    calls++;
    if (e.operation === 'users.list') {
      pageArrivals.push(performance.now());
      pageCpu.push(readMainThreadCpuMs());
    }
    const endpoint = endpointOf(e);
    endpoints[endpoint] = (endpoints[endpoint] ?? 0) + 1;
  };
  const client = createDialpadClient({ baseUrl: input.url, apiKey: BENCH_API_KEY, rateLimit: input.rate, onRequest });

  // As `dialform plan` does it: the config loads beside phase 1 of the read, phase 2 waits for
  // it (`readForPlan`), then plan and render.
  const wallStart = performance.now();
  let loadConfigMs = 0;
  const lags: Array<{ at: number; ms: number }> = [];
  let tick = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    if (now - tick > 10) lags.push({ at: now, ms: now - tick - 5 });
    tick = now;
  }, 5);
  let loadThreadId = 0;
  // As `dialform plan`: `loadConfigBeside` (a worker thread for a large config).
  const loading = loadReportingThread({ kind: 'path', path: input.configPath }).then(({ desired, threadId }) => {
    if (desired === undefined) throw new Error(`no config at ${input.configPath}`);
    loadConfigMs = performance.now() - wallStart;
    loadThreadId = threadId;
    renameUsers(desired, input.renames);
    return desired;
  });
  loading.catch(() => undefined);
  const live = await fetchLive(client, readForPlan(loading));
  const desired = await loading;
  const planCalls = calls;
  clearInterval(probe);
  if (process.env.BENCH_CHAIN_DEBUG) process.stderr.write(`${JSON.stringify({ loadEnd: Math.round(loadConfigMs), first: Math.round((pageArrivals[0] ?? 0) - wallStart), last: Math.round((pageArrivals.at(-1) ?? 0) - wallStart), lags: lags.filter((l) => l.ms > 50).map((l) => [Math.round(l.at - wallStart), Math.round(l.ms)]) })}\n`);

  const mainStart = readMainThreadCpuMs();
  const cpuStart = process.cpuUsage();
  const plan = planFromRead({ desired, read: live, now: new Date() });
  const text = renderText(plan, { color: false });
  const cpu = process.cpuUsage(cpuStart);
  const mainEnd = readMainThreadCpuMs();
  const wallMs = performance.now() - wallStart;
  if (text.length === 0) throw new Error('empty rendering');

  const result: Measurement = {
    users: desired.tenant.users.length,
    plan: {
      calls: planCalls,
      wallMs,
      operations: plan.operations.length,
      blocked: plan.summary.blocked,
      incomplete: live.incomplete,
      cpuMs: (cpu.user + cpu.system) / 1000,
      ...(mainStart !== undefined && mainEnd !== undefined ? { mainThreadCpuMs: mainEnd - mainStart } : {}),
      loadConfigMs,
      loadThreadId,
      endpoints: { ...endpoints },
    },
    maxRss: 0,
    chain: summarizeChain(pageArrivals, pageCpu, lags, wallStart + loadConfigMs),
  };

  if (input.apply) {
    const journalDir = await mkdtemp(join(tmpdir(), 'dialform-bench-journal-'));
    const before = { calls, client: client.stats(), emulator: await readEmulatorStats(input.url) };
    const applyStart = performance.now();
    const report = await applyPlan(plan, { api: createApplyApi(client), journal: openJournal(join(journalDir, 'journal.jsonl')) });
    const applyMs = performance.now() - applyStart;
    const after = { calls, client: client.stats(), emulator: await readEmulatorStats(input.url) };
    const again = await planOnce(client, desired);
    result.apply = {
      operations: plan.operations.length,
      done: report.results.filter((r) => r.outcome.status === 'done').length,
      status: report.status,
      wallMs: applyMs,
      calls: after.calls - before.calls,
      client429: after.client.throttled429 - before.client.throttled429,
      emulator429: after.emulator.rate_limited - before.emulator.rate_limited,
      maxIn1s: after.emulator.max_requests_in_1s,
      converged: again.operations.length === 0,
    };
  }
  result.maxRss = process.resourceUsage().maxRSS * 1024;
  return result;
}

/** User + system CPU of the main thread so far, ms, where Linux's `/proc` says (else `undefined`). */
function readMainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function summarizeChain(arrivals: number[], cpu: Array<number | undefined>, lags: Array<{ at: number; ms: number }>, loadEnd: number): Measurement['chain'] {
  // The main thread's CPU per page once the config is loaded: the client's own cost of a page.
  const afterLoad = arrivals.findIndex((t) => t > loadEnd + 100);
  const cpuFrom = cpu[afterLoad];
  const cpuTo = cpu[cpu.length - 1];
  const pagesAfter = arrivals.length - 1 - afterLoad;
  const clientCpuPerPageMs = afterLoad >= 0 && pagesAfter > 50 && cpuFrom !== undefined && cpuTo !== undefined ? Math.round(((cpuTo - cpuFrom) / pagesAfter) * 10) / 10 : undefined;
  const first = arrivals[0] ?? 0;
  const last = arrivals[arrivals.length - 1] ?? 0;
  const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] ?? t)).sort((a, b) => a - b);
  const at = (q: number): number => Math.round(gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? 0);
  const inChain = lags.filter((l) => l.at - l.ms >= first - 1000 && l.at - l.ms <= last);
  const sum = (ls: typeof lags): number => Math.round(ls.reduce((s, l) => s + l.ms, 0));
  return {
    pages: arrivals.length,
    ...(clientCpuPerPageMs === undefined ? {} : { clientCpuPerPageMs }),
    spanMs: Math.round(last - first),
    gapMs: { median: at(0.5), p90: at(0.9), max: at(1) },
    blockedMs: {
      duringLoad: sum(inChain.filter((l) => l.at <= loadEnd + 5)),
      afterLoad: sum(inChain.filter((l) => l.at > loadEnd + 5)),
      longest: Math.round(Math.max(0, ...inChain.map((l) => l.ms))),
    },
  };
}

const input = JSON.parse(process.argv[2] ?? '{}') as MeasureInput;
process.stdout.write(`${JSON.stringify(await measure(input))}\n`);
