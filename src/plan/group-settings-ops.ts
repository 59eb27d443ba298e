/** A `group_settings` change as the `update_group_settings` operation apply carries out. */
import type { ChangeOf } from '../diff/types.js';
import { ROUTING_STATES, groupTypeOfTarget, type RoutingRule, type RoutingTarget } from '../model/group-settings.js';
import { operation } from './operations.js';
import type { PlannedGroupSettings, PlannedRoute, PlannedRouteTarget } from './group-settings-types.js';
import type { GroupRef, OperationOf } from './types.js';

export function planGroupSettings(c: ChangeOf<'group_settings'>, groupRef: (key: string) => GroupRef): OperationOf<'update_group_settings'> {
  const { routing_options, ...rest } = c.patch;
  const settings: PlannedGroupSettings = {
    ...rest,
    ...(routing_options === undefined
      ? {}
      : { routing_options: Object.fromEntries(ROUTING_STATES.map((s) => [s, planRoute(routing_options[s] ?? {}, groupRef)])) as PlannedGroupSettings['routing_options'] }),
  };
  return operation.updateGroupSettings({
    group: groupRef(c.group.key),
    settings,
    changes: c.fields.map((f) => (f.from === undefined ? { field: f.field, to: f.to } : { field: f.field, from: f.from, to: f.to })),
    source: c.group.source ?? 'config',
    ...(c.live === undefined ? { notes: ['Set right after the group is created (Dialpad gives a new group its defaults).'] } : {}),
  });
}

function planRoute(rule: RoutingRule, groupRef: (key: string) => GroupRef): PlannedRoute {
  const { target, ...rest } = rule;
  return target === undefined ? rest : { ...rest, target: planTarget(target, groupRef) };
}

/** A group by its ref (its config key, or the read's key of one config does not declare); a user by email where config names one; else the id. */
function planTarget(t: RoutingTarget, groupRef: (key: string) => GroupRef): PlannedRouteTarget {
  const type = groupTypeOfTarget(t.type);
  if (type !== undefined && t.key !== undefined) return { target_type: t.type, group: groupRef(t.key) };
  if (t.type === 'user' && t.key !== undefined) return { target_type: 'user', email: t.key };
  return { target_type: t.type, ...(t.id === undefined ? {} : { id: t.id }) };
}
