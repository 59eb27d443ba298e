import { digestTenant } from '../model/digest-tenant.js';
import type { LiveState } from '../model/tenant.js';

/**
 * `sha256:<hex>` of the live tenant (what a plan was computed against). Takes the read as
 * `fetchLive` returns it, before any config keyed its offices, so `apply FILE` recognises the same
 * live state whatever config it runs with. Offices are recorded by their bare live id (`1`, not
 * `id:1`), as digests always have been, so saved plans stay valid.
 */
export function digestLive(read: LiveState): string {
  const idOf = new Map(read.tenant.offices.map((o) => [o.key, o.id ?? o.key]));
  return digestTenant(read.tenant, { office: (key) => idOf.get(key) ?? key });
}
