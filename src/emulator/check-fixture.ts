/**
 * Semantic checks of a normalized fixture: unique ids, emails and numbers, references between
 * objects, number/target consistency, and license accounting. Returns every problem found.
 */
import type { PathProblem } from './fixture.js';
import { GROUP_KIND_LIST, findKindOfTargetType, isLiveGroup } from './groups.js';
import { getAssigned, getPurchased } from './licenses.js';
import { LINE_FIELDS, type Fixture } from './types.js';

function findDuplicates<T>(items: T[], keyOf: (t: T) => string | undefined, add: (index: number, key: string) => void): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (key === undefined) return;
    if (seen.has(key)) add(i, key);
    seen.add(key);
  });
}

/** States of users that can operate in a group: the add endpoints refuse the others, and a deletion drops memberships. */
const OPERATOR_STATES: ReadonlySet<string> = new Set(['active', 'suspended']);

/**
 * Departments and call centers: ids unique in the one id space the emulator mints from (offices,
 * users, groups, deleted ones too), offices and operators that exist, tombstones left empty, each user once per group, roles of the
 * group's kind, skill levels only in call centers, the department operator cap, and numbers
 * consistent with the groups that list them.
 */
function checkGroups(f: Fixture, officeIds: ReadonlySet<string>, numberIndex: ReadonlyMap<string, number>): PathProblem[] {
  const problems: PathProblem[] = [];
  const users = new Map(f.users.map((u) => [u.id, u]));
  const taken = new Set([...officeIds, ...users.keys()]);
  const groupIds = new Map<string, Set<string>>();
  for (const info of GROUP_KIND_LIST) {
    const ids = new Set<string>();
    groupIds.set(info.groupType, ids);
    (f[info.kind] ?? []).forEach((g, i) => {
      const at = `/${info.kind}/${i}`;
      if (taken.has(g.id)) problems.push({ path: `${at}/id`, message: `id "${g.id}" is already used by an office, a user or another group` });
      taken.add(g.id);
      if (isLiveGroup(g)) ids.add(g.id);
      else if (g.operators.length > 0 || (g.phone_numbers ?? []).length > 0) {
        problems.push({ path: at, message: `a deleted ${info.label} (state "deleted") has no operators and no numbers` });
      }
      if (!officeIds.has(g.office_id)) problems.push({ path: `${at}/office_id`, message: `office "${g.office_id}" does not exist` });
      if (info.maxOperators !== undefined && g.operators.length > info.maxOperators) {
        problems.push({ path: `${at}/operators`, message: `a ${info.label} holds at most ${info.maxOperators} operators; "${g.name}" lists ${g.operators.length}` });
      }
      const seen = new Set<string>();
      g.operators.forEach((op, j) => {
        const opAt = `${at}/operators/${j}`;
        const user = users.get(op.user_id);
        if (!user) problems.push({ path: `${opAt}/user_id`, message: `user "${op.user_id}" does not exist` });
        else if (!OPERATOR_STATES.has(user.state)) problems.push({ path: `${opAt}/user_id`, message: `user "${op.user_id}" is ${user.state}; only active and suspended users can be operators` });
        if (seen.has(op.user_id)) problems.push({ path: `${opAt}/user_id`, message: `user "${op.user_id}" is listed twice in ${info.label} "${g.name}"` });
        seen.add(op.user_id);
        if (!info.roles.includes(op.role)) problems.push({ path: `${opAt}/role`, message: `a ${info.label} operator's role is one of ${info.roles.join(', ')}` });
        if (info.kind === 'departments' && op.skill_level !== undefined) problems.push({ path: `${opAt}/skill_level`, message: 'skill levels exist only in call centers' });
      });
      (g.phone_numbers ?? []).forEach((num, j) => {
        const n = f.numbers[numberIndex.get(num) ?? -1];
        if (n && (n.target_type !== info.groupType || n.target_id !== g.id)) {
          problems.push({ path: `${at}/phone_numbers/${j}`, message: `${num} is listed by ${info.label} ${g.id} but numbers[] gives it target ${n.target_type ?? 'none'} ${n.target_id ?? ''}`.trimEnd() });
        }
      });
    });
  }
  f.numbers.forEach((n, i) => {
    const info = findKindOfTargetType(n.target_type);
    if (!info || n.target_id === undefined) return;
    if (!groupIds.get(info.groupType)?.has(n.target_id)) problems.push({ path: `/numbers/${i}/target_id`, message: `${info.label} "${n.target_id}" does not exist` });
    if (n.status !== info.numberStatus) problems.push({ path: `/numbers/${i}/status`, message: `a number held by a ${info.label} has status "${info.numberStatus}"` });
  });
  return problems;
}

