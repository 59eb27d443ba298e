import { createHash } from 'node:crypto';
import type { LiveState } from '../model/tenant.js';

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function toCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * `sha256:<hex>` of the canonical JSON of the live tenant (what a plan was computed against).
 * Office keys are replaced by live ids first: keys come from whichever config matched the offices,
 * and `apply FILE` must recognise the same live state whatever config it runs with.
 */
export function digestLive(live: LiveState): string {
  const idOf = new Map(live.tenant.offices.map((o) => [o.key, o.id ?? o.key]));
  const byId = (key: string | undefined) => (key === undefined ? undefined : (idOf.get(key) ?? key));
  const tenant = {
    ...live.tenant,
    offices: live.tenant.offices.map((o) => ({ ...o, key: byId(o.key) })).sort((a, b) => String(a.key).localeCompare(String(b.key))),
    users: live.tenant.users.map((u) => ({
      ...u,
      office: byId(u.office),
      admin: { ...u.admin, offices: u.admin.offices.map(byId).sort() },
    })),
    numbers: live.tenant.numbers.map((n) => ({ ...n, office: byId(n.office) })),
  };
  return `sha256:${createHash('sha256').update(toCanonicalJson(tenant)).digest('hex')}`;
}
