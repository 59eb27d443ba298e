import { digestTenant } from '../model/digest-tenant.js';
import type { LiveState, Tenant } from '../model/tenant.js';

/**
 * `sha256:<hex>` of the live tenant (what a plan was computed against). Takes the read as
 * `fetchLive` returns it, before any config keyed its offices, so `apply FILE` recognises the same
 * live state whatever config it runs with. Offices are recorded by their bare live id (`1`, not
 * `id:1`), as digests always have been, so saved plans stay valid.
 */
export function digestLive(read: LiveState): string {
  const idOf = new Map(read.tenant.offices.map((o) => [o.key, o.id ?? o.key]));
  return digestTenant(withoutSkills(read.tenant), { office: (key) => idOf.get(key) ?? key });
}

/**
 * Skill levels are read only for the members a config needs (`choosePlanReads`), so the same Dialpad
 * read with another config, or none, has others: the digest leaves them out. A changed skill a
 * plan depends on still shows, as a difference between the saved plan and a fresh one.
 */
function withoutSkills(tenant: Tenant): Tenant {
  if (!tenant.users.some((u) => u.callCenters?.some((m) => m.skill !== undefined))) return tenant;
  const users = tenant.users.map((u) => (u.callCenters === undefined ? u : { ...u, callCenters: u.callCenters.map(({ skill: _skill, ...m }) => m) }));
  return { ...tenant, users };
}
