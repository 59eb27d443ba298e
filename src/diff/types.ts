/**
 * What differs between the desired and the live tenant, one fact per `Change`. Changes are
 * data, built by the constructors below; the planner turns them into ordered operations.
 */
import type { PhoneSettingChange } from '../model/phone-settings.js';
import type { GroupSettings, SettingChange } from '../model/group-settings.js';
import type { E911Address, Group, GroupRole, LineType, Office, PhoneNumber, Room, User, UserLicense } from '../model/tenant.js';

/** One attribute of a user that `PATCH /api/v2/users/{id}` reconciles. */
export type UserField =
  | { field: 'first_name'; from: string; to: string }
  | { field: 'last_name'; from: string; to: string }
  | { field: 'license'; from: UserLicense; to: UserLicense }
  | { field: 'is_super_admin'; from: boolean; to: boolean }
  | { field: 'admin_offices'; from: string[]; to: string[] }
  | { field: 'email'; from: string; to: string }
  | PhoneSettingChange;

export type Change =
  /** A config office missing live. */
  | { kind: 'create_office'; office: Office }
  /** A config office whose live name differs (pinned by `id`, or matched by name in another case): a manual rename. */
  | { kind: 'rename_office'; office: Office; live: Office }
  /** Desired purchased count of a line differs from live; the planner pairs these into transfers. */
  | { kind: 'office_licenses'; office: string; line: LineType; desired: number; live: number }
  | { kind: 'create_user'; user: User }
  /** A config user whose lifecycle an identity provider owns and has not provisioned yet (`matchOwnedUsers`): no operation. */
  | { kind: 'await_provisioning'; user: User }
  /** A dated joiner's or leaver's change still to come (`starts_on`, `leaves_on`): no operation today. */
  | { kind: 'schedule_lifecycle'; user: User; action: 'create' | 'suspend' | 'delete'; on: string }
  /** A desired user whose email is a live `deleted` user, still inside the restore window (`RESTORE_WINDOW_MS`). */
  | { kind: 'restore_user'; user: User; live: User }
  | { kind: 'update_user'; user: User; live: User; fields: UserField[] }
  /** `partWay`: the user is in `to` already, without the number the move gives (`findPartWayMoves`); the move is finished. */
  | { kind: 'move_user'; user: User; live: User; from: string; to: string; partWay?: true }
  /** `user` is absent for a live user missing from config (policy `unmanaged_users: suspend`). */
  | { kind: 'suspend_user'; user?: User; live: User }
  | { kind: 'reactivate_user'; user: User; live: User }
  /**
   * A live user leaving: `user` is their config entry with `state: deleted` (offboarding, under
   * any policy); absent for a live user missing from config (policy `unmanaged_users: delete`).
   */
  | { kind: 'delete_user'; live: User; user?: User }
  /**
   * A user's managed numbers differ. `from` is what the user holds once earlier changes are done
   * (an international move already sent the rest to the pool); `to` is the desired list, primary first.
   */
  | { kind: 'user_numbers'; email: string; user: User; live?: User; from: string[]; to: string[] }
  /** A number in `reserved_numbers.release`, or a pool number neither kept nor wanted with `reserved_numbers.release_unlisted: true`. */
  | { kind: 'release_number'; number: PhoneNumber; /** Listed in `reserved_numbers.release` (else released as unlisted). */ listed: boolean }
  /** A config department or call center missing live. */
  | { kind: 'create_group'; group: Group }
  /**
   * The settings config writes for a group (hours, routing, hold queue) that differ from the read;
   * `live` absent for a group this plan creates. `fields`: for display; `patch`: what is sent.
   */
  | { kind: 'group_settings'; group: Group; live?: Group; fields: SettingChange[]; patch: GroupSettings }
  /** A config group whose live name differs (matched by its pinned `id`). */
  | { kind: 'rename_group'; group: Group; live: Group }
  /** A live group absent from config, under `policy.unmanaged_groups: delete`. */
  | { kind: 'delete_group'; live: Group }
  /**
   * `email` should operate in `group` with `role` (and `skill`, for a call center, when config
   * declares one or a role change keeps the live one); `live` is the live account, if any.
   */
  | { kind: 'add_operator'; email: string; user: User; live?: User; group: Group; role: GroupRole; skill?: number }
  /** `email` should no longer operate in `group` (a membership config drops, a role change, a leaver). */
  | { kind: 'remove_operator'; email: string; user?: User; live: User; group: Group; role: GroupRole }
  /** A call-center operator's skill level differs from what config declares. */
  | { kind: 'set_skill'; email: string; user: User; live: User; group: Group; from: number; to: number }
  /** A live office whose E911 address (read) is not the complete one config declares. */
  | { kind: 'office_e911'; office: Office; live: Office; from: Partial<E911Address>; to: E911Address }
  /** A user whose own E911 address is not the complete one config declares; `live` absent for a user this plan creates. */
  | { kind: 'user_e911'; user: User; live?: User; from?: Partial<E911Address>; to: E911Address }
  /** The caller ID config declares differs from the one read (read only where config declares one). */
  | { kind: 'set_caller_id'; user: User; live: User; from: string; to: string }
  /** A config room missing live. */
  | { kind: 'create_room'; room: Room }
  /** A config room whose live name differs (matched by its pinned `id`, or by name in another case). */
  | { kind: 'rename_room'; room: Room; live: Room }
  /** A live room absent from config, under `policy.unmanaged_rooms: delete`. */
  | { kind: 'delete_room'; live: Room }
  /** A room's managed numbers differ: `from` what it holds (none for a room this plan creates), `to` config's list, primary first. */
  | { kind: 'room_numbers'; room: Room; live?: Room; from: string[]; to: string[] };

