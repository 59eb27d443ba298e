/**
 * Business rules of departments and call centers (h19 contract; dialpad-api.md §5 rule 7), shared
 * by the /api/v2 routes. Each function validates everything first and mutates only when the whole
 * change is allowed, then bumps the store version (user answers derive `group_details` from it).
 */
import { badRequest, conflict } from './http-failure.js';
import { GROUP_KINDS, GROUP_KIND_LIST, findOperator, listGroups } from './groups.js';
import { assertFreeLine, isHoldingLine } from './licenses.js';
import type { Store } from './store.js';
import type { FixtureGroup, FixtureOperator, FixtureUser, GroupKind } from './types.js';

/** Licenses that already are call-center licenses: adding such a user to a call center changes no license. */
export const CALL_CENTER_LICENSES: readonly string[] = ['agents', 'lite_support_agents'];

/**
 * Only active and suspended users can be added. A pending user (invited, never accepted) and a
 * deleted or cancelled one are refused with 400 (the contract's reading; Dialpad documents none).
 */
function assertCanOperate(user: FixtureUser): void {
  if (user.state !== 'active' && user.state !== 'suspended') {
    throw badRequest(`user ${user.id} is ${user.state}; only active and suspended users can be added as operators`);
  }
}

/** Checks common to both kinds: the user may operate, is not one already, and the group has room. */
function assertCanAdd(kind: GroupKind, g: FixtureGroup, user: FixtureUser, role: string): void {
  const info = GROUP_KINDS[kind];
  if (!info.roles.includes(role)) throw badRequest(`role must be one of ${info.roles.join(', ')} for a ${info.label}`);
  assertCanOperate(user);
  const existing = findOperator(g, user.id);
  if (existing) {
    throw conflict(`user ${user.id} is already an operator of ${info.label} ${g.id} (role ${existing.role}); remove them first to change the role`);
  }
  if (info.maxOperators !== undefined && g.operators.length >= info.maxOperators) {
    throw badRequest(`${info.label} ${g.id} (${g.name}) already has ${info.maxOperators} operators, the most a ${info.label} can hold`);
  }
}

/** `POST /departments/{id}/operators` for a user. */
export function addDepartmentOperator(store: Store, g: FixtureGroup, user: FixtureUser, role: string): void {
  assertCanAdd('departments', g, user, role);
  g.operators.push({ user_id: user.id, role });
  store.touch();
}

/**
 * `POST /callcenters/{id}/operators`. A user whose license is not a call-center one is switched
 * to `licenseType` ("This API may result in the usage of call center licenses if required and
 * available. If the licenses are required and not available the operation will fail"): while the
 * user holds a line (active), their office needs a free line of the new license (400 naming it,
 * nothing changed), and the old license's line is freed by the switch.
 */
export function addCallCenterOperator(store: Store, g: FixtureGroup, user: FixtureUser, input: { role: string; skillLevel: number; licenseType: string }): void {
  assertCanAdd('call_centers', g, user, input.role);
  const switches = !CALL_CENTER_LICENSES.includes(user.license);
  if (switches && isHoldingLine(user, store.state)) assertFreeLine(store.state, store.getOffice(user.office_id), input.licenseType, user);
  if (switches) user.license = input.licenseType;
  g.operators.push({ user_id: user.id, role: input.role, skill_level: input.skillLevel });
  store.touch();
}

/** `DELETE …/operators`: 400 when the user is not an operator. Changes and releases no license (the API reference says so). */
export function removeOperator(store: Store, kind: GroupKind, g: FixtureGroup, userId: string): void {
  if (!findOperator(g, userId)) throw badRequest(`user ${userId} is not an operator of ${GROUP_KINDS[kind].label} ${g.id}`);
  g.operators = g.operators.filter((o) => o.user_id !== userId);
  store.touch();
}

/** `PATCH …/operators/{user_id}/skill` on a call-center operator (0–100, checked by the route). */
export function setSkillLevel(store: Store, op: FixtureOperator, skill: number): void {
  op.skill_level = skill;
  store.touch();
}

/**
 * `DELETE /departments/{id}`, `DELETE /callcenters/{id}`: final (the API has no restore). The
 * operators lose the membership and keep their licenses; the group's numbers go to the reserved
 * pool, as a deleted user's do. The group stays as a tombstone (`isLiveGroup`).
 */
export function deleteGroup(store: Store, g: FixtureGroup): void {
  for (const num of g.phone_numbers ?? []) store.detachNumber(store.getNumber(num));
  delete g.phone_numbers;
  g.operators = [];
  g['state'] = 'deleted';
  store.touch();
}

/** A deleted user operates nowhere: their memberships go with them. */
export function dropMemberships(store: Store, user: FixtureUser): void {
  for (const { kind } of GROUP_KIND_LIST) {
    for (const g of listGroups(store.state, kind)) {
      if (findOperator(g, user.id)) g.operators = g.operators.filter((o) => o.user_id !== user.id);
    }
  }
  store.touch();
}
