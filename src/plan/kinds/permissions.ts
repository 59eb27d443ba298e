/**
 * Entries for the class-3 permissions no API reads or writes (analytics, proxy): manual steps that
 * change nothing the simulation tracks. They only need the user to exist.
 */
import type { KindSpec } from './spec.js';
import type { OperationKind, UserTarget } from '../types.js';
import { isFailure, liveUser, userKey } from './sim-steps.js';

type PermissionKind = Extract<OperationKind, 'grant_analytics' | 'revoke_analytics' | 'grant_proxy' | 'revoke_proxy'>;

function permission<K extends PermissionKind>(kind: K, action: string): KindSpec<K> {
  return {
    phase: () => 'permissions',
    bucket: 'none',
    manual: {
      verifiedBy: 'operator',
      // No API shows it done: after the console's bulk action for every user of the step, the
      // operator's confirmation of the whole step (as with Dialpad), so following it does it all.
      rehearse: (ops: readonly { target: UserTarget }[], config) => [
        `dialform emulator do ${kind.replace('_', '-')} ${ops.map((op) => op.target.email).join(' ')}`,
        `dialform confirm ${kind}${config}`,
      ],
    },
    deletes: false,
    suspends: false,
    tieDetail: () => '',
    check(sim, op: { target: UserTarget }) {
      const user = liveUser(sim, op.target.email);
      return isFailure(user) ? user : undefined;
    },
    apply(_sim, op: { target: UserTarget }, fx) {
      fx.claims.push(userKey(op.target.email));
    },
    wouldProvide: () => undefined,
    placement: () => ({ user: 'after' }),
    harm: () => undefined,
    describe: () => ({ marker: '!', action, details: [] }),
  };
}

export const grantAnalytics = permission('grant_analytics', 'grant analytics');
export const revokeAnalytics = permission('revoke_analytics', 'revoke analytics');
export const grantProxy = permission('grant_proxy', 'grant proxy');
export const revokeProxy = permission('revoke_proxy', 'revoke proxy');
