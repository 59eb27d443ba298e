/** The entry for the kind that sets how a group answers (hours, routing, hold queue). */
import { ROUTING_STATES } from '../../model/group-settings.js';
import { ABSOLUTE_UPDATE, type KindSpec } from './spec.js';
import { existingGroup, groupKey, isFailure } from './sim-steps.js';

/**
 * Needs the group, and each config group its routing sends calls to, to exist at this step
 * (either may be created earlier in the plan). An absolute value per field: changes no line, number or
 * membership.
 */
export const updateGroupSettings: KindSpec<'update_group_settings'> = {
  ...ABSOLUTE_UPDATE,
  tieDetail: () => '',
  check(sim, op) {
    const group = existingGroup(sim, op.target.key);
    if (isFailure(group)) return group;
    for (const state of ROUTING_STATES) {
      const target = op.settings.routing_options?.[state].target?.group;
      // A group the simulation does not know is in neither config nor Dialpad: `routing_target_not_found` blocks the plan.
      if (target === undefined || target.id !== undefined || !sim.groups.has(target.key)) continue;
      const found = existingGroup(sim, target.key);
      if (isFailure(found)) return found;
    }
    return undefined;
  },
  apply(_sim, op, fx) {
    fx.claims.push(groupKey(op.target.key));
  },
  placement: (op) => ({ office: op.target.office.key }),
  describe: () => ({ marker: '~', action: 'update how the group answers', details: [] }),
};
