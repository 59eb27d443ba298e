import { listIgnoredStates } from '../../diff/owned-users.js';
import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * A config entry whose `state` is not carried out because an identity provider owns the user
 * (`lifecycle: external`; docs/lifecycle.md): the plan keeps Dialpad's state, so the entry would
 * otherwise read as done when it is not. A warning: the plan is right to leave the state alone.
 */
export function checkLifecycleStateIgnored(ctx: RuleContext): Violation[] {
  return listIgnoredStates(ctx.desired, ctx.live, ctx.userMatch).map(({ user, live }) => {
    const ids = ctx.operations.filter((op) => op.target.type === 'user' && op.target.email === user.email).map((op) => op.id);
    return {
      code: 'lifecycle_state_ignored',
      severity: 'warning',
      message:
        `${user.email}${at(user.source)} has state: ${user.state} in config, but Dialpad has them ${live.state} and their lifecycle ` +
        `is the identity provider's (lifecycle: external): dialform does not suspend, reactivate or delete them, so this plan leaves ` +
        `them ${live.state}. Change their state in the identity provider, or set lifecycle: dialform on the entry for dialform to ` +
        `carry it out; or remove state: ${user.state} from the entry.`,
      operation_ids: ids,
    };
  });
}
