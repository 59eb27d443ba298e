import { createHash } from 'node:crypto';
import { canonicalJson } from '../model/canonical-json.js';
import type { LiveState } from '../model/tenant.js';

/**
 * `sha256:<hex>` of the canonical JSON of the live tenant (what a plan was computed against).
 * Office keys are replaced by live ids first: keys come from whichever config matched the offices,
 * and `apply FILE` must recognise the same live state whatever config it runs with.
 */
export function digestLive(live: LiveState): string {
  const idOf = new Map(live.tenant.offices.map((o) => [o.key, o.id ?? o.key]));
  const byId = (key: string) => idOf.get(key) ?? key;
  const offices = live.tenant.offices.map((o) => ({ ...o, key: byId(o.key) })).sort((a, b) => compare(a.key, b.key));
  const text = canonicalJson(
    { ...live.tenant, offices },
    {
      // Users' and numbers' office references, and office-admin lists, by id (offices are copied above).
      rewrite: (key, member, holder) => {
        if (key === 'office' && typeof member === 'string') return byId(member);
        if (key === 'offices' && isAdminRights(holder) && Array.isArray(member)) {
          return member.map((k) => byId(String(k))).sort(compare);
        }
        return member;
      },
    },
  );
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** `User.admin`: `{ company: boolean, offices: string[] }` (the tenant's own `company` is an object). */
function isAdminRights(holder: unknown): boolean {
  return holder !== null && typeof holder === 'object' && typeof (holder as { company?: unknown }).company === 'boolean';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
