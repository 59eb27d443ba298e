import type { DesiredState } from '../model/tenant.js';
import { digestTenant } from '../model/digest-tenant.js';

/**
 * `sha256:<hex>` of the desired tenant, policy and reserved numbers (keys sorted, `source` fields
 * dropped), so the same config split differently across files has the same digest.
 */
export function digestConfig(desired: DesiredState): string {
  return digestTenant(desired.tenant, { extra: { policy: desired.policy, reservedNumbers: desired.reservedNumbers } });
}
