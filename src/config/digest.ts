import { createHash } from 'node:crypto';
import { canonicalJson as canonicalJsonOf } from '../model/canonical-json.js';
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

/** The desired state as canonical JSON, leaving out `source` (where things were declared). */
export function canonicalJson(value: unknown): string {
  return canonicalJsonOf(value, { omit: OMIT });
}

const OMIT: ReadonlySet<string> = new Set(['source']);
