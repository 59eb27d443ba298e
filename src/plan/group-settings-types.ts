/** The plan's form of a group's settings (`update_group_settings`): the model's, with routing targets as apply resolves them. */
import type { GroupSettings } from '../model/group-settings.js';
import type { GroupRef } from './types.js';

/**
 * Where a routing rule sends calls: a group (resolved by apply like any group it writes, so one
 * created earlier in the plan has its id), a user (by id, else email), or another Dialpad object by id.
 */
export interface PlannedRouteTarget {
  /** The API's `action_target_type`: `department`, `callcenter`, `user`, … */
  target_type: string;
  group?: GroupRef;
  email?: string;
  id?: string;
}

/** `RoutingOptionsInner` as sent: config's fields over the live ones. */
export interface PlannedRoute {
  action?: string;
  try_dial_operators?: boolean;
  operator_routing?: string;
  target?: PlannedRouteTarget;
}

/** The fields an `update_group_settings` sends (spec names); hours in the API's flat form. */
export type PlannedGroupSettings = Omit<GroupSettings, 'routing_options'> & { routing_options?: { open: PlannedRoute; closed: PlannedRoute } };
