/**
 * What operations refer to (`Operation.target` and the refs inside operations): offices, users,
 * numbers, groups, rooms and the company, each by config key, live id when it exists, and name.
 * Part of the plan's JSON document (re-exported by `types.ts`).
 */
import type { GroupType } from '../model/tenant.js';

/** An office as operations refer to it: its config key, its live id when it exists, its name. */
export interface OfficeRef {
  key: string;
  /** Absent for an office created earlier in the same plan: apply resolves it by name. */
  id?: string;
  name: string;
}

export interface UserTarget {
  type: 'user';
  email: string;
  /** Live id; absent for a user created in this plan. */
  id?: string;
}
export interface OfficeTarget {
  type: 'office';
  key: string;
  id?: string;
  name: string;
}
export interface NumberTarget {
  type: 'number';
  number: string;
}
/** A department or call center as operations refer to it: its config key, live id when it exists, name. */
export interface GroupRef {
  group_type: GroupType;
  key: string;
  /** Absent for a group created earlier in the same plan: apply resolves it by type, name and office. */
  id?: string;
  name: string;
  /** The office the group belongs to (names are unique only within an office). */
  office: OfficeRef;
}
export interface GroupTarget extends GroupRef {
  type: 'group';
}
/** A room as operations refer to it: its config key, live id when it exists, name, office. */
export interface RoomRef {
  key: string;
  /** Absent for a room created earlier in the same plan: apply resolves it by name and office. */
  id?: string;
  name: string;
  office: OfficeRef;
}
export interface RoomTarget extends RoomRef {
  type: 'room';
}
/** The company itself (its plan tier): `name` as Dialpad reads it, when it does. */
export interface CompanyTarget {
  type: 'company';
  name?: string;
}
export type Target = UserTarget | OfficeTarget | NumberTarget | GroupTarget | CompanyTarget | RoomTarget;
