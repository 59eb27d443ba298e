import { ApiError } from '../dialpad/api-error.js';
import type { ApiCompany } from '../dialpad/api-types.js';
import type { DialpadClient, RequestEvent } from '../dialpad/client.js';
import { officeIdOf } from '../dialpad/normalize-live.js';
import { DIALPAD_RATE_PER_SECOND, estimatePlanRead } from '../dialpad/read-budget.js';
import { readRaw, type RawRead } from '../dialpad/read-raw.js';
import { checkAssumptions } from './check-assumptions.js';
import { checkShapes, type ReadAnswer } from './check-shapes.js';
import type { DoctorReport, Finding, ShapeReport } from './types.js';

export interface DoctorOptions {
  /** The client to read with; every request it makes must reach `observe`. */
  client: DialpadClient;
  /** The events the client reported so far (its `onRequest`), read once the read is done. */
  events: readonly ObservedRequest[];
  /** Where the client reads, key-free (`Target.label`). */
  target: string;
  /** The client's rate, requests per second (Dialpad's 20 unless `--rate-limit`). */
  rate?: number;
  /**
   * The target is the embedded emulator, whose clock is its fixture's `clock` by design (the
   * example's is fixed): a skew is then a warning naming that, never a block.
   */
  emulated?: boolean;
}

/** A request as the client reported it, with our clock when it did. */
export interface ObservedRequest {
  event: RequestEvent;
  localTime: number;
}

/** Seconds Dialpad's clock may be off ours before doctor warns, and before it blocks. */
const CLOCK_WARN_SECONDS = 30;
const CLOCK_BLOCK_SECONDS = 300;

const RATE_LIMIT_HEADER = /rate-?limit|retry-after/i;

/**
 * Reads the company as a plan would (GETs only), and reports what a first plan needs to know:
 * whether the key works and is a company-admin key, the plan tier, offices and users, what a
 * plan's read costs at the rate limit, Dialpad's clock against ours, the rate-limit headers, every
 * answer against the OpenAPI description, and the documented assumptions the read bears on.
 * Never throws for Dialpad's answers: each problem is a finding.
 */
export async function runDoctor(opts: DoctorOptions): Promise<DoctorReport> {
  const rate = opts.rate ?? DIALPAD_RATE_PER_SECOND;
  const findings: Finding[] = [];
  let key: DoctorReport['key'] = { works: false, company_admin: 'unknown' };
  let company: ApiCompany | undefined;
  let read: RawRead | undefined;
  try {
    company = await opts.client.getCompany();
    key = { works: true, company_admin: true };
    read = await readRaw(opts.client, { numbers: 'pool', skills: false, company });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    findings.push(findingOfFailure(err));
    if (err.kind === 'forbidden') key = { works: true, company_admin: false };
  }
  const answers: ReadAnswer[] = opts.events.flatMap(({ event }) =>
    event.status !== undefined && event.status < 300 && event.response !== undefined ? [{ operation: event.operation, body: event.response }] : [],
  );
  const shapes = checkShapes(answers);
  findings.push(...findingsOfShapes(shapes));
  const clock = measureClock(opts.events);
  if (clock !== undefined) findings.push(...findingsOfClock(clock.skew_seconds, opts.emulated === true));
  const incomplete = read?.incomplete ?? [];
  if (incomplete.length > 0) {
    findings.push({
      severity: 'error',
      code: 'read_incomplete',
      message: `Dialpad could not be read completely: ${incomplete.join('; ')}`,
      advice: 'A plan made now would withhold deletions (incomplete_live_read). Run doctor again; if it persists, report the reads named.',
    });
  }
  const assumptions = read === undefined ? [] : checkAssumptions({ read, pages: largestPage(answers) });
  for (const a of assumptions.filter((x) => x.status === 'contradicted')) {
    findings.push({
      severity: 'warning',
      code: 'assumption_contradicted',
      message: `${a.id}: ${a.assumption}; this company shows otherwise: ${a.detail}`,
      advice: 'dialform may misjudge what Dialpad will do here: read docs/fidelity.md for its reading, and report this output (it is safe to paste).',
    });
  }
  if (company !== undefined) findings.push(...findingsOfTier(company.account_type));
  return {
    format_version: 1,
    target: opts.target,
    key,
    ...(company === undefined ? {} : { company: { ...(company.name === undefined ? {} : { name: company.name }), ...(company.account_type === undefined ? {} : { account_type: company.account_type }), plan_tier: describeTier(company.account_type) } }),
    ...summarizeCompany(read),
    ...(read === undefined ? {} : { plan_read: planRead(read, rate) }),
    ...(clock === undefined ? {} : { clock }),
    rate_limit_headers: collectRateLimitHeaders(opts.events),
    shapes,
    assumptions,
    incomplete,
    findings,
    requests: opts.events.length,
  };
}

