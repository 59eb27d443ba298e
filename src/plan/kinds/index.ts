/**
 * One entry per operation kind: the one place to add a kind (with its constructor in
 * `operations.ts`, its executor in `apply/execute-operation.ts` and its branch in
 * `schemas/plan.schema.json`). The `satisfies` clause makes a kind missing here a compile error.
 */
import type { SimState } from '../sim-state.js';
import type { Operation, OperationKind, OperationOf } from '../types.js';
import { setCallerId } from './caller-id.js';
import { addOperator, createGroup, deleteGroup, removeOperator, renameGroup, setSkill } from './groups.js';
import { changeAccountType } from './company.js';
import { updateGroupSettings } from './group-settings.js';
import { updateOfficeE911, updateUserE911 } from './e911.js';
import { buyLicenses, cancelLicenses, createOffice, renameOffice, transferLicenses } from './offices.js';
import { assignNumber, releaseNumber, unassignNumber } from './numbers.js';
import { assignRoomNumber, createRoom, deleteRoom, renameRoom, unassignRoomNumber } from './rooms.js';
import { grantAnalytics, grantProxy, revokeAnalytics, revokeProxy } from './permissions.js';
import type { Effects, Failure, KindSpec } from './spec.js';
import { createUser, deleteUser, moveUser, reactivateUser, restoreUser, suspendUser, updateUser } from './users.js';

export type { DeletedThing, Deletes, Effects, Execution, Failure, KindDescription, KindFacts, KindSpec, Landed, Manual, ManualStep, Marker, OfficePlacement, SummaryBucket } from './spec.js';
export { PHASES, phaseRank, type Phase } from './phases.js';

export const KINDS = {
  create_office: createOffice,
  create_user: createUser,
  update_user: updateUser,
  suspend_user: suspendUser,
  reactivate_user: reactivateUser,
  move_user: moveUser,
  delete_user: deleteUser,
  assign_number: assignNumber,
  unassign_number: unassignNumber,
  release_number: releaseNumber,
  transfer_licenses: transferLicenses,
  buy_licenses: buyLicenses,
  cancel_licenses: cancelLicenses,
  rename_office: renameOffice,
  change_account_type: changeAccountType,
  restore_user: restoreUser,
  grant_analytics: grantAnalytics,
  revoke_analytics: revokeAnalytics,
  grant_proxy: grantProxy,
  revoke_proxy: revokeProxy,
  create_group: createGroup,
  rename_group: renameGroup,
  delete_group: deleteGroup,
  add_operator: addOperator,
  remove_operator: removeOperator,
  set_skill: setSkill,
  update_group_settings: updateGroupSettings,
  update_office_e911: updateOfficeE911,
  update_user_e911: updateUserE911,
  set_caller_id: setCallerId,
  create_room: createRoom,
  rename_room: renameRoom,
  delete_room: deleteRoom,
  assign_room_number: assignRoomNumber,
  unassign_room_number: unassignRoomNumber,
} as const satisfies { [K in OperationKind]: KindSpec<K> };

/** Every operation kind, in the order of the table above (exhaustive by construction). */
export const OPERATION_KINDS = Object.keys(KINDS) as OperationKind[];

/**
 * The entry for `op`'s kind. The cast is the one place TypeScript cannot follow the correlation
 * between `op.kind` and the table (the `satisfies` above guarantees it).
 */
export function specOf<K extends OperationKind>(op: OperationOf<K>): KindSpec<OperationKind> {
  return KINDS[op.kind as K] as unknown as KindSpec<OperationKind>;
}

/** Undefined when `op` can run in `sim` now, else why not. */
export function checkOperation(sim: SimState, op: Operation): Failure | undefined {
  return specOf(op).check(sim, op);
}

/** Applies `op` (which `checkOperation` accepted) to `sim` and reports what it consumed, provided and pooled. */
export function applyOperation(sim: SimState, op: Operation): Effects {
  const fx: Effects = { claims: [], provides: [], pool: [] };
  specOf(op).apply(sim, op, fx);
  return fx;
}
