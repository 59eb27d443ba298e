/**
 * Dialpad's facts about departments and call centers, in one place: which roles each group type
 * allows, how many operators a department holds, the skill range, and which licenses a call-center
 * operator needs. The planner, the config rules and the importer read them here; the config
 * schema (kept by hand) states roles and skill range too, checked against these by
 * test/unit/group-facts-schema.test.ts; the emulator re-states them on purpose (src/emulator), to
 * catch a client that gets them wrong.
 */
import { compareCodeUnits } from './compare.js';
import { compareIds } from './ids.js';
import { keyLiveOffices } from './match-offices.js';
import { keyLiveRooms } from './rooms.js';
import type { DesiredState, Group, GroupRole, GroupType, LiveState, Membership, Tenant, User, UserLicense } from './tenant.js';

/**
 * Roles per group type: `AddOperatorMessage.role` (admin, operator) for departments,
 * `AddCallCenterOperatorMessage.role` (admin, operator, supervisor) for call centers.
 */
export const GROUP_ROLES: Record<GroupType, readonly GroupRole[]> = {
  department: ['admin', 'operator'],
  call_center: ['admin', 'operator', 'supervisor'],
};

/** Help article "Assign Operators to Departments": "Up to 25 operators can be assigned to a Department". */
export const MAX_DEPARTMENT_OPERATORS = 25;

/**
 * Skill levels config accepts: `AddCallCenterOperatorMessage.skill_level` says 1–100 (default 100).
 * (`UpdateOperatorSkillLevelMessage` says 0–100; config keeps to the range an add accepts.)
 */
export const SKILL_RANGE = { min: 1, max: 100, default: 100 } as const;

/**
 * Licenses a call-center operator holds (`AddCallCenterOperatorMessage.license_type`). Config
 * gives every call-center member one, so an add never has Dialpad switch a license.
 */
export const AGENT_LICENSES: readonly UserLicense[] = ['agents', 'lite_support_agents'];

/** Words for a group type in messages and plans. */
export const GROUP_LABELS: Record<GroupType, string> = { department: 'department', call_center: 'call center' };

/** The config key (`departments:` or `call_centers:`) and the user key holding memberships of a type. */
export const GROUP_CONFIG_KEY: Record<GroupType, 'departments' | 'call_centers'> = { department: 'departments', call_center: 'call_centers' };

/** The key of a live group no config entry matches. */
export function liveGroupKey(type: GroupType, id: string): string {
  return `${type}:${id}`;
}

/** Whether `license` is one a call-center operator holds already (no switch on add). */
export function isAgentLicense(license: string): boolean {
  return (AGENT_LICENSES as readonly string[]).includes(license);
}

/** A user's memberships of `type` (desired: `undefined` when config does not manage them). */
export function membershipsOf(user: User, type: GroupType): Membership[] | undefined {
  return type === 'department' ? user.departments : user.callCenters;
}

/**
 * A group name as groups are told apart by name: trimmed, case-insensitive. Config validation,
 * matching, apply's lookups and the re-read after an unclear create all compare names through it.
 */
export function groupNameOf(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Name identity of a group: its name (`groupNameOf`) within its type and office (companies have
 * a "Support" per office; the API cannot move a group to another office).
 */
function groupNameKey(g: Pick<Group, 'type' | 'office' | 'name'>): string {
  return `${g.type}\u0000${g.office}\u0000${groupNameOf(g.name)}`;
}

/**
 * Assigns each live group a key: the config group that pins its `id`, else the config group of
 * the same type, office and name (trimmed, case-insensitive), else `<type>:<id>`. As `matchOffices`:
 * explicit ids first, each config group matches at most one live group, smaller ids first. A
 * config group pinning an id no live group has is matched by name too (after unpinned ones), so
 * a group recreated in Dialpad is neither created again nor deleted as unmanaged: the
 * `group_id_not_found` rule blocks that plan (`listStalePins`).
 */
export function matchGroups(desired: readonly Group[], live: readonly Group[]): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  const liveKeys = new Set(live.map((g) => g.key));
  for (const g of desired) {
    const key = g.id === undefined ? undefined : liveGroupKey(g.type, g.id);
    if (key !== undefined && liveKeys.has(key) && !keys.has(key)) {
      keys.set(key, g.key);
      taken.add(g.key);
    }
  }
  const byName = new Map<string, Group>();
  const unmatched = desired.filter((g) => !taken.has(g.key));
  for (const g of [...unmatched.filter((x) => x.id === undefined), ...unmatched.filter((x) => x.id !== undefined)]) {
    const name = groupNameKey(g);
    if (!byName.has(name)) byName.set(name, g);
  }
  for (const g of [...live].sort((a, b) => compareIds(a.id ?? '', b.id ?? ''))) {
    if (keys.has(g.key)) continue;
    const match = byName.get(groupNameKey(g));
    if (match !== undefined && !taken.has(match.key)) {
      keys.set(g.key, match.key);
      taken.add(match.key);
    } else {
      keys.set(g.key, g.key);
    }
  }
  return keys;
}

/**
 * The live state with its groups, and every membership, under the keys of the config groups they
 * match (`matchGroups`). Pure; run after `keyLiveOffices` (group offices are office keys).
 */
export function keyLiveGroups(live: LiveState, desired: readonly Group[]): LiveState {
  const groups = live.tenant.groups ?? [];
  if (groups.length === 0) return live;
  const keys = matchGroups(desired, groups);
  const keyOf = (key: string): string => keys.get(key) ?? key;
  const rekey = (ms: Membership[] | undefined): Membership[] | undefined =>
    ms?.map((m) => ({ ...m, group: keyOf(m.group) })).sort((a, b) => compareCodeUnits(a.group, b.group));
  const tenant: Tenant = {
    ...live.tenant,
    groups: groups.map((g) => ({ ...g, key: keyOf(g.key) })).sort((a, b) => compareCodeUnits(a.key, b.key)),
    users: live.tenant.users.map((u) => {
      const departments = rekey(u.departments);
      const callCenters = rekey(u.callCenters);
      return { ...u, ...(departments === undefined ? {} : { departments }), ...(callCenters === undefined ? {} : { callCenters }) };
    }),
  };
  return { ...live, tenant };
}

/**
 * Config groups pinning an `id` no live group of their type has (deleted, or recreated with a new
 * id, in Dialpad), each with the live group matched to it by name, if any. Pure; `live` keyed by
 * `keyLiveGroups`.
 */
export function listStalePins(desired: readonly Group[], live: readonly Group[]): { group: Group; byName?: Group }[] {
  const ids = new Set(live.map((g) => liveGroupKey(g.type, g.id ?? '')));
  return desired.flatMap((group) => {
    if (group.id === undefined || ids.has(liveGroupKey(group.type, group.id))) return [];
    const byName = live.find((g) => g.key === group.key);
    return [{ group, ...(byName === undefined ? {} : { byName }) }];
  });
}

/** The read keyed to a config: offices (`keyLiveOffices`), then groups (`keyLiveGroups`), then rooms (`keyLiveRooms`). */
export function keyLive(read: LiveState, desired: DesiredState): LiveState {
  return keyLiveRooms(keyLiveGroups(keyLiveOffices(read, desired.tenant.offices), desired.tenant.groups ?? []), desired.tenant.rooms ?? []);
}