function findingOfFailure(err: ApiError): Finding {
  switch (err.kind) {
    case 'unauthorized':
      return { severity: 'error', code: 'key_rejected', message: `Dialpad refused the API key (401): ${err.message}`, advice: 'Check DIALPAD_API_KEY (or --api-key-file) and that the key has not expired (Admin Settings › My Company › Authentication › API Keys).' };
    case 'forbidden':
      return {
        severity: 'error',
        code: 'key_not_company_admin',
        message: `the API key works but is not a company-admin key: ${err.message}`,
        advice: 'GET /api/v2/company "requires a company admin API key" (Dialpad API reference); dialform reads the whole company. Have a company admin create the key.',
      };
    default:
      return { severity: 'error', code: 'read_failed', message: `Dialpad could not be read: ${err.message}`, advice: 'Check --api-url, the network and Dialpad\'s status, then run doctor again.' };
  }
}

function findingsOfShapes(shapes: readonly ShapeReport[]): Finding[] {
  const out: Finding[] = [];
  for (const s of shapes) {
    const name = s.schema.replace(/^schemas\./, '');
    const missing = Object.entries(s.missing_fields);
    if (s.invalid.length > 0 || missing.length > 0) {
      const what = [...s.invalid, ...missing.map(([f, n]) => `${n} of ${s.records} record(s) lack ${f}, which dialform reads`)];
      out.push({ severity: 'error', code: 'response_shape', message: `${name}: ${what.join('; ')}`, advice: 'Dialpad answered in a shape dialform does not read correctly: do not plan; report this output.' });
    }
    const unknown = Object.keys(s.unknown_fields);
    if (unknown.length > 0) {
      out.push({ severity: 'warning', code: 'unknown_fields', message: `${name}: fields not in Dialpad's OpenAPI description: ${unknown.join(', ')}`, advice: 'dialform ignores them; a renamed field shows here beside a missing one.' });
    }
  }
  return out;
}

function findingsOfClock(skew: number, emulated: boolean): Finding[] {
  const abs = Math.abs(skew);
  if (abs <= CLOCK_WARN_SECONDS) return [];
  const message = `Dialpad's clock is ${formatDuration(abs)} ${skew > 0 ? 'ahead of' : 'behind'} this machine's`;
  if (emulated) return [{ severity: 'warning', code: 'clock_skew', message, advice: "The embedded emulator keeps its fixture's clock (`clock:`); against Dialpad this would block." }];
  const advice = 'Plans date starts_on, leaves_on and delete_after_days by this machine\'s clock and restore windows by Dialpad\'s: synchronise this machine\'s clock (NTP).';
  return [{ severity: abs > CLOCK_BLOCK_SECONDS ? 'error' : 'warning', code: 'clock_skew', message, advice }];
}

