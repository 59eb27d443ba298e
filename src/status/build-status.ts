/**
 * `dialform status`: the help article's three views of a company (Manage Your Users), built from a
 * live read (pure): Active or Pending Users, Reserved Numbers (office; who it was last for and
 * when, where dialform's records know it) and Deleted Users (with the time left to restore), all
 * searchable (`compileSearch`), and a summary of them: counts per state and office, for a company
 * too large to read row by row.
 */
import { restorableUntil } from '../model/restore-window.js';
import { dialpadClock, type DesiredState, type LiveState, type User } from '../model/tenant.js';
import { compareCodeUnits } from '../model/compare.js';
import { latestBy, type History } from './history.js';
import type { Plan } from '../plan/types.js';
import { compileSearch } from './search-status.js';
import { findE911Gaps, type StatusE911 } from './e911-gaps.js';
import { listStatusRooms, toStatusDeskPhone, type StatusDeskPhone, type StatusRoom } from './rooms-view.js';
import type { ApiDeskPhone } from '../dialpad/client-deskphones.js';

/**
 * What differs between the config and Dialpad, from a plan of the config against the same read
 * (`null` without a config): every difference is an operation, and the manual steps among them
 * (an office rename, a license purchase or transfer, …) are what waits for a person in Dialpad.
 */
export interface StatusDifferences {
  /** Operations the plan has (0: Dialpad matches the configuration). */
  operations: number;
  /** The plan's manual steps, one per step (a bulk step once), in plan order. */
  manual_steps: { step: string; kind: string; summary: string }[];
  /** Whether a rule blocks the plan. */
  blocked: boolean;
  fingerprint: string;
}

export interface StatusUser {
  email: string;
  name: string;
  office: string;
  license: string;
  /** `active`, `pending` (invited, not accepted yet) or `suspended`. */
  state: string;
  /** `company admin`, `office admin`, or none. */
  permissions: string[];
  numbers: string[];
  /**
   * Only with `status --with deskphones` (one read per user listed): the user's desk phones;
   * `null` when that read failed. Absent otherwise.
   */
  deskphones?: StatusDeskPhone[] | null;
}

export interface ReservedNumber {
  number: string;
  office: string | null;
  /** Who held it last, when dialform's records know it; else null (unknown). */
  last_for: string | null;
  /** When it entered the pool, when known. */
  unassigned_at: string | null;
}

export interface DeletedUser {
  email: string;
  name: string;
  office: string;
  /** When known from dialform's records; Dialpad's API does not show it. */
  deleted_at: string | null;
  restorable_until: string | null;
  /** Whole hours left to restore, when the deletion time is known. */
  hours_left: number | null;
}

/** One office's users by state. */
export interface OfficeCount {
  office: string;
  active: number;
  pending: number;
  suspended: number;
  total: number;
}

/** Counts of the views (after `--search`): what `status` prints first. */
export interface StatusSummary {
  users: { total: number; active: number; pending: number; suspended: number; by_office: OfficeCount[] };
  reserved_numbers: { total: number; by_office: { office: string | null; count: number }[] };
  /** `closes_first`: the earliest restore deadline known, and its whole hours left. */
  deleted_users: { total: number; closes_first: string | null; hours_left: number | null };
  /** Counts of the E911 view; `null` when it was not asked for (not read). */
  e911: { offices_without_address: number; users_incomplete: number } | null;
  /** Counts of the rooms view; `null` when it was not asked for (not read). */
  rooms: { total: number } | null;
}

export interface Status {
  /** When the live read was made, by Dialpad's clock (its `Date`) when it sent one. */
  read_at: string;
  /** The `--search` text every view was filtered by, if any. */
  search: string | null;
  summary: StatusSummary;
  users: StatusUser[];
  reserved_numbers: ReservedNumber[];
  deleted_users: DeletedUser[];
  /** E911 gaps (`e911-gaps.ts`); `null` when not asked for: the view costs a read per office. */
  e911: StatusE911 | null;
  /** Rooms (`rooms-view.ts`); `null` when not asked for: the view costs the rooms list. */
  rooms: StatusRoom[] | null;
  /** Reads that failed part way: the views may be incomplete. */
  incomplete: string[];
  differences: StatusDifferences | null;
}

const SHOWN_STATES = ['active', 'pending', 'suspended'] as const;
type ShownState = (typeof SHOWN_STATES)[number];

/** Whether the users view lists a user in this state (deleted users have their own view; cancelled ones none). */
export function isShownUser(user: { state: string }): boolean {
  return (SHOWN_STATES as readonly string[]).includes(user.state);
}

/**
 * The three views of `live` (id-keyed, as `fetchLive` reads it), filtered by `search`. Times
 * are Dialpad's: the read's `Date` (`dialpadClock`), or `now` (this machine's) when it sent none.
 */
