/**
 * Departments, call centers and rooms in the normalized model (`tenant.ts`, which re-exports
 * them): the same conventions hold (office references are office keys, numbers E.164).
 */
import type { GroupSettings } from './group-settings.js';
import type { SourceRef } from './tenant.js';

/** The two kinds of group dialform manages (`src/model/groups.ts` holds their rules). */
export const GROUP_TYPES = ['department', 'call_center'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** A membership role (`GroupDetailsProto.role`); which roles a group type allows: `GROUP_ROLES`. */
export type GroupRole = 'admin' | 'operator' | 'supervisor';

/** A department or call center. */
export interface Group {
  /**
   * Config key (a slug, unique across departments and call centers); a live group not matched to
   * config keeps `<type>:<live id>` (`liveGroupKey`).
   */
  key: string;
  type: GroupType;
  /** Live id; on the desired side only when the config pins one with `id:`. */
  id?: string;
  name: string;
  /** Office key. */
  office: string;
  /**
   * Live only: the numbers Dialpad routes to the group (`phone_numbers`), absent when none. A
   * deleted group's go to the reserved pool (`delete_group`'s `numbers_to_pool`).
   */
  numbers?: string[];
  /**
   * Desired only: config's acknowledgment (`allow_new_group: true`) that this group is new although
   * the plan deletes a live group that looks like it (`group_looks_renamed`).
   */
  allowNewGroup?: boolean;
  /**
   * How the group answers (hours, routing, hold queue: `model/group-settings.ts`). Desired: only
   * what config writes (absent: none managed); live: what the group read holds.
   */
  settings?: GroupSettings;
  source?: SourceRef;
}

/** One user's place in one group. */
export interface Membership {
  /** Group key (see `Group.key`). */
  group: string;
  role: GroupRole;
  /**
   * Call centers only, 1–100. Desired: declared in config (absent: not managed). Live: read
   * (`…/skill`) only for members whose config declares one, else absent.
   */
  skill?: number;
  /** Desired only: where the membership is declared. */
  source?: SourceRef;
}

/**
 * A room: a shared phone (a conference room, a lobby) with its own numbers, in an office, holding
 * one of that office's room licenses (docs/rooms.md). Matched by `id`, else by name within its
 * office (`keyLiveRooms`, `src/model/rooms.ts`).
 */
export interface Room {
  /** Config key (a slug); a live room not matched to config keeps `room:<live id>` (`liveRoomKey`). */
  key: string;
  /** Live id; on the desired side only when the config pins one with `id:`. */
  id?: string;
  name: string;
  /** Office key. */
  office: string;
  /** E.164, primary first. Desired: `undefined` means the room's numbers are not managed. Live: as read. */
  numbers?: string[];
  source?: SourceRef;
}
