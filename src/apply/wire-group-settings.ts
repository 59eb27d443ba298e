/** An `update_group_settings` operation's settings as the `PATCH` body: routing targets resolved to Dialpad ids. */
import { ROUTING_STATES } from '../model/group-settings.js';
import type { PlannedGroupSettings, PlannedRoute } from '../plan/group-settings-types.js';
import type { GroupRef, UserTarget } from '../plan/types.js';

export async function toWireSettings(
  settings: PlannedGroupSettings,
  resolveGroup: (ref: GroupRef) => Promise<string>,
  resolveUser: (target: UserTarget) => Promise<string>,
): Promise<Record<string, unknown>> {
  const { routing_options, ...rest } = settings;
  if (routing_options === undefined) return { ...rest };
  const routes: Record<string, unknown> = {};
  for (const state of ROUTING_STATES) routes[state] = await toWireRoute(routing_options[state], resolveGroup, resolveUser);
  return { ...rest, routing_options: routes };
}

async function toWireRoute(route: PlannedRoute, resolveGroup: (ref: GroupRef) => Promise<string>, resolveUser: (target: UserTarget) => Promise<string>): Promise<Record<string, unknown>> {
  const { target, ...rest } = route;
  if (target === undefined) return rest;
  const id =
    target.group !== undefined
      ? await resolveGroup(target.group)
      : target.email !== undefined
        ? await resolveUser({ type: 'user', email: target.email, ...(target.id === undefined ? {} : { id: target.id }) })
        : target.id;
  return { ...rest, action_target_type: target.target_type, ...(id === undefined ? {} : { action_target_id: id }) };
}
