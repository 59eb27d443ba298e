/**
 * `plan --scope office:KEY` (docs/owners.md): the part of the config and of the live read that
 * concerns some offices, so a plan of it reads and plans only what they need. Pure.
 *
 * A user concerns the scope when config puts them in a scoped office or the live account they stand
 * for is in one (a move in or out); such users are kept on both sides, every other user on neither.
 * Departments and call centers are kept where they belong to a scoped office or a kept user is (or
 * is to be) a member. Offices stay on both sides, so every reference resolves, but an office outside
 * the scope keeps no `licenses:` (its counts are its owners' to plan) and is never read per office.
 */
import { UsageError } from '../errors.js';
import { compareCodeUnits } from '../model/compare.js';
import { matchUsers } from '../model/match-users.js';
import type { DesiredState, LiveState, User } from '../model/tenant.js';

/** Config office keys a plan is limited to. */
export interface PlanScope {
  offices: string[];
}

/** `office:KEY` values (the `--scope` option, repeatable) against the config; an unknown office is a usage error. */
export function parseScope(values: readonly string[], desired: DesiredState): PlanScope {
  const known = new Set(desired.tenant.offices.map((o) => o.key));
  const offices = values.map((value) => {
    const match = /^office:(.+)$/u.exec(value);
    if (match === null) throw new UsageError(`--scope ${value}: write office:KEY, with KEY an office key of the config`);
    const key = match[1] as string;
    if (!known.has(key)) throw new UsageError(`--scope ${value}: the config has no office "${key}" (offices: ${[...known].sort(compareCodeUnits).join(', ')})`);
    return key;
  });
  return { offices: [...new Set(offices)].sort(compareCodeUnits) };
}

/**
 * `desired` and `live` (keyed by `keyLive`) cut to what concerns `scope` (see the module comment).
 * The live read's lists are complete as read: what is left out is out of scope, not missing.
 */
export function cutToScope(desired: DesiredState, live: LiveState, scope: PlanScope): { desired: DesiredState; live: LiveState } {
  const inScope = new Set(scope.offices);
  const { pairs } = matchUsers(desired, live);
  const keptLive = new Set<User>();
  const keptDesired = new Set<User>();
  for (const { user, live: found } of pairs) {
    if (inScope.has(user.office) || (found !== undefined && inScope.has(found.office))) {
      keptDesired.add(user);
      if (found !== undefined) keptLive.add(found);
    }
  }
  for (const user of live.tenant.users) if (inScope.has(user.office)) keptLive.add(user);

  const groupsOf = (users: Iterable<User>): string[] => [...users].flatMap((u) => [...(u.departments ?? []), ...(u.callCenters ?? [])].map((m) => m.group));
  const keptGroups = new Set([...groupsOf(keptDesired), ...groupsOf(keptLive)]);
  const keepGroup = (g: { key: string; office: string }): boolean => inScope.has(g.office) || keptGroups.has(g.key);
  const cutGroups = <T extends { groups?: G[] }, G extends { key: string; office: string }>(tenant: T): T =>
    tenant.groups === undefined ? tenant : { ...tenant, groups: tenant.groups.filter(keepGroup) };
  // A room is its office's: in scope with it (keyed alike on both sides once `keyLive` ran).
  const cutRooms = <T extends { rooms?: { office: string }[] }>(tenant: T): T =>
    tenant.rooms === undefined ? tenant : { ...tenant, rooms: tenant.rooms.filter((r) => inScope.has(r.office)) };

  return {
    desired: {
      ...desired,
      tenant: cutRooms(cutGroups({
        ...desired.tenant,
        offices: desired.tenant.offices.map((o) => (inScope.has(o.key) ? o : { ...o, licenses: {} })),
        users: desired.tenant.users.filter((u) => keptDesired.has(u)),
      })),
    },
    live: { ...live, tenant: cutRooms(cutGroups({ ...live.tenant, users: live.tenant.users.filter((u) => keptLive.has(u)) })) },
  };
}
