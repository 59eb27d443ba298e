import { GROUP_CONFIG_KEY, GROUP_LABELS } from '../../model/groups.js';
import { describeTarget, listMissingTargets, makeTargetBook } from '../../model/group-settings.js';
import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * A group's routing sends calls to a group or user that neither config nor Dialpad has (named by
 * a Dialpad id the read does not show, or an email no one has): Dialpad would refuse the PATCH,
 * or send callers nowhere. Silent on a partial read: `incomplete_live_read` blocks it already,
 * and the target may only be unread.
 */
export function checkRoutingTargetNotFound(ctx: RuleContext): Violation[] {
  if (ctx.live.incomplete.length > 0) return [];
  const book = makeTargetBook(ctx.desired, ctx.live);
  return (ctx.desired.tenant.groups ?? []).flatMap((group) =>
    listMissingTargets(group, book).map(({ state, target }): Violation => {
      const path = `${GROUP_CONFIG_KEY[group.type]}.${group.key}.routing_options.${state}.target`;
      return {
        code: 'routing_target_not_found',
        severity: 'error',
        message:
          `${GROUP_LABELS[group.type]} "${group.key}" routes calls ${state === 'open' ? 'in' : 'out of'} hours to ${describeTarget(target, book) ?? '?'}${at(group.source)}, ` +
          `which neither config nor Dialpad has. Fix ${path}: name a department or call center config declares by its key, a user by email, or the Dialpad id of one that exists.`,
        operation_ids: ctx.operations.filter((op) => op.kind === 'update_group_settings' && op.target.key === group.key).map((op) => op.id),
      };
    }),
  );
}
