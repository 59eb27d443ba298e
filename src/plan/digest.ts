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

/** `sha256:<hex>` of the canonical JSON of the live tenant (what a plan was computed against). */
export function digestLive(live: LiveState): string {
  return `sha256:${createHash('sha256').update(toCanonicalJson(live.tenant)).digest('hex')}`;
}
