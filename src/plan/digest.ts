import { digestTenant } from '../model/digest-tenant.js';
import type { LiveState } from '../model/tenant.js';

/**
 * `sha256:<hex>` of the live tenant (what a plan was computed against). Offices are recorded by
 * live id, not key: keys come from whichever config matched the offices, and `apply FILE` must
 * recognise the same live state whatever config it runs with.
 */
export function digestLive(live: LiveState): string {
  const idOf = new Map(live.tenant.offices.map((o) => [o.key, o.id ?? o.key]));
  return digestTenant(live.tenant, { office: (key) => idOf.get(key) ?? key });
}
