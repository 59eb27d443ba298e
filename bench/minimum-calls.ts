import type { Fixture } from '../src/emulator/index.js';

/** The emulator's (and Dialpad's) default page size. */
export const PAGE_SIZE = 100;

/** What a complete live read must cost at best, derived from the emulator's state. */
export interface ReadBound {
  /** Fewest requests: company + every page of each list + plan and available_licenses per office. */
  calls: number;
  /** Longest chain of requests that depend on each other (each page needs the previous cursor). */
  chain: number;
  offices: number;
  users: number;
  numbers: number;
}

/**
 * Pages a cursor walk needs for `n` items: a full page always carries a cursor, so a list whose
 * length is a multiple of the page size ends with an empty page (and an empty list is one page).
 */
export function countPages(n: number, pageSize = PAGE_SIZE): number {
  return Math.floor(n / pageSize) + 1;
}

/**
 * The minimum read for `fetchLive`: `GET /company`, the offices, users (`state=all`: every user
 * not yet anonymized) and numbers lists, and two per-office reads. The per-office reads can only
 * start once the offices list is read, so the office chain is its pages plus one.
 */
export function computeReadBound(state: Fixture): ReadBound {
  const offices = state.offices.length;
  const users = state.users.filter((u) => u.anonymized !== true).length;
  const numbers = state.numbers.length;
  const pages = { offices: countPages(offices), users: countPages(users), numbers: countPages(numbers) };
  return {
    calls: 1 + pages.offices + pages.users + pages.numbers + 2 * offices,
    chain: Math.max(1, pages.users, pages.numbers, pages.offices + (offices > 0 ? 1 : 0)),
    offices,
    users,
    numbers,
  };
}

/** Wall-time lower bound in ms: the rate limit or the longest cursor chain, whichever is slower. */
export function computeWallBoundMs(bound: ReadBound, opts: { ratePerSecond: number; latencyMs: number }): number {
  return Math.max((bound.calls / opts.ratePerSecond) * 1000, bound.chain * opts.latencyMs);
}
