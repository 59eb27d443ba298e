import { countPages } from '../src/dialpad/read-budget.js';
import type { Fixture } from '../src/emulator/index.js';

export { countPages, PAGE_SIZE } from '../src/dialpad/read-budget.js';

/**
 * What the old read-everything design (before the two-phase read, issue 15) costs for the
 * emulator's state: the bench's "calls, old design" column, what the two-phase read is compared with.
 */
export interface ReadBound {
  /** Fewest requests: company + every page of each list + plan and available_licenses per office. */
  calls: number;
  offices: number;
  users: number;
  numbers: number;
}

/**
 * The read-everything design's minimum: `GET /company`, the offices, users (`state=all`: every
 * user not yet anonymized) and every number (not only the pool), and two per-office reads.
 */
export function computeReadBound(state: Fixture): ReadBound {
  const offices = state.offices.length;
  const users = state.users.filter((u) => u.anonymized !== true).length;
  const numbers = state.numbers.length;
  const pages = { offices: countPages(offices), users: countPages(users), numbers: countPages(numbers) };
  return {
    calls: 1 + pages.offices + pages.users + pages.numbers + 2 * offices,
    offices,
    users,
    numbers,
  };
}