export function buildStatus(input: {
  live: LiveState;
  now: Date;
  search?: string;
  history?: History;
  plan?: Plan;
  /** The E911 view, of a read made with `readForE911Status`; `desired` when there is a config. */
  e911?: { desired?: DesiredState };
  /** The rooms view, of a read made with `readForRoomsStatus`, with the rooms' desk phones (by room key). */
  rooms?: { deskPhones: ReadonlyMap<string, readonly ApiDeskPhone[]> };
}): Status {
  const { live } = input;
  const now = dialpadClock(live) ?? input.now;
  const officeName = new Map(live.tenant.offices.map((o) => [o.key, o.name]));
  // A key no office of the read has (a partial read) is shown as the key itself.
  const officeOf = (key: string) => officeName.get(key) ?? key;
  const nameOf = (key: string | undefined) => (key === undefined ? null : officeOf(key));
  const history = input.history ?? { pooled: [], deleted: [] };
  const pooled = latestBy(history.pooled, (p) => p.number);
  const deleted = latestBy(history.deleted, (d) => d.email);
  const search = input.search?.trim() ?? '';
  const matches = compileSearch(search);

  const users = live.tenant.users
    .filter(isShownUser)
    .map((u) => toStatusUser(u, officeOf(u.office)))
    .filter((u) => matches({ fields: [u.email, u.name, u.license, u.office, u.state, ...u.permissions], numbers: u.numbers }));
  const reserved = live.tenant.numbers
    .filter((n) => n.status === 'available' && n.targetId === undefined)
    .map((n): ReservedNumber => {
      const known = pooled.get(n.number);
      return { number: n.number, office: nameOf(n.office), last_for: known?.user ?? null, unassigned_at: known?.at ?? null };
    })
    .filter((n) => matches({ fields: [n.office ?? '', n.last_for ?? ''], numbers: [n.number] }))
    .sort((a, b) => compareCodeUnits(a.number, b.number));
  const deletedUsers = live.tenant.users
    .filter((u) => u.state === 'deleted')
    .map((u): DeletedUser => {
      const at = u.deletedAt ?? deleted.get(u.email.toLowerCase())?.at;
      const until = at === undefined ? undefined : restorableUntil(new Date(at));
      return {
        email: u.email,
        name: fullName(u),
        office: officeOf(u.office),
        deleted_at: at ?? null,
        restorable_until: until?.toISOString() ?? null,
        hours_left: until === undefined ? null : Math.max(0, Math.floor((until.getTime() - now.getTime()) / 3_600_000)),
      };
    })
    .filter((d) => matches({ fields: [d.email, d.name, d.office, 'deleted'], numbers: [] }));
  const e911 = input.e911 === undefined ? null : findE911Gaps({ live, ...(input.e911.desired === undefined ? {} : { desired: input.e911.desired }), matches, officeOf });
  const rooms = input.rooms === undefined ? null : listStatusRooms({ live, deskPhones: input.rooms.deskPhones, matches, officeOf });
  return {
    read_at: now.toISOString(),
    search: search === '' ? null : search,
    summary: {
      ...summarize(users, reserved, deletedUsers),
      e911: e911 === null ? null : { offices_without_address: e911.offices.length, users_incomplete: e911.users.length },
      rooms: rooms === null ? null : { total: rooms.length },
    },
    users,
    reserved_numbers: reserved,
    deleted_users: deletedUsers,
    e911,
    rooms,
    incomplete: [...live.incomplete],
    differences: input.plan === undefined ? null : listDifferences(input.plan),
  };
}

/**
 * `status` with its listed users' desk phones (`--with deskphones`, read for the users `status`
 * lists, by lower-cased email; a user whose read failed gets `null`) and those reads' failures.
 */
export function addUserDeskPhones(status: Status, phones: { byUser: ReadonlyMap<string, readonly ApiDeskPhone[]>; incomplete: readonly string[] }): Status {
  return {
    ...status,
    users: status.users.map((u) => ({ ...u, deskphones: phones.byUser.get(u.email.toLowerCase())?.map(toStatusDeskPhone) ?? null })),
    incomplete: [...status.incomplete, ...phones.incomplete],
  };
}

/** Counts per state and office (offices in name order), pool numbers per office, the first restore deadline. */
function summarize(users: readonly StatusUser[], reserved: readonly ReservedNumber[], deletedUsers: readonly DeletedUser[]): Omit<StatusSummary, 'e911' | 'rooms'> {
  const offices = new Map<string, OfficeCount>();
  const byState: Record<ShownState, number> = { active: 0, pending: 0, suspended: 0 };
  for (const u of users) {
    const row = offices.get(u.office) ?? { office: u.office, active: 0, pending: 0, suspended: 0, total: 0 };
    const state = u.state as ShownState;
    row[state]++;
    row.total++;
    byState[state]++;
    offices.set(u.office, row);
  }
  const pool = new Map<string | null, number>();
  for (const n of reserved) pool.set(n.office, (pool.get(n.office) ?? 0) + 1);
  const first = deletedUsers.filter((d) => d.restorable_until !== null).sort((a, b) => compareCodeUnits(a.restorable_until ?? '', b.restorable_until ?? ''))[0];
  return {
    users: { total: users.length, ...byState, by_office: [...offices.values()].sort((a, b) => compareCodeUnits(a.office, b.office)) },
    reserved_numbers: {
      total: reserved.length,
      by_office: [...pool].map(([office, count]) => ({ office, count })).sort((a, b) => compareCodeUnits(a.office ?? '', b.office ?? '')),
    },
    deleted_users: { total: deletedUsers.length, closes_first: first?.restorable_until ?? null, hours_left: first?.hours_left ?? null },
  };
}

function listDifferences(plan: Plan): StatusDifferences {
  const steps = new Map<string, { step: string; kind: string; summary: string }>();
  for (const op of plan.operations) {
    if (op.step === undefined || steps.has(op.step.id)) continue;
    steps.set(op.step.id, { step: op.step.id, kind: op.kind, summary: op.summary });
  }
  return { operations: plan.operations.length, manual_steps: [...steps.values()], blocked: plan.summary.blocked, fingerprint: plan.fingerprint };
}

function fullName(u: User): string {
  return `${u.firstName} ${u.lastName}`.trim();
}

function toStatusUser(u: User, office: string): StatusUser {
  const permissions = [...(u.admin.company ? ['company admin'] : []), ...(u.admin.offices.length > 0 ? ['office admin'] : [])];
  return { email: u.email, name: fullName(u), office, license: u.license, state: u.state, permissions, numbers: [...(u.numbers ?? [])] };
}
