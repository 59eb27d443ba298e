/**
 * Class-3 attributes (analytics, proxy): no API reads or writes them. With the config at a base
 * ref, a changed declaration becomes a manual grant/revoke; without one, declarations are listed
 * as unverifiable.
 */
import { findUserByEmails, indexUsersByEmail } from '../model/match-users.js';
import type { DesiredState } from '../model/tenant.js';
import { operation } from './operations.js';
import type { Operation, Unverifiable } from './types.js';

const ANALYTICS_NOTE =
  'Admin Settings › Users › select the user › Add analytics permissions (bulk action). Covers Charting Data, not Call History; must be done by a Company Admin.';
const PROXY_NOTE = 'Admin Settings › Users › Options › Admin: proxy access. Users, even Office Admins, need it granted before they can proxy.';

/** Manual grant/revoke operations for declarations that changed since `base`. */
export function planPermissionChanges(desired: DesiredState, base: DesiredState): Operation[] {
  const ops: Operation[] = [];
  const baseByEmail = indexUsersByEmail(base.tenant.users);
  for (const user of desired.tenant.users) {
    const before = findUserByEmails(user, baseByEmail);
    const source = user.source ?? 'config';
    const input = { email: user.email, source };
    if (user.analytics !== undefined && user.analytics !== (before?.analytics ?? false)) {
      const changes = [{ field: 'analytics', from: before?.analytics ?? false, to: user.analytics }];
      ops.push(user.analytics ? operation.grantAnalytics({ ...input, changes, notes: [ANALYTICS_NOTE] }) : operation.revokeAnalytics({ ...input, changes, notes: [ANALYTICS_NOTE] }));
    }
    if (user.proxy !== undefined && user.proxy !== (before?.proxy ?? false)) {
      const changes = [{ field: 'proxy', from: before?.proxy ?? false, to: user.proxy }];
      ops.push(user.proxy ? operation.grantProxy({ ...input, changes, notes: [PROXY_NOTE] }) : operation.revokeProxy({ ...input, changes, notes: [PROXY_NOTE] }));
    }
  }
  return ops;
}

/** Every declared `analytics: true` / `proxy: true`: not verifiable through the API. */
export function listUnverifiable(desired: DesiredState): Unverifiable[] {
  const out: Unverifiable[] = [];
  for (const user of desired.tenant.users) {
    const source = user.source ?? 'config';
    if (user.analytics === true) out.push({ email: user.email, attribute: 'analytics', value: true, source });
    if (user.proxy === true) out.push({ email: user.email, attribute: 'proxy', value: true, source });
  }
  return out;
}
