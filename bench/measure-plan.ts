/**
 * One benchmark run in its own process (so its peak RSS is its own): load the config, rename
 * `renames` users in it, plan against the emulator at `url`, and optionally apply that plan.
 * Prints one JSON `Measurement` on stdout. Run by bench/run.ts; input is argv[2] as JSON.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan } from '../src/apply/apply-plan.js';
import { openJournal } from '../src/apply/journal.js';
import { loadConfig } from '../src/config/index.js';
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
    loadConfigMs: number;
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
  const onRequest = (e: RequestEvent): void => {
    calls++;
    const endpoint = endpointOf(e);
    endpoints[endpoint] = (endpoints[endpoint] ?? 0) + 1;
  };
  const client = createDialpadClient({ baseUrl: input.url, apiKey: BENCH_API_KEY, rateLimit: input.rate, onRequest });

  // As `dialform plan` does it: the config loads beside phase 1 of the read, phase 2 waits for
  // it (`readForPlan`), then plan and render.
  const wallStart = performance.now();
  let loadConfigMs = 0;
  const loading = loadConfig(input.configPath).then((desired) => {
    loadConfigMs = performance.now() - wallStart;
    renameUsers(desired, input.renames);
    return desired;
  });
  loading.catch(() => undefined);
  const live = await fetchLive(client, readForPlan(loading));
  const desired = await loading;
  const planCalls = calls;

  const cpuStart = process.cpuUsage();
  const plan = planFromRead({ desired, read: live, now: new Date() });
  const text = renderText(plan, { color: false });
  const cpu = process.cpuUsage(cpuStart);
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
      loadConfigMs,
      endpoints: { ...endpoints },
    },
    maxRss: 0,
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

const input = JSON.parse(process.argv[2] ?? '{}') as MeasureInput;
process.stdout.write(`${JSON.stringify(await measure(input))}\n`);
