import { createHash } from 'node:crypto';
import { identifyOperation } from './operation-identity.js';
import type { Operation, Plan } from './types.js';

/** `sha256:` and 64 lowercase hex digits: the form of every plan fingerprint. */
export const FINGERPRINT_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * The plan's fingerprint (docs/review-loop.md): `sha256:<hex>` of its config digest and the
 * ordered identities of its operations (`identifyOperation`: what each does to which object,
 * without ids or display text). Manual steps are operations, so they count too. The live digest
 * is left out on purpose: Dialpad may change in ways that need no different operation, and a
 * reviewer approved the operations, not the read. Redaction changes no input here, so a redacted
 * plan has the fingerprint of the plan it masks. Holds no personal data in clear.
 */
export function fingerprintPlan(plan: { basis: Pick<Plan['basis'], 'config_digest'>; operations: readonly Operation[] }): string {
  const hash = createHash('sha256');
  hash.update(plan.basis.config_digest);
  for (const op of plan.operations) hash.update(`\n${identifyOperation(op)}`);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * An operation's identity as a digest (`sha256:<hex>` of `identifyOperation`): what the apply
 * journal records of a reviewed plan's operations, so a resumed apply can tell which operations
 * were reviewed without keeping their contents (emails, numbers) in the journal.
 */
export function digestOperation(op: Operation): string {
  return `sha256:${createHash('sha256').update(identifyOperation(op)).digest('hex')}`;
}
