import { GROUP_CONFIG_KEY, GROUP_LABELS, listStalePins } from '../../model/groups.js';
import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * A config group pinning an `id` Dialpad does not have (deleted, or deleted and recreated in the
 * UI with a new id). Planning it as a create would duplicate a recreated group, or — under
 * `unmanaged_groups: delete` — delete the recreated one as unmanaged; so the diff plans neither
 * (`diffGroups`) and this rule blocks the plan until config says which group it means. Silent on
 * a partial read: `incomplete_live_read` blocks it already, and the group may only be unread.
 */
export function checkGroupIdNotFound(ctx: RuleContext): Violation[] {
  if (ctx.live.incomplete.length > 0) return [];
  return listStalePins(ctx.desired.tenant.groups ?? [], ctx.live.tenant.groups ?? []).map(({ group, byName }) => {
    const label = GROUP_LABELS[group.type];
    const found =
      byName === undefined
        ? `Dialpad has no ${label} of that id`
        : `Dialpad has no ${label} of that id; its ${label} "${byName.name}" in office ${byName.office} has id ${byName.id ?? '?'}`;
    return {
      code: 'group_id_not_found',
      severity: 'error',
      message:
        `${label} "${group.key}" pins id ${group.id ?? ''}${at(group.source)}, but ${found}. Was it deleted or recreated in Dialpad? ` +
        `Fix the id (${GROUP_CONFIG_KEY[group.type]}.${group.key}.id), or unpin it (remove id:) to match the group by name.`,
      operation_ids: ctx.operations.filter((op) => 'group' in op && (op.group as { key?: string }).key === group.key).map((op) => op.id),
    };
  });
}
