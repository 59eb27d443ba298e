import { membershipsOf } from '../model/groups.js';
import { GONE_STATES } from '../model/match-users.js';
import type { DesiredState, Group, GroupType, LiveState, Membership, User } from '../model/tenant.js';
import type { OwnedUserMatch } from './owned-users.js';
import { change, type Change } from './types.js';

/**
 * Group changes: departments and call centers to create, rename or delete (`policy.unmanaged_groups`),
 * and memberships to add, remove or re-skill. Memberships are compared per type, only for users
 * whose config manages that type (`departments:` / `call_centers:` present). A role change is a
 * remove and an add (no endpoint changes a role); a leaver (a `delete_user` in `userChanges`) is
 * removed from every group not itself deleted, so the plan shows it. `pairs`: the user match the
 * user diff was made over (`matchOwnedUsers`), so users are matched once per plan. Pure.
 */
export function diffGroups(desired: DesiredState, live: LiveState, userChanges: readonly Change[], pairs: OwnedUserMatch['pairs']): Change[] {
  const liveGroups = new Map((live.tenant.groups ?? []).map((g) => [g.key, g]));
  const desiredGroups = listPlannedGroups(desired, liveGroups);
  const changes: Change[] = [];
  for (const group of desiredGroups.values()) {
    const found = liveGroups.get(group.key);
    if (found === undefined) changes.push(change.createGroup(group));
    else if (found.name !== group.name) changes.push(change.renameGroup(group, found));
  }
  const deleted = new Set<string>();
  for (const group of listDeletedGroups(desired, live)) {
    deleted.add(group.key);
    changes.push(change.deleteGroup(group));
  }
  const groupOf = (key: string): Group | undefined => desiredGroups.get(key) ?? liveGroups.get(key);

  // Users who come into existence in this plan (created or restored) get every membership config lists.
  const arriving = new Set(userChanges.flatMap((c) => (c.kind === 'create_user' || c.kind === 'restore_user' ? [c.user.email] : [])));
  for (const { user, live: found } of pairs) {
    if (user.state === 'deleted') continue;
    const present = found !== undefined && !GONE_STATES.has(found.state) ? found : undefined;
    if (present === undefined && !arriving.has(user.email)) continue;
    for (const type of ['department', 'call_center'] as const) {
      const wanted = membershipsOf(user, type);
      if (wanted === undefined) continue;
      changes.push(...diffMemberships({ type, user, live: present, wanted, groupOf, deleted }));
    }
  }

  for (const c of userChanges) {
    if (c.kind !== 'delete_user') continue;
    for (const type of ['department', 'call_center'] as const) {
      for (const m of membershipsOf(c.live, type) ?? []) {
        const group = groupOf(m.group);
        if (group === undefined || deleted.has(group.key)) continue;
        changes.push(change.removeOperator({ ...(c.user === undefined ? {} : { user: c.user }), live: c.live, group, role: m.role }));
      }
    }
  }
  return changes;
}

/** Config's groups the plan reconciles, by key: a group pinning an id Dialpad does not have is neither created nor joined (`group_id_not_found` blocks the plan). */
function listPlannedGroups(desired: DesiredState, liveGroups: ReadonlyMap<string, Group>): Map<string, Group> {
  return new Map((desired.tenant.groups ?? []).filter((g) => g.id === undefined || liveGroups.has(g.key)).map((g) => [g.key, g]));
}

/**
 * The live groups the plan deletes (`policy.unmanaged_groups: delete`): those config does not
 * list, of a type whose section config has (a missing `call_centers:` deletes nothing). The one
 * home of that choice: the number diff reads it too, for the numbers the deletions pool. Pure;
 * `live` keyed by `keyLive`.
 */
export function listDeletedGroups(desired: DesiredState, live: LiveState): Group[] {
  if (desired.policy.unmanagedGroups !== 'delete') return [];
  const liveGroups = new Map((live.tenant.groups ?? []).map((g) => [g.key, g]));
  const planned = listPlannedGroups(desired, liveGroups);
  const sections = new Set(desired.groupSections);
  return [...liveGroups.values()].filter((g) => !planned.has(g.key) && sections.has(g.type));
}

/** One user's memberships of one type: config's set against the live one. */
function diffMemberships(i: {
  type: GroupType;
  user: User;
  live: User | undefined;
  wanted: Membership[];
  groupOf: (key: string) => Group | undefined;
  deleted: ReadonlySet<string>;
}): Change[] {
  const { user, live } = i;
  const held = new Map((live === undefined ? [] : (membershipsOf(live, i.type) ?? [])).map((m) => [m.group, m]));
  const changes: Change[] = [];
  for (const want of i.wanted) {
    const group = i.groupOf(want.group);
    if (group === undefined) continue;
    const has = held.get(want.group);
    if (has === undefined || live === undefined) {
      changes.push(change.addOperator({ user, ...(live === undefined ? {} : { live }), group, role: want.role, ...skillOf(want.skill) }));
      continue;
    }
    if (has.role !== want.role) {
      // Re-added with the skill config wants, else the one they have (read for role changes).
      changes.push(change.removeOperator({ user, live, group, role: has.role }));
      changes.push(change.addOperator({ user, live, group, role: want.role, ...skillOf(want.skill ?? has.skill) }));
      continue;
    }
    if (want.skill !== undefined && has.skill !== undefined && want.skill !== has.skill) {
      changes.push(change.setSkill({ user, live, group, from: has.skill, to: want.skill }));
    }
  }
  if (live === undefined) return changes;
  const wantedKeys = new Set(i.wanted.map((m) => m.group));
  for (const has of held.values()) {
    const group = i.groupOf(has.group);
    if (wantedKeys.has(has.group) || group === undefined || i.deleted.has(has.group)) continue;
    changes.push(change.removeOperator({ user, live, group, role: has.role }));
  }
  return changes;
}

function skillOf(skill: number | undefined): { skill?: number } {
  return skill === undefined ? {} : { skill };
}

/**
 * The call-center memberships whose skill level the plan needs (`…/skill` reads, phase 2 of the
 * read: `choosePlanReads`): those whose config declares a skill, and those whose role changes (the
 * re-add keeps the skill). Pure: from the user match of the config against `live`, the phase-1
 * read keyed to that config.
 */
export function listSkillReads(pairs: readonly { user: User; live?: User }[], live: LiveState): { userId: string; groupId: string }[] {
  const groups = new Map((live.tenant.groups ?? []).map((g) => [g.key, g]));
  const out: { userId: string; groupId: string }[] = [];
  for (const { user, live: found } of pairs) {
    if (found?.id === undefined || user.callCenters === undefined || user.state === 'deleted') continue;
    const held = new Map((found.callCenters ?? []).map((m) => [m.group, m]));
    for (const want of user.callCenters) {
      const has = held.get(want.group);
      const groupId = groups.get(want.group)?.id;
      if (has === undefined || groupId === undefined) continue;
      if (want.skill !== undefined || has.role !== want.role) out.push({ userId: found.id, groupId });
    }
  }
  return out;
}
