/**
 * Whether Dialpad's clock (the `Date` of the live read, `LiveState.readAt`) may decide "today".
 * Lifecycle dates (`starts_on`, `leaves_on`, `delete_after_days`) are judged by it, not by the
 * planning machine's clock (docs/lifecycle.md); but a `Date` header far off (a proxy's, a
 * misconfigured server's: one four years ahead would suspend every future leaver at once) must not
 * act unchecked. Within `MAX_CLOCK_SKEW_MS` of this machine's clock it is trusted; beyond, only once
 * the config acknowledges the date it shows (`policy.dialpad_clock_acknowledged`), which a reviewer
 * sees in the pull request and which stops matching once Dialpad's clock moves to another day.
 */
import { DEFAULT_TIME_ZONE, formatDateIn } from './lifecycle-dates.js';
import { dialpadClock, type DesiredState, type LiveState } from './tenant.js';

/** How far Dialpad's clock may be from this machine's before it needs acknowledging: a day. */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** Dialpad's clock more than a day from this machine's. */
export interface ClockSkew {
  /** Dialpad's clock (the read's `Date`), ISO. */
  dialpad: string;
  /** This machine's clock, ISO. */
  local: string;
  /** Dialpad's date in `policy.time_zone`: what `policy.dialpad_clock_acknowledged` must say. */
  dialpadDate: string;
  /** Whole days between the two, rounded down. */
  days: number;
  /** True when the config acknowledges `dialpadDate`: lifecycle dates then follow Dialpad's clock. */
  acknowledged: boolean;
}

/**
 * The skew between Dialpad's clock and `now` (this machine's), or `undefined` when within a day,
 * unknown, or of no consequence: no user in the config has a lifecycle date (so a rehearsal on an
 * emulator whose clock was moved, with no dated users, plans and prints as before).
 */
export function checkDialpadClock(desired: DesiredState, live: LiveState, now: Date | undefined): ClockSkew | undefined {
  const dialpad = dialpadClock(live);
  if (dialpad === undefined || now === undefined) return undefined;
  if (!desired.tenant.users.some((u) => u.startsOn !== undefined || u.leavesOn !== undefined)) return undefined;
  const apart = Math.abs(dialpad.getTime() - now.getTime());
  if (apart <= MAX_CLOCK_SKEW_MS) return undefined;
  const dialpadDate = formatDateIn(dialpad, desired.policy.timeZone ?? DEFAULT_TIME_ZONE);
  return {
    dialpad: dialpad.toISOString(),
    local: now.toISOString(),
    dialpadDate,
    days: Math.floor(apart / MAX_CLOCK_SKEW_MS),
    acknowledged: desired.policy.dialpadClockAcknowledged === dialpadDate,
  };
}

/** The warning `plan` and `apply` print for a skew (one line, ending in a newline). */
export function describeClockSkew(skew: ClockSkew): string {
  const gap = `Dialpad's clock (${skew.dialpad}) is ${skew.days} day${skew.days === 1 ? '' : 's'} from this machine's (${skew.local})`;
  return skew.acknowledged
    ? `warning: ${gap}; policy.dialpad_clock_acknowledged: ${skew.dialpadDate} says Dialpad's is right, so lifecycle dates follow it.\n`
    : `warning: ${gap}: lifecycle dates (starts_on, leaves_on, delete_after_days) are not acted on. Check both clocks; if Dialpad's is right, set policy.dialpad_clock_acknowledged: "${skew.dialpadDate}" in the config.\n`;
}
