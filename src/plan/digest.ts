import { digestTenant } from '../model/digest-tenant.js';
import type { LiveState } from '../model/tenant.js';

/**
 * `sha256:<hex>` of the live tenant (what a plan was computed against), taken from the read as
 * `fetchLive` returns it, before any config keyed its offices. What the read covers beyond phase 1
 * (office licenses, single numbers, skill levels) is chosen from the config (`choosePlanReads`):
 * the same config and the same Dialpad read the same, so `apply FILE` with the plan's config sees
 * the same digest, and a change in what the plan read since shows as stale. Offices are recorded
 * by their bare live id (`1`, not `id:1`), as digests always have been.
 */
export function digestLive(read: LiveState): string {
  const idOf = new Map(read.tenant.offices.map((o) => [o.key, o.id ?? o.key]));
  return digestTenant(read.tenant, { office: (key) => idOf.get(key) ?? key });
}
