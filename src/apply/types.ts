import type { PhoneSettings } from '../model/phone-settings.js';
import type { ManualStep, OperationKind } from '../plan/types.js';
import type { Surprise } from './check-surprise.js';
import type { E911Address, GroupRole, GroupType, LineType, OfficeCreateSpec, UserLicense } from '../model/tenant.js';

/**
 * The writes and look-ups apply needs, in dialform's terms (camelCase throughout: the wire's
 * snake_case names stay in `src/dialpad`). `src/dialpad` provides the real one
 * (`createApplyApi`); tests may provide a fake. Every method throws an `ApiError` on failure,
 * already resolved for ambiguous failures (a create that may have happened is re-read, never
 * blindly repeated).
 */
export interface ApplyApi {
  createOffice(input: { name: string; country: string; spec: OfficeCreateSpec }): Promise<{ id: string }>;
  /** Live id of the office with this name (`isSameOfficeName`; the smallest id if several), if any. */
  findOfficeByName(name: string): Promise<string | undefined>;
  createUser(input: {
    email: string;
    officeId: string;
    firstName: string;
    lastName: string;
    license: UserLicense;
  }): Promise<{ id: string; answer?: UserAnswer }>;
  /** Live id and state of the user whose primary email this is, in any state. */
  findUserByEmail(email: string): Promise<{ id: string; state: string } | undefined>;
  updateUser(
    id: string,
    patch: {
      firstName?: string;
      lastName?: string;
      /** Primary first: an email change found through `previous_emails`. */
      emails?: string[];
      license?: UserLicense;
      isSuperAdmin?: boolean;
      adminOfficeIds?: string[];
      state?: 'active' | 'suspended';
      /** Sent as they are: the API's field names (`PHONE_SETTING_KEYS`). */
      settings?: PhoneSettings;
    },
  ): Promise<UserAnswer | void>;
  /** `POST /users/{id}/caller_id`: a number the user may present, or `blocked`. */
  setCallerId(userId: string, callerId: string): Promise<void>;
  /** `PATCH /users/{id}/move_office`: Dialpad handles the numbers (an international move replaces them). */
  moveUser(id: string, officeId: string): Promise<UserAnswer | void>;
  /** The user's office and numbers (primary first) now. */
  readUserNumbers(id: string): Promise<{ officeId: string; numbers: string[] }>;
  /** `PATCH /users/{id}` `office_id`: moves the user and assigns no number (across countries the user must hold none). */
  setUserOffice(id: string, officeId: string): Promise<UserAnswer | void>;
  /**
   * `assign_number` without `number`: the number Dialpad chooses, made the primary one.
   * `heldBefore`: the user's numbers just before, as the caller knows them; read only to settle an
   * ambiguous failure (the new number is the one not among them), never to confirm a clear answer.
   */
  assignChosenNumber(userId: string, heldBefore: readonly string[]): Promise<string>;
  deleteUser(id: string): Promise<void>;
  /** Resolves when the user holds `number` afterwards, including when Dialpad answers 409 because they already did. */
  assignNumber(userId: string, number: string, primary: boolean): Promise<void>;
  unassignNumber(userId: string, number: string): Promise<void>;
  releaseNumber(number: string): Promise<void>;
  /** The office's name as Dialpad shows it now (`GET /offices/{id}`): what a manual rename is verified by. */
  officeName(officeId: string): Promise<string>;
  /** The company's plan tier as Dialpad reports it (`GET /company` `account_type`): what a manual tier change is verified by. */
  accountType(): Promise<string | undefined>;
  /** Purchased count of a line type in an office (`GET .../plan`). */
  purchasedLicenses(officeId: string, line: LineType): Promise<number>;
  createGroup(input: { type: GroupType; name: string; officeId: string }): Promise<{ id: string }>;
  /** Live id of the group of this type and name (trimmed, case-insensitive; in `officeId` if given; smallest id), if any. */
  findGroupByName(type: GroupType, name: string, officeId?: string): Promise<string | undefined>;
  renameGroup(type: GroupType, id: string, name: string): Promise<void>;
  deleteGroup(type: GroupType, id: string): Promise<void>;
  /** Adds the user; for a call center with `skillLevel` and `licenseType` when given. */
  addOperator(input: { type: GroupType; groupId: string; userId: string; role: GroupRole; skillLevel?: number; licenseType?: UserLicense }): Promise<void>;
  removeOperator(type: GroupType, groupId: string, userId: string): Promise<void>;
  setSkill(callCenterId: string, userId: string, skillLevel: number): Promise<void>;
  /** `PATCH /departments/{id}` or `/callcenters/{id}` with settings already in the wire's shape (`toWireSettings`). */
  updateGroupSettings(type: GroupType, groupId: string, body: Record<string, unknown>): Promise<void>;
  /** `POST /rooms`; refused (`room_exists`) when Dialpad has a room of that name in the office already. */
  createRoom(input: { name: string; officeId: string }): Promise<{ id: string }>;
  /** Live id of the room of this name (trimmed, case-insensitive) in `officeId` (smallest id), if any. */
  findRoomByName(name: string, officeId: string): Promise<string | undefined>;
  renameRoom(id: string, name: string): Promise<void>;
  deleteRoom(id: string): Promise<void>;
  assignRoomNumber(roomId: string, number: string, primary: boolean): Promise<void>;
  unassignRoomNumber(roomId: string, number: string): Promise<void>;
  /** `PUT /offices/{id}/e911`: the office's address only (`update_all: false`), as given (`use_validated_option: false`). */
  setOfficeE911(officeId: string, address: E911Address): Promise<void>;
  /** `PUT /users/{id}/e911`: the person's own address, as given (`use_validated_option: false`). */
  setUserE911(userId: string, address: E911Address): Promise<void>;
}

