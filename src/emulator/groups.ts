/**
 * Departments and call centers: what differs between the two kinds (one table, read by the
 * fixture checks, the routes, the numbers and `group_details`), and the membership index every
 * user answer derives its `group_details` from. Memberships live only in the groups' `operators`.
 * The rules (roles, cap, skill ranges) are stated here on purpose, apart from the planner's: the
 * emulator models Dialpad, so a planner mistake shows as a refused apply instead of agreeing with itself.
 */
import type { Fixture, FixtureGroup, FixtureOperator, FixtureUser, GroupKind } from './types.js';

export interface GroupKindInfo {
  kind: GroupKind;
  /** In messages: "department", "call center". */
  label: string;
  /** `/api/v2/<path>` and `/api/v2/offices/{office_id}/<path>`. */
  path: 'departments' | 'callcenters';
  /** `GroupDetailsProto.group_type` and a number's `target_type`. */
  groupType: 'department' | 'callcenter';
  /** A number's `status` when the group holds it. */
  numberStatus: 'department' | 'call_center';
  /** Roles an operator may hold (`AddOperatorMessage.role`, `AddCallCenterOperatorMessage.role`). */
  roles: readonly string[];
  /**
   * Most operators the group may hold. Departments: "Up to 25 operators can be assigned to a
   * Department" (Dialpad help, Assign Operators to Departments). Call centers: none documented.
   */
  maxOperators?: number;
}

export const GROUP_KINDS: Record<GroupKind, GroupKindInfo> = {
  departments: { kind: 'departments', label: 'department', path: 'departments', groupType: 'department', numberStatus: 'department', roles: ['admin', 'operator'], maxOperators: 25 },
  call_centers: { kind: 'call_centers', label: 'call center', path: 'callcenters', groupType: 'callcenter', numberStatus: 'call_center', roles: ['admin', 'operator', 'supervisor'] },
};

export const GROUP_KIND_LIST: readonly GroupKindInfo[] = [GROUP_KINDS.departments, GROUP_KINDS.call_centers];

/** The kind whose numbers carry `target_type`, if it is a group type. */
export function findKindOfTargetType(targetType: string | undefined): GroupKindInfo | undefined {
  return GROUP_KIND_LIST.find((k) => k.groupType === targetType);
}

/** The groups of `kind`, deleted ones included (an empty list when the fixture has none). */
export function listGroups(state: Fixture, kind: GroupKind): readonly FixtureGroup[] {
  return state[kind] ?? [];
}

/**
 * Whether the API still shows `g`. A deleted group stays in the state as a tombstone
 * (`state: deleted`, no operators, no numbers) so its id is never minted again: Dialpad does not
 * reuse ids, and a client holding the old id must get 404, not another group.
 */
export function isLiveGroup(g: FixtureGroup): boolean {
  return g['state'] !== 'deleted';
}

/** "[single-line only] The name of the department. Max 100 characters." (and of the call center). */
export const GROUP_NAME_MAX = 100;

/** Skill levels: 1–100 on add (`AddCallCenterOperatorMessage`), 0–100 on the skill PATCH (`UpdateOperatorSkillLevelMessage`). */
export const SKILL_ON_ADD = { min: 1, max: 100, default: 100 } as const;
export const SKILL_ON_PATCH = { min: 0, max: 100 } as const;

/** One `GroupDetailsProto` before wire formatting. */
export interface GroupMembership {
  group_id: string;
  group_type: 'department' | 'callcenter' | 'office';
  role: string;
}

const indexes = new WeakMap<Fixture, { version: number; byUser: Map<string, GroupMembership[]> }>();

/**
 * Each user's memberships: departments, then call centers, in state order, then an `office` entry
 * with role `admin` per office they administer (the API reference's UserProto example lists its
 * `admin_office_ids` office so). Cached per state and `version`, since a page of 100 users would
 * otherwise scan every group once per user.
 */
export function getMemberships(state: Fixture, version: number, user: FixtureUser): GroupMembership[] {
  let index = indexes.get(state);
  if (!index || index.version !== version) {
    const byUser = new Map<string, GroupMembership[]>();
    for (const info of GROUP_KIND_LIST) {
      for (const g of listGroups(state, info.kind)) {
        for (const op of g.operators) {
          const list = byUser.get(op.user_id) ?? [];
          list.push({ group_id: g.id, group_type: info.groupType, role: op.role });
          byUser.set(op.user_id, list);
        }
      }
    }
    index = { version, byUser };
    indexes.set(state, index);
  }
  const offices = (user.admin_office_ids ?? []).map((id): GroupMembership => ({ group_id: id, group_type: 'office', role: 'admin' }));
  return [...(index.byUser.get(user.id) ?? []), ...offices];
}

/** The operator entry of `userId` in `group`, if any. */
export function findOperator(group: FixtureGroup, userId: string): FixtureOperator | undefined {
  return group.operators.find((o) => o.user_id === userId);
}
