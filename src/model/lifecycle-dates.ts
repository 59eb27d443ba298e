/**
 * Calendar dates of dated joiners and leavers (`starts_on`, `leaves_on`, docs/lifecycle.md):
 * `YYYY-MM-DD` strings, which compare correctly as strings. "Today" is the date of Dialpad's clock
 * (the live read's `Date`) in `policy.time_zone` (UTC by default).
 */

/** The time zone dates are read in when `policy.time_zone` says nothing. */
export const DEFAULT_TIME_ZONE = 'UTC';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return at.toISOString().slice(0, 10) === text;
}

/** Whether `zone` is a tz database name this runtime knows (`Europe/London`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date of `instant` in `zone`, `YYYY-MM-DD`. */
export function formatDateIn(instant: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (m === null) return date;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}