/** Rooms: ids unused by anything else, offices that exist, numbers consistent with the numbers that target them. */
function checkRooms(f: Fixture, officeIds: ReadonlySet<string>, numberIndex: ReadonlyMap<string, number>): PathProblem[] {
  const problems: PathProblem[] = [];
  const taken = new Set([...officeIds, ...f.users.map((u) => u.id), ...GROUP_KIND_LIST.flatMap((k) => (f[k.kind] ?? []).map((g) => g.id))]);
  const ids = new Set<string>();
  (f.rooms ?? []).forEach((r, i) => {
    if (taken.has(r.id) || ids.has(r.id)) problems.push({ path: `/rooms/${i}/id`, message: `id "${r.id}" is already used by an office, a user, a group or another room` });
    ids.add(r.id);
    if (!officeIds.has(r.office_id)) problems.push({ path: `/rooms/${i}/office_id`, message: `office "${r.office_id}" does not exist` });
    (r.phone_numbers ?? []).forEach((num, j) => {
      const n = f.numbers[numberIndex.get(num) ?? -1];
      if (n && (n.target_type !== 'room' || n.target_id !== r.id)) problems.push({ path: `/rooms/${i}/phone_numbers/${j}`, message: `${num} is listed by room ${r.id} but numbers[] gives it target ${n.target_type ?? 'none'} ${n.target_id ?? ''}`.trimEnd() });
    });
  });
  f.numbers.forEach((n, i) => {
    if (n.target_type === 'room' && n.target_id !== undefined && !ids.has(n.target_id)) problems.push({ path: `/numbers/${i}/target_id`, message: `room "${n.target_id}" does not exist` });
  });
  return problems;
}

/** Problems with references and accounting; empty when the fixture is usable. */
export function checkFixture(f: Fixture): PathProblem[] {
  const problems: PathProblem[] = [];
  const officeIds = new Set(f.offices.map((o) => o.id));
  const users = new Map(f.users.map((u) => [u.id, u]));

  findDuplicates(f.offices, (o) => o.id, (i, k) => problems.push({ path: `/offices/${i}/id`, message: `duplicate office id "${k}"` }));
  findDuplicates(f.users, (u) => u.id, (i, k) => problems.push({ path: `/users/${i}/id`, message: `duplicate user id "${k}"` }));
  findDuplicates(f.numbers, (n) => n.number, (i, k) => problems.push({ path: `/numbers/${i}/number`, message: `duplicate number ${k}` }));
  findDuplicates(
    f.users,
    (u) => (u.state === 'deleted' || u.state === 'cancelled' ? undefined : u.emails[0]?.toLowerCase()),
    (i, k) => problems.push({ path: `/users/${i}/emails/0`, message: `email ${k} is already used by another user` }),
  );
  if (f.offices.filter((o) => o.is_primary_office === true).length > 1) {
    problems.push({ path: '/offices', message: 'more than one office has is_primary_office: true' });
  }

  f.users.forEach((u, i) => {
    if (!officeIds.has(u.office_id)) problems.push({ path: `/users/${i}/office_id`, message: `office "${u.office_id}" does not exist` });
    (u.admin_office_ids ?? []).forEach((id, j) => {
      if (!officeIds.has(id)) problems.push({ path: `/users/${i}/admin_office_ids/${j}`, message: `office "${id}" does not exist` });
    });
    if (u.deleted_at !== undefined && u.state !== 'deleted') {
      problems.push({ path: `/users/${i}/deleted_at`, message: `deleted_at is only allowed on users with state "deleted"` });
    }
  });

  const numberIndex = new Map(f.numbers.map((n, i) => [n.number, i]));
  f.users.forEach((u, i) => {
    (u.phone_numbers ?? []).forEach((num, j) => {
      const n = f.numbers[numberIndex.get(num) ?? -1];
      if (n && (n.target_type !== 'user' || n.target_id !== u.id)) {
        problems.push({ path: `/users/${i}/phone_numbers/${j}`, message: `${num} is listed by user ${u.id} but numbers[] gives it target ${n.target_type ?? 'none'} ${n.target_id ?? ''}`.trimEnd() });
      }
    });
  });
  f.numbers.forEach((n, i) => {
    if (n.office_id !== undefined && !officeIds.has(n.office_id)) problems.push({ path: `/numbers/${i}/office_id`, message: `office "${n.office_id}" does not exist` });
    if (n.status === 'available' && n.target_id !== undefined) problems.push({ path: `/numbers/${i}/status`, message: 'a number with status "available" (reserved pool) must have no target' });
    if (n.status !== 'available' && n.target_id === undefined) problems.push({ path: `/numbers/${i}/target_id`, message: `a number with status "${n.status}" needs target_id and target_type` });
    if (n.target_type === 'user' && n.target_id !== undefined && !users.has(n.target_id)) {
      problems.push({ path: `/numbers/${i}/target_id`, message: `user "${n.target_id}" does not exist` });
    }
    if (n.target_type === 'office' && n.target_id !== undefined && !officeIds.has(n.target_id)) {
      problems.push({ path: `/numbers/${i}/target_id`, message: `office "${n.target_id}" does not exist` });
    }
  });
  problems.push(...checkGroups(f, officeIds, numberIndex));
  problems.push(...checkRooms(f, officeIds, numberIndex));

  f.offices.forEach((o, i) => {
    const purchased = getPurchased(o);
    const assigned = getAssigned(f, o.id);
    for (const line of LINE_FIELDS) {
      if (assigned[line] > purchased[line]) {
        problems.push({
          path: `/offices/${i}/licenses`,
          message: `office "${o.name}": ${assigned[line]} ${line} are held (by users and assigned_licenses) but only ${purchased[line]} are purchased`,
        });
      }
    }
  });

  (f.api_keys ?? []).forEach((k, i) => {
    if (k.scope === 'office' && (k.office_id === undefined || !officeIds.has(k.office_id))) {
      problems.push({ path: `/api_keys/${i}/office_id`, message: 'an office-scoped key needs the office_id of an existing office' });
    }
  });
  return problems;
}
