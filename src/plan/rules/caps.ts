/**
 * The caps on what a plan may take away at once (`too_many_deletions`, `too_many_suspensions`):
 * an absolute count and a share of what is live, each from config or, unset, a safe default, so a
 * careless config (a users file left out) cannot empty or silence a company.
 */
import type { RuleContext } from './context.js';

/**
 * The defaults. As octoDNS refuses to delete more than 30 % of at least 10 records without
 * `--force`, a share applies from 10 (active users, or live groups); as Microsoft Entra's
 * provisioning quarantines a sync above 500 deletions, so does the count. Suspensions have the same
 * defaults as deletions: a suspended user's phone stops as a deleted one's does.
 */
export const DEFAULT_CAPS = { count: 500, percent: 30, percentFrom: 10 } as const;

/** A cap in force, and whether it is the default (messages say so). */
export interface Limit {
  value: number;
  isDefault: boolean;
}

/** The count cap: config's, else the default. */
export function countLimit(configured: number | undefined): Limit {
  return configured === undefined ? { value: DEFAULT_CAPS.count, isDefault: true } : { value: configured, isDefault: false };
}

/** The share cap on `of` live things: config's, else the default from enough of them, else none. */
export function shareLimit(configured: number | undefined, of: number): Limit | undefined {
  if (configured !== undefined) return { value: configured, isDefault: false };
  return of >= DEFAULT_CAPS.percentFrom ? { value: DEFAULT_CAPS.percent, isDefault: true } : undefined;
}

/** `30%, the default` / `20%`: a limit as messages quote it (`unit`: `%` for a share). */
export function quoteLimit(limit: Limit, unit = ''): string {
  return `${limit.value}${unit}${limit.isDefault ? ', the default' : ''}`;
}

/** The share `part` is of `of`, in percent (all of nothing is 100 %). */
export function percentOf(part: number, of: number): number {
  return of === 0 ? 100 : (part * 100) / of;
}

/** The live active users, what the users' share caps are of. */
export function countActiveUsers(ctx: RuleContext): number {
  let active = 0;
  for (const u of ctx.live.tenant.users) if (u.state === 'active') active += 1;
  return active;
}