function findingsOfTier(accountType: string | undefined): Finding[] {
  if (accountType === 'pro' || accountType === 'enterprise') return [];
  return [
    {
      severity: 'warning',
      code: 'plan_tier',
      message: accountType === undefined ? 'the company read shows no plan tier (account_type)' : `the company's plan tier is "${accountType}"`,
      advice: 'License and user transfers between offices need an Advanced or Premium plan (account_type pro or enterprise): plans that move users or licenses are blocked (plan_tier_required).',
    },
  ];
}

function describeTier(accountType: string | undefined): string {
  switch (accountType) {
    case 'pro':
    case 'enterprise':
      return `${accountType}: Advanced or Premium, license and user transfers allowed`;
    case 'free':
    case 'standard':
      return `${accountType}: no license or user transfers between offices`;
    case undefined:
      return 'unknown: the API did not show it';
    default:
      return `${accountType}: a tier dialform does not know`;
  }
}

function summarizeCompany(read: RawRead | undefined): Pick<DoctorReport, 'offices' | 'users'> {
  if (read === undefined) return { offices: [], users: { total: 0, by_state: {} } };
  const count = (into: Record<string, number>, state: string) => (into[state] = (into[state] ?? 0) + 1);
  const byState: Record<string, number> = {};
  const perOffice = new Map<string, Record<string, number>>();
  for (const u of read.users) {
    const state = u.state ?? 'unknown';
    count(byState, state);
    const office = String(u.office_id);
    count(perOffice.get(office) ?? perOffice.set(office, {}).get(office)!, state);
  }
  const offices = read.offices.map((o) => {
    const id = officeIdOf(o) ?? '';
    return { id, name: o.name ?? '', country: String(o.country ?? '').toUpperCase(), users: perOffice.get(id) ?? {} };
  });
  return { offices, users: { total: read.users.length, by_state: byState } };
}

function planRead(read: RawRead, rate: number): NonNullable<DoctorReport['plan_read']> {
  const size = { offices: read.offices.length, users: read.users.length, pool: read.numbers.length, departments: read.departments.length, callCenters: read.callCenters.length };
  const estimate = estimatePlanRead(size, rate);
  return { requests: estimate.requests, seconds: estimate.seconds, rate_per_second: rate, user_pages: estimate.userPages };
}

/** Dialpad's `Date` against our clock when each answer came, the median over the answers (the header has whole seconds). */
function measureClock(events: readonly ObservedRequest[]): DoctorReport['clock'] {
  const skews: { skew: number; dialpad: number; local: number }[] = [];
  for (const { event, localTime } of events) {
    const date = Date.parse(event.responseHeaders?.['date'] ?? '');
    if (Number.isFinite(date)) skews.push({ skew: (date - localTime) / 1000, dialpad: date, local: localTime });
  }
  if (skews.length === 0) return undefined;
  skews.sort((a, b) => a.skew - b.skew);
  const median = skews[Math.floor(skews.length / 2)]!;
  return { dialpad: new Date(median.dialpad).toISOString(), local: new Date(median.local).toISOString(), skew_seconds: Math.round(median.skew) };
}

function collectRateLimitHeaders(events: readonly ObservedRequest[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const { event } of events) for (const [name, value] of Object.entries(event.responseHeaders ?? {})) if (RATE_LIMIT_HEADER.test(name)) found[name] = value;
  return Object.fromEntries(Object.entries(found).sort(([a], [b]) => a.localeCompare(b)));
}

/** The fullest list page doctor was sent, and whether any list took more than one page. */
function largestPage(answers: readonly ReadAnswer[]): { largest: number; paged: boolean } {
  let largest = 0;
  let paged = false;
  for (const { body } of answers) {
    if (typeof body !== 'object' || body === null || !('items' in body)) continue;
    const page = body as { items?: unknown; cursor?: unknown };
    if (Array.isArray(page.items)) largest = Math.max(largest, page.items.length);
    if (typeof page.cursor === 'string' && page.cursor !== '' && Array.isArray(page.items) && page.items.length > 0) paged = true;
  }
  return { largest, paged };
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
