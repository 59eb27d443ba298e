/**
 * Cross-checks of the lists a read takes whole (pure). A list that ends early looks like a list
 * that ends: an empty last page without a cursor is also how a list of exactly one page size ends,
 * so the page shape alone cannot tell. What can is a reference, in what else was read, to a record
 * the list did not bring: a user's `office_id`, `admin_office_ids` or `group_details`, a group's
 * `office_id`, a number's `office_id` or `target_id`, a user or group found by an email or name
 * lookup. Each such
 * reference makes its list partial.
 */
import type { LiveList } from '../model/tenant.js';
import type { ApiDepartment, ApiNumber, ApiOffice, ApiRoom, ApiUser, Int64 } from './api-types.js';
import { officeIdOf } from './normalize-live.js';

/** What a read brought (lists may be partial already), to cross-check. */
export interface ListsRead {
  offices: readonly ApiOffice[];
  users: readonly ApiUser[];
  departments: readonly ApiDepartment[];
  callCenters: readonly ApiDepartment[];
  /** The reserved pool and numbers read one by one. */
  numbers: readonly ApiNumber[];
  /** Users found by email lookups (`GET /users?email=`). */
  lookedUp: readonly ApiUser[];
  /** Groups found by name lookups (`name_search`), with the list each belongs in. */
  groupsLookedUp: readonly { list: LiveList; groups: readonly ApiDepartment[] }[];
  /** Rooms, when read (`FollowUpReads.rooms`). */
  rooms?: readonly ApiRoom[];
}

/** A list found partial: which, and the references that show it (the first few named). */
export interface FailedCrossCheck {
  list: LiveList;
  message: string;
}

/** A reference to a record of `list` with id `id`, from `from` (for the message). */
interface Reference {
  list: LiveList;
  id: string;
  from: string;
}

/** The noun of a record of each list, in messages. */
const NOUN: Record<LiveList, string> = {
  offices: 'office',
  users: 'user',
  departments: 'department',
  call_centers: 'call center',
  reserved_numbers: 'number',
  rooms: 'room',
};

/** `GroupDetailsProto.group_type` and a number's `target_type` → the list holding that record. */
const LIST_OF_TYPE: Readonly<Record<string, LiveList>> = { office: 'offices', user: 'users', department: 'departments', callcenter: 'call_centers' };

const SHOWN = 3;

/** Every reference into a list that the list does not hold, grouped by list, in list order. */
export function crossCheckLists(read: ListsRead): FailedCrossCheck[] {
  const held: Partial<Record<LiveList, Set<string>>> = {
    offices: ids(read.offices.map(officeIdOf)),
    users: ids(read.users.map((u) => u.id)),
    departments: ids(read.departments.map((g) => g.id)),
    call_centers: ids(read.callCenters.map((g) => g.id)),
  };
  const missing = new Map<LiveList, Reference[]>();
  for (const ref of listReferences(read)) {
    if (held[ref.list]?.has(ref.id) !== false) continue;
    const refs = missing.get(ref.list) ?? [];
    if (!refs.some((r) => r.id === ref.id)) refs.push(ref);
    missing.set(ref.list, refs);
  }
  return [...missing.entries()].map(([list, refs]) => {
    const named = refs.slice(0, SHOWN).map((r) => `${NOUN[list]} ${r.id} (named by ${r.from})`);
    const more = refs.length > SHOWN ? ` and ${refs.length - SHOWN} more` : '';
    return { list, message: `cross-check failed: the list did not bring ${named.join(', ')}${more}; it ended early` };
  });
}

function ids(values: readonly (Int64 | undefined)[]): Set<string> {
  return new Set(values.flatMap((v) => (v === undefined ? [] : [String(v)])));
}

/**
 * The references between the lists. A deleted user's are left out: Dialpad keeps a deleted
 * account's last office and memberships, which need not be listed any more.
 */
function listReferences(read: ListsRead): Reference[] {
  const refs: Reference[] = [];
  const add = (list: LiveList | undefined, id: Int64 | undefined, from: string): void => {
    if (list !== undefined && id !== undefined) refs.push({ list, id: String(id), from });
  };
  for (const u of read.users) {
    if (u.state === 'deleted') continue;
    const from = `user ${String(u.id)}`;
    add('offices', u.office_id, `${from}'s office_id`);
    for (const id of u.admin_office_ids ?? []) add('offices', id, `${from}'s admin_office_ids`);
    for (const d of u.group_details ?? []) add(LIST_OF_TYPE[d.group_type ?? ''], d.group_id, `${from}'s group_details`);
  }
  for (const [list, groups] of [['departments', read.departments], ['call_centers', read.callCenters]] as const) {
    for (const g of groups) add('offices', g.office_id, `${NOUN[list]} ${String(g.id)}'s office_id`);
  }
  for (const r of read.rooms ?? []) add('offices', r.office_id, `room ${String(r.id)}'s office_id`);
  for (const u of read.lookedUp) add('users', u.id, `a lookup of ${u.emails?.[0] ?? 'its email'}`);
  for (const { list, groups } of read.groupsLookedUp) for (const g of groups) add(list, g.id, `a lookup of "${g.name ?? ''}"`);
  for (const n of read.numbers) {
    add('offices', n.office_id, `number ${String(n.number)}'s office_id`);
    add(LIST_OF_TYPE[n.target_type ?? ''], n.target_id, `number ${String(n.number)}'s target_id`);
  }
  return refs;
}
