/**
 * Class-3 attributes (analytics, proxy): no API reads or writes them. A declaration that differs
 * from what is known to be in Dialpad becomes a manual grant/revoke step, which apply waits for
 * until an operator confirms it (`dialform confirm`). What is known, per user and attribute:
 *
 * 1. the confirmations file (`confirmed`), when the config has one: the confirmed value, else
 *    not granted (nothing confirmed means nothing known to be granted);
 * 2. without one, the config at `--base` (what was merged before this change), when given;
 * 3. otherwise not granted.
 *
 * So a plan shows changes only, never every declaration; a company adopting dialform confirms
 * its existing grants once (docs/manual-steps.md).
 */
import { findConfirmed, type ConfirmedGrant, type GrantAttribute } from '../model/confirmed-grants.js';
import { findUserByEmails, indexUsersByEmail } from '../model/match-users.js';
import type { DesiredState, User } from '../model/tenant.js';
import { operation } from './operations.js';
import type { OperationOf } from './types.js';

/** What is known of the class-3 grants in Dialpad: confirmations, else the base config. */
export interface GrantBasis {
  /** The confirmations file's entries; `undefined` when the config has no such file. */
  confirmed?: readonly ConfirmedGrant[];
  base?: DesiredState;
}

/**
 * The instructions for each step, in the help article's words (Manage Your Users: bulk actions
 * "Add or remove analytics permissions"; proxy access must be granted before a user can proxy).
 */
const NOTES = {
  grant_analytics:
    'Admin Settings › Users: select the checkbox of each user listed for this step › Add analytics permissions (one bulk action). It covers Charting Data, not Call History; a Company Admin must do it.',
  revoke_analytics:
    'Admin Settings › Users: select the checkbox of each user listed for this step › Remove analytics permissions (one bulk action). A Company Admin must do it.',
  grant_proxy:
    'Grant proxy access to each user listed for this step. Users, even Office Admins, must be granted proxy access before they can proxy into someone’s account.',
  revoke_proxy: 'Take proxy access away from each user listed for this step: they will no longer be able to proxy into other users’ accounts.',
} as const;

/** How to record the step once done: no API shows it, so apply waits for this. */
const confirmNote = (step: string) => `No API shows this: once done, record it with \`dialform confirm ${step}\` and commit the confirmations file.`;

/** The manual steps of class-3 attributes. */
export type PermissionOperation = OperationOf<'grant_analytics' | 'revoke_analytics' | 'grant_proxy' | 'revoke_proxy'>;

/** What each permission kind sets: its attribute and the value it leaves in Dialpad. */
export const PERMISSION_EFFECT = {
  grant_analytics: { attribute: 'analytics', value: true },
  revoke_analytics: { attribute: 'analytics', value: false },
  grant_proxy: { attribute: 'proxy', value: true },
  revoke_proxy: { attribute: 'proxy', value: false },
} as const satisfies Record<PermissionOperation['kind'], { attribute: GrantAttribute; value: boolean }>;

/** Manual grant/revoke operations for declarations that differ from what is known (`GrantBasis`). */
export function planPermissionChanges(desired: DesiredState, basis: GrantBasis): PermissionOperation[] {
  const ops: PermissionOperation[] = [];
  const known = knownGrants(basis);
  for (const user of desired.tenant.users) {
    const source = user.source ?? 'config';
    for (const attribute of ['analytics', 'proxy'] as const) {
      const wanted = user[attribute];
      if (wanted === undefined) continue;
      const before = known(user, attribute);
      if (wanted === before) continue;
      const kind = `${wanted ? 'grant' : 'revoke'}_${attribute}` as const;
      const input = { email: user.email, source, changes: [{ field: attribute, from: before, to: wanted }], notes: [NOTES[kind], confirmNote(kind)] };
      ops.push(PERMISSION_OPS[kind](input));
    }
  }
  return ops;
}

const PERMISSION_OPS = {
  grant_analytics: operation.grantAnalytics,
  revoke_analytics: operation.revokeAnalytics,
  grant_proxy: operation.grantProxy,
  revoke_proxy: operation.revokeProxy,
};

function knownGrants(basis: GrantBasis): (user: User, attribute: GrantAttribute) => boolean {
  const { confirmed, base } = basis;
  if (confirmed !== undefined) {
    return (user, attribute) => findConfirmed(confirmed, [user.email, ...(user.previousEmails ?? [])], attribute) ?? false;
  }
  if (base !== undefined) {
    const baseByEmail = indexUsersByEmail(base.tenant.users);
    return (user, attribute) => findUserByEmails(user, baseByEmail)?.[attribute] ?? false;
  }
  return () => false;
}