export type ChangeKind = Change['kind'];

/** The variant of `Change` with this kind. */
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;

/** Typed constructors, each returning its kind's variant: the only way changes are built. */
export const change = {
  createOffice: (office: Office): ChangeOf<'create_office'> => ({ kind: 'create_office', office }),
  renameOffice: (office: Office, live: Office): ChangeOf<'rename_office'> => ({ kind: 'rename_office', office, live }),
  officeLicenses: (office: string, line: LineType, desired: number, live: number): ChangeOf<'office_licenses'> => ({
    kind: 'office_licenses',
    office,
    line,
    desired,
    live,
  }),
  createUser: (user: User): ChangeOf<'create_user'> => ({ kind: 'create_user', user }),
  awaitProvisioning: (user: User): ChangeOf<'await_provisioning'> => ({ kind: 'await_provisioning', user }),
  scheduleLifecycle: (user: User, action: 'create' | 'suspend' | 'delete', on: string): ChangeOf<'schedule_lifecycle'> => ({ kind: 'schedule_lifecycle', user, action, on }),
  restoreUser: (user: User, live: User): ChangeOf<'restore_user'> => ({ kind: 'restore_user', user, live }),
  updateUser: (user: User, live: User, fields: UserField[]): ChangeOf<'update_user'> => ({ kind: 'update_user', user, live, fields }),
  moveUser: (user: User, live: User, from: string, to: string, partWay = false): ChangeOf<'move_user'> =>
    partWay ? { kind: 'move_user', user, live, from, to, partWay } : { kind: 'move_user', user, live, from, to },
  suspendUser: (live: User, user?: User): ChangeOf<'suspend_user'> =>
    user === undefined ? { kind: 'suspend_user', live } : { kind: 'suspend_user', user, live },
  reactivateUser: (user: User, live: User): ChangeOf<'reactivate_user'> => ({ kind: 'reactivate_user', user, live }),
  deleteUser: (live: User, user?: User): ChangeOf<'delete_user'> => (user === undefined ? { kind: 'delete_user', live } : { kind: 'delete_user', live, user }),
  userNumbers: (user: User, from: string[], to: string[], live?: User): ChangeOf<'user_numbers'> =>
    live === undefined
      ? { kind: 'user_numbers', email: user.email, user, from, to }
      : { kind: 'user_numbers', email: user.email, user, live, from, to },
  releaseNumber: (number: PhoneNumber, listed = false): ChangeOf<'release_number'> => ({ kind: 'release_number', number, listed }),
  createGroup: (group: Group): ChangeOf<'create_group'> => ({ kind: 'create_group', group }),
  groupSettings: (i: { group: Group; live?: Group; fields: SettingChange[]; patch: GroupSettings }): ChangeOf<'group_settings'> => ({ kind: 'group_settings', ...i }),
  renameGroup: (group: Group, live: Group): ChangeOf<'rename_group'> => ({ kind: 'rename_group', group, live }),
  deleteGroup: (live: Group): ChangeOf<'delete_group'> => ({ kind: 'delete_group', live }),
  addOperator: (i: { user: User; live?: User; group: Group; role: GroupRole; skill?: number }): ChangeOf<'add_operator'> => ({
    kind: 'add_operator',
    email: i.user.email,
    user: i.user,
    ...(i.live === undefined ? {} : { live: i.live }),
    group: i.group,
    role: i.role,
    ...(i.skill === undefined ? {} : { skill: i.skill }),
  }),
  removeOperator: (i: { user?: User; live: User; group: Group; role: GroupRole }): ChangeOf<'remove_operator'> => ({
    kind: 'remove_operator',
    email: i.user?.email ?? i.live.email,
    ...(i.user === undefined ? {} : { user: i.user }),
    live: i.live,
    group: i.group,
    role: i.role,
  }),
  setCallerId: (user: User, live: User, from: string, to: string): ChangeOf<'set_caller_id'> => ({ kind: 'set_caller_id', user, live, from, to }),
  setSkill: (i: { user: User; live: User; group: Group; from: number; to: number }): ChangeOf<'set_skill'> => ({ kind: 'set_skill', email: i.user.email, ...i }),
  createRoom: (room: Room): ChangeOf<'create_room'> => ({ kind: 'create_room', room }),
  renameRoom: (room: Room, live: Room): ChangeOf<'rename_room'> => ({ kind: 'rename_room', room, live }),
  deleteRoom: (live: Room): ChangeOf<'delete_room'> => ({ kind: 'delete_room', live }),
  roomNumbers: (room: Room, from: string[], to: string[], live?: Room): ChangeOf<'room_numbers'> =>
    live === undefined ? { kind: 'room_numbers', room, from, to } : { kind: 'room_numbers', room, live, from, to },
  officeE911: (office: Office, live: Office, from: Partial<E911Address>, to: E911Address): ChangeOf<'office_e911'> => ({ kind: 'office_e911', office, live, from, to }),
  userE911: (user: User, to: E911Address, live?: User): ChangeOf<'user_e911'> =>
    live === undefined ? { kind: 'user_e911', user, to } : { kind: 'user_e911', user, live, ...(live.e911 === undefined ? {} : { from: live.e911 }), to },
};