/**
 * The user Dialpad answered a write with, as far as apply compares it with the plan's prediction
 * (`findSurprise`): read from the answer the write gets anyway, never by another request. An
 * `ApplyApi` that does not know the answer (a test's fake) returns nothing, and nothing is compared.
 */
export interface UserAnswer {
  state?: string;
  license?: string;
  officeId?: string;
  numbers?: string[];
}

export type OperationOutcome =
  | { status: 'done' }
  /** Done by an earlier run of the same plan (journal) — not repeated. */
  | { status: 'already_done' }
  /**
   * A manual step not done yet (not verified through the API, or not confirmed by an operator);
   * apply runs what does not depend on it and reports `waiting`.
   */
  | { status: 'waiting'; instructions: string }
  /**
   * Dialpad refused the write, or (`inDoubt`) its answer was lost and the read that would have
   * settled it failed too: it may have landed, and the next run of the plan looks it up first.
   */
  | { status: 'failed'; error: string; inDoubt?: true }
  /** Not attempted: an earlier failure stopped apply, or it depends on a step still waiting. */
  | { status: 'not_run'; reason: string };

export interface OperationResult {
  id: string;
  kind: OperationKind;
  summary: string;
  /** A manual operation's step (`ManualStep`), so a report can list a bulk step once. */
  step?: ManualStep;
  outcome: OperationOutcome;
}

export interface ApplyReport {
  results: OperationResult[];
  /**
   * `complete`: everything done; `waiting`: manual steps pending; `failed`: stopped at a failure;
   * `interrupted`: stopped on request (`ApplyOptions.signal`, Ctrl-C) with operations not run.
   */
  status: 'complete' | 'waiting' | 'failed' | 'interrupted';
  /** Set when apply stopped because Dialpad did something other than the plan predicted (status `failed`). */
  surprise?: Surprise;
}

/** Progress events for the CLI to print (apply itself never prints). */
export type ApplyEvent =
  | { type: 'start'; index: number; total: number; id: string; summary: string }
  | { type: 'result'; index: number; total: number; result: OperationResult };
