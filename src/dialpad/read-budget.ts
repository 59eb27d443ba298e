/**
 * What reading a company costs in requests, and so in time at Dialpad's rate limit (20 requests per
 * second per company, dialpad-api.md §1.3): the one home of the page arithmetic that `doctor`'s
 * estimate and the bench's bounds (bench/minimum-calls.ts) share.
 */

/** The emulator's (and, as far as doctor has seen, Dialpad's) page size; Dialpad does not document it. */
export const PAGE_SIZE = 100;

/** Dialpad's company-wide limit, which the client keeps by default. */
export const DIALPAD_RATE_PER_SECOND = 20;

/**
 * Pages a cursor walk needs for `n` items: a full page always carries a cursor, so a list whose
 * length is a multiple of the page size ends with an empty page (and an empty list is one page).
 */
export function countPages(n: number, pageSize = PAGE_SIZE): number {
  return Math.floor(n / pageSize) + 1;
}

/** How many of each thing a plan's read walks. */
export interface CompanySize {
  offices: number;
  /** Users listed under `state=all` (not yet anonymized). */
  users: number;
  pool: number;
  departments: number;
  callCenters: number;
}

export interface PlanReadEstimate {
  requests: number;
  seconds: number;
  userPages: number;
}

/**
 * A plan's read at most (`fetchLive` with `readForPlan`): phase 1's company read and every page of
 * the offices, users, pool, departments and call centers, and phase 2's `plan` and
 * `available_licenses` of every office (a plan reads them only for the offices its changes touch,
 * so this is the ceiling; skill levels and lookups for creates come on top, a few each). At `rate`
 * requests per second, the read takes `requests / rate` seconds unless Dialpad answers the user
 * pages, which are read one after another, more slowly than that.
 */
export function estimatePlanRead(size: CompanySize, rate = DIALPAD_RATE_PER_SECOND): PlanReadEstimate {
  const userPages = countPages(size.users);
  const requests = 1 + countPages(size.offices) + userPages + countPages(size.pool) + countPages(size.departments) + countPages(size.callCenters) + 2 * size.offices;
  return { requests, seconds: Math.ceil((requests / rate) * 10) / 10, userPages };
}
