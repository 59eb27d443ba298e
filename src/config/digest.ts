import type { DesiredState } from '../model/tenant.js';
import { digestTenant } from '../model/digest-tenant.js';

/**
 * `sha256:<hex>` of the desired tenant, policy and reserved numbers (keys sorted, `source` fields
 * dropped), so the same config split differently across files has the same digest.
 */
export function digestConfig(desired: DesiredState): string {
  const newAccounts = desired.tenant.users.filter((u) => u.allowNewAccount !== undefined).map((u) => [u.email, u.allowNewAccount]);
  // Only present when set, so the digest of a config without the key is what it always was.
  const acks = newAccounts.length === 0 ? {} : { allow_new_account: newAccounts };
  const owners = desired.tenant.users.filter((u) => u.lifecycle !== undefined || u.startsOn !== undefined || u.leavesOn !== undefined);
  const lifecycle = owners.length === 0 ? {} : { lifecycle: owners.map((u) => [u.email, u.lifecycle ?? null, u.startsOn ?? null, u.leavesOn ?? null]) };
  // Sections are implied by the groups listed, except an empty one (which manages deletions): only that is digested.
  const listed = new Set((desired.tenant.groups ?? []).map((g) => g.type));
  const sections = desired.groupSections.some((t) => !listed.has(t)) ? { group_sections: desired.groupSections } : {};
  return digestTenant(desired.tenant, { extra: { policy: desired.policy, reservedNumbers: desired.reservedNumbers, ...acks, ...lifecycle, ...sections } });
}
