import { createHash } from 'node:crypto';
import type { DesiredState } from '../model/tenant.js';

/**
 * `sha256:<hex>` of the desired tenant, policy and reserved numbers as canonical JSON (keys
 * sorted, `source` fields dropped), so the same config split differently across files has the
 * same digest.
 */
export function digestConfig(desired: DesiredState): string {
  const canonical = canonicalJson({ tenant: desired.tenant, policy: desired.policy, reservedNumbers: desired.reservedNumbers });
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

/** JSON with object keys sorted at every level, `undefined` and `source` left out. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (key === 'source' || v === undefined) continue;
    out[key] = sortKeys(v);
  }
  return out;
}
