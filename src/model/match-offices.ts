import { compareIds } from './ids.js';
import { officeNameKey } from './office-names.js';
import type { Office } from './tenant.js';

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
      keys.set(office.id, `id:${office.id}`);
    }
  }
  return keys;
}
