import { compareIds } from './ids.js';
import { officeNameKey } from './office-names.js';
import type { LiveState, Office, Tenant } from './tenant.js';
import { compareCodeUnits } from './compare.js';

/** The key a live office has before matching (and keeps when no config office matches it). */
export function liveOfficeKey(id: string): string {
  return `id:${id}`;
}

/** A live office as far as matching needs it. */
export interface LiveOfficeIdentity {
  id: string;
  name: string;
}

/**
 * Assigns each live office a key: the desired office that pins its `id`, else the desired office
 * with the same name (trimmed, case-insensitive: "Acme HQ" and "acme hq " are one office to a
 * person), else `id:<liveId>`. Each desired office matches at most one live office; explicit ids
 * are matched first so a name can never steal an office another entry pinned. When two live
 * offices share a name, the one with the smaller id wins (deterministic).
 */
export function matchOffices(desired: readonly Office[], live: readonly LiveOfficeIdentity[]): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  const liveIds = new Set(live.map((o) => o.id));

  for (const office of desired) {
    if (office.id !== undefined && liveIds.has(office.id) && !keys.has(office.id)) {
      keys.set(office.id, office.key);
      taken.add(office.key);
    }
  }

  const byName = new Map<string, Office>();
  for (const office of desired) {
    if (taken.has(office.key) || office.id !== undefined) continue;
    const name = officeNameKey(office.name);
    if (!byName.has(name)) byName.set(name, office);
  }

  const ordered = [...live].sort((a, b) => compareIds(a.id, b.id));
  for (const office of ordered) {
    if (keys.has(office.id)) continue;
    const match = byName.get(officeNameKey(office.name));
    if (match !== undefined && !taken.has(match.key)) {
      keys.set(office.id, match.key);
      taken.add(match.key);
    } else {
      keys.set(office.id, liveOfficeKey(office.id));
    }
  }
  return keys;
}

/**
 * The live state with its offices, and every office reference, under the keys of the config
 * offices they match (`matchOffices`); unmatched offices keep `id:<live id>`. Pure: `live` is
 * the id-keyed read `fetchLive` returns and is not modified. A reference to an office the read
 * did not list keeps its `id:` key.
 */
export function keyLiveOffices(live: LiveState, desired: readonly Office[]): LiveState {
  const tenant = live.tenant;
  const byId = matchOffices(
    desired,
    tenant.offices.flatMap((o) => (o.id === undefined ? [] : [{ id: o.id, name: o.name }])),
  );
  const keys = new Map(tenant.offices.flatMap((o) => (o.id === undefined ? [] : [[o.key, byId.get(o.id) ?? o.key] as const])));
  const keyOf = (key: string): string => keys.get(key) ?? key;
  const keyed: Tenant = {
    company: tenant.company,
    offices: tenant.offices.map((o) => ({ ...o, key: keyOf(o.key) })).sort((a, b) => compareCodeUnits(a.key, b.key)),
    users: tenant.users.map((u) => ({
      ...u,
      office: keyOf(u.office),
      // Most users administer no office: their `admin` is shared as it is (read-only, as the read is), not rebuilt.
      admin: u.admin.offices.length === 0 ? u.admin : { ...u.admin, offices: [...new Set(u.admin.offices.map(keyOf))].sort() },
    })),
    numbers: tenant.numbers.map((n) => (n.office === undefined ? n : { ...n, office: keyOf(n.office) })),
    ...(tenant.groups === undefined ? {} : { groups: tenant.groups.map((g) => ({ ...g, office: keyOf(g.office) })) }),
    ...(tenant.rooms === undefined ? {} : { rooms: tenant.rooms.map((r) => ({ ...r, office: keyOf(r.office) })) }),
  };
  return { ...live, tenant: keyed };
}

