import type { E911Address, GroupType, LineCounts, LiveList, LiveState, Tenant } from '../model/tenant.js';
import { cleanE911 } from '../model/e911.js';
import { ApiError } from './api-error.js';
import type { ApiCallerId, ApiDepartment, ApiE911, ApiLineCounts, ApiNumber, ApiOffice, ApiRoom, ApiUser } from './api-types.js';
import type { DialpadClient } from './client.js';
import type { GroupPath } from './client-groups.js';
import { normalizeLive, normalizeNumbers, normalizeOffices, officeIdOf, toLineCounts, type LiveOfficeReads } from './normalize-live.js';
import { crossCheckLists } from './cross-check-lists.js';
import { withCallerIds } from './caller-ids.js';
import { withSkillLevels, type SkillLevel, type SkillRead } from './skill-levels.js';
import { normalizeRooms } from './client-rooms.js';

/** The license reads of one office in phase 2: `GET /offices/{id}/plan`, and perhaps `available_licenses`. */
export interface OfficeLicenseReads {
  /** Live office id. */
  id: string;
  /**
   * Whether `available_licenses` is read too: always (`true`), never (`false`), or only when the
   * office's purchased count of one of these lines is above the count given (then the office may
   * give licenses up); that read waits for the plan read.
   */
  available: boolean | Partial<LineCounts>;
}

/** Phase 2 of a read: what is read once phase 1 is in. */
export interface FollowUpReads {
  offices: OfficeLicenseReads[];
  /** Numbers read one by one (`GET /numbers/{number}`); one the company does not have (404) is left out. */
  numbers: string[];
  /** Call-center skill levels read one by one (`GET …/callcenters/{id}/operators/{user_id}/skill`); absent: none. */
  skills?: SkillRead[];
  /** Users (live ids) whose caller ID is read (`GET /users/{id}/caller_id`): only those config declares one for. Absent: none. */
  callerIds?: string[];
  /**
   * Emails looked up one by one (`GET /users?email=`), a sample of the users a plan would create:
   * a user found that the users list did not bring shows the list ended early. Absent: none.
   */
  emails?: string[];
  /** Groups looked up by name (`GET /departments?name_search=`, `/callcenters`), the same for the groups a plan would create. */
  groupNames?: { type: GroupType; name: string }[];
  /**
   * E911 addresses read one by one (`GET /offices/{id}/e911`, `GET /users/{id}/e911`), by live id:
   * those of the offices and users whose config declares one. No read of a user or an office
   * brings one, so an undeclared address costs nothing. Absent: none.
   */
  e911?: { offices: string[]; users: string[] };
  /** Whether every room is read (`GET /rooms`): only when config manages rooms (`rooms:`), so a config without them costs no request. */
  rooms?: boolean;
}

/**
 * What a read covers besides phase 1 (company, offices, users in every state, the reserved pool).
 * `followUp` is asked once phase 1 is in, with its normalized result; it may take its time (a
 * plan's config loads beside phase 1), and its answer decides phase 2.
 */
export interface LiveReadScope {
  /**
   * Optional: asked as soon as the offices are read, with a state of those alone, for reads that
   * depend on nothing else (they then run beside the user pages, in budget the page chain leaves
   * idle). Reads asked for again in `followUp` are not repeated.
   */
  early?(offices: LiveState): FollowUpReads | Promise<FollowUpReads>;
  followUp(phaseOne: LiveState): FollowUpReads | Promise<FollowUpReads>;
}

/** Phase 1 only: what `status` shows and what apply's "did it land?" check needs. */
export const READ_PHASE_ONE: LiveReadScope = { followUp: () => ({ offices: [], numbers: [] }) };

/** Phase 1 and the rooms: what apply's "did it land?" check reads for a plan with room operations. */
export const READ_PHASE_ONE_AND_ROOMS: LiveReadScope = { followUp: () => ({ offices: [], numbers: [], rooms: true }) };

/** Phase 1, every office's purchased licenses and the rooms: what `import` writes. */
export const READ_OFFICE_PLANS: LiveReadScope = {
  followUp: (phaseOne) => ({
    offices: phaseOne.tenant.offices.flatMap((o) => (o.id === undefined ? [] : [{ id: o.id, available: false }])),
    numbers: [],
    rooms: true,
  }),
};

/**
 * Reads Dialpad in two phases and normalizes the result into a `LiveState` keyed by Dialpad ids:
 * offices, and every office reference, as `id:<live id>` (which config office a live office is,
 * is decided after the read: `keyLiveOffices`).
 *
 * 1. Concurrently: the company, every office, every user in every state (`state=all`; each user
 *    brings the numbers they hold and their memberships, `group_details`), the reserved pool
 *    (`GET /numbers?status=available`), and every department and call center.
 * 2. What `scope.followUp` asks for, given phase 1: per-office license reads, single numbers,
 *    call-center skill levels and the E911 addresses config declares.
 *    Reads `scope.early` asks for once the offices are in start then, beside the user pages.
 *
 * Office licenses not read are 0 in the result (and `available` absent): a caller reads those
 * its answer depends on. Every read goes through the client's rate limiter.
 *
 * A read that fails after retries, or a list that does not read as a whole list (a page that is
 * not JSON or of the wrong shape, repeated records or cursors, cursors without records: see
 * `createDialpadClient`), does not abort the whole read, in either phase: it is recorded in
 * `incomplete` (with what was read before it) so the plan still renders and the
 * `incomplete_live_read` rule blocks it. Once both phases are in, `crossCheckLists` looks for
 * records another read names that a list did not bring (a list that ended early, which no page
 * shape shows): each list found short goes into `incomplete` too, naming the check. Lists known
 * partial, either way, are named in `partialLists` (the planner withholds their kinds' creates).
 * Thrown instead, because no plan can be made at all:
 * auth failures (401, 403: nothing useful can be read with that key), a failed company read, an
 * office list that failed before its first office (Dialpad is unreachable or refusing), and
 * whatever `early` or `followUp` throws (a config that does not load).
 */
export async function fetchLive(client: DialpadClient, scope: LiveReadScope = READ_PHASE_ONE): Promise<LiveState> {
  const incomplete: string[] = [];
  const partialLists = new Set<LiveList>();
  /** `read`, or on failure `partial(err)` with `what` recorded in `incomplete` (and `list`, if it is one, as partial). */
  const attempt = async <T>(what: string, read: () => Promise<T>, partial: (err: ApiError) => T, list?: LiveList): Promise<T> => {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof ApiError) || err.kind === 'unauthorized' || err.kind === 'forbidden') throw err;
      const readCount = err.itemsRead === undefined ? '' : ` after reading ${err.itemsRead.length} item(s)`;
      incomplete.push(`${what}${readCount}: ${err.message}`);
      if (list !== undefined) partialLists.add(list);
      return partial(err);
    }
  };
  const partialList = <T>(err: ApiError): T[] => (err.itemsRead ?? []) as T[];
  const readList = <T>(list: LiveList, read: () => Promise<T[]>): Promise<T[]> => attempt(LIST_LABEL[list], read, partialList<T>, list);
  /** Each id's E911 address (cleaned: `cleanE911`); a failed read is left out and recorded. */
  const readE911 = async (ids: readonly string[], what: (id: string) => string, read: (id: string) => Promise<ApiE911>) => {
    const read1 = await Promise.all(ids.map(async (id) => [id, await attempt<ApiE911 | undefined>(what(id), () => read(id), () => undefined)] as const));
    return new Map(read1.flatMap(([id, a]) => (a === undefined ? [] : [[id, cleanE911(a)] as const])));
  };

  const officesRead = attempt<ApiOffice[]>(
    LIST_LABEL.offices,
    () => client.listOffices(),
    (err) => {
      if (!err.itemsRead?.length) throw err;
      return partialList<ApiOffice>(err);
    },
    'offices',
  );
  // Reads that need only the offices start as soon as they are in, beside the user pages.
  const started: Promise<unknown>[] = [];
  const licenseReads = trackLicenseReads(client, attempt, started);
  const early =
    scope.early === undefined
      ? Promise.resolve()
      : officesRead.then(async (offices) => {
          const reads = await scope.early?.({ tenant: normalizeLive({ offices: offices.map((office) => ({ office })), users: [], numbers: [] }), incomplete: [] });
          for (const o of reads?.offices ?? []) licenseReads.request(o, offices);
        });
  const [company, offices, users, pool, departments, callCenters] = await Promise.all([
    client.getCompany(),
    officesRead,
    readList<ApiUser>('users', () => client.listUsers({ state: 'all' })),
    readList<ApiNumber>('reserved_numbers', () => client.listNumbers({ status: 'available' })),
    readList<ApiDepartment>('departments', () => client.listGroups('departments')),
    readList<ApiDepartment>('call_centers', () => client.listGroups('callcenters')),
    early,
  ]);
  const phaseOne = normalizeLive({ company, offices: offices.map((office) => ({ office })), users, numbers: pool, departments, callCenters });
  const followUp = await scope.followUp({ tenant: phaseOne, incomplete: [...incomplete].sort() });
  for (const o of followUp.offices) licenseReads.request(o, offices);
  const [numbers, skills, lookedUp, groupsLookedUp, officeE911, userE911, callerIds, rooms] = await Promise.all([
    Promise.all(followUp.numbers.map((number) => attempt<ApiNumber | undefined>(`number ${number}`, () => readNumber(client, number), () => undefined))),
    Promise.all(
      (followUp.skills ?? []).map((s) =>
        attempt<SkillLevel | undefined>(
          `skill level of user ${s.userId} in call center ${s.groupId}`,
          async () => ({ ...s, level: (await client.getOperatorSkill(s.groupId, s.userId)).skill_level }),
          () => undefined,
        ),
      ),
    ),
    Promise.all((followUp.emails ?? []).map((email) => attempt<ApiUser[]>(`lookup of user ${email}`, () => client.listUsers({ state: 'all', email }), () => []))),
    Promise.all(
      (followUp.groupNames ?? []).map(async ({ type, name }) => ({
        list: GROUP_LOOKUP[type].list,
        groups: await attempt<ApiDepartment[]>(`lookup of ${GROUP_LOOKUP[type].noun} "${name}"`, () => client.listGroups(GROUP_LOOKUP[type].path, { nameSearch: name }), () => []),
      })),
    ),
    readE911(followUp.e911?.offices ?? [], (id) => `E911 address of office ${id}`, (id) => client.getOfficeE911(id)),
    readE911(followUp.e911?.users ?? [], (id) => `E911 address of user ${id}`, (id) => client.getUserE911(id)),
    Promise.all((followUp.callerIds ?? []).map((id) => attempt<ApiCallerId | undefined>(`caller ID of user ${id}`, () => client.getCallerId(id), () => undefined))),
    followUp.rooms === true ? readList<ApiRoom>('rooms', () => client.listRooms()) : Promise.resolve(undefined),
  ]);
  const officeReads = await Promise.all(offices.map((office) => licenseReads.collect(office)));
  await Promise.all(started);

  const singleNumbers = numbers.filter((n): n is ApiNumber => n !== undefined);
  const crossChecks = crossCheckLists({ offices, users, departments, callCenters, numbers: [...pool, ...singleNumbers], lookedUp: lookedUp.flat(), groupsLookedUp, ...(rooms === undefined ? {} : { rooms }) });
  for (const failed of crossChecks) {
    if (partialLists.has(failed.list)) continue;
    partialLists.add(failed.list);
    incomplete.push(`${LIST_LABEL[failed.list]}: ${failed.message}`);
  }

  const tenant: Tenant = {
    ...phaseOne,
    users: withE911(
      withCallerIds(
        withSkillLevels(phaseOne.users, skills.filter((l): l is SkillLevel => l !== undefined)),
        callerIds.filter((c): c is ApiCallerId => c !== undefined),
      ),
      userE911,
    ),
    offices: withE911(normalizeOffices(officeReads), officeE911),
    numbers: normalizeNumbers([...pool, ...singleNumbers], users),
    ...(rooms === undefined ? {} : { rooms: normalizeRooms(rooms) }),
  };
  const readAt = client.serverTime()?.toISOString();
  return {
    tenant,
    incomplete: incomplete.sort(),
    ...(partialLists.size === 0 ? {} : { partialLists: [...partialLists].sort() }),
    ...(readAt === undefined ? {} : { readAt }),
  };
}

/** Where a group lookup asks, and the list its answer cross-checks. */
const GROUP_LOOKUP: Record<GroupType, { path: GroupPath; list: LiveList; noun: string }> = {
  department: { path: 'departments', list: 'departments', noun: 'department' },
  call_center: { path: 'callcenters', list: 'call_centers', noun: 'call center' },
};

/**
 * `readE911`'s answers set on the records they are of (by live id); a record whose read failed or
 * was not asked for keeps no address (a failed read is in `incomplete`, which blocks the plan).
 */
function withE911<T extends { id?: string; e911?: Partial<E911Address> }>(records: T[], addresses: ReadonlyMap<string, Partial<E911Address>>): T[] {
  if (addresses.size === 0) return records;
  return records.map((r) => {
    const address = r.id === undefined ? undefined : addresses.get(r.id);
    return address === undefined ? r : { ...r, e911: address };
  });
}

/** How `incomplete` names each list. */
const LIST_LABEL: Record<LiveList, string> = {
  offices: 'offices',
  users: 'users',
  departments: 'departments',
  call_centers: 'call centers',
  reserved_numbers: 'reserved numbers',
  rooms: 'rooms',
};

/** A number the company does not have is an answer (404: undefined), not a failed read. */
async function readNumber(client: DialpadClient, number: string): Promise<ApiNumber | undefined> {
  try {
    return await client.getNumber(number);
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'not_found') return undefined;
    throw err;
  }
}

type Attempt = <T>(what: string, read: () => Promise<T>, partial: (err: ApiError) => T) => Promise<T>;

/**
 * The license reads of each office, each made once however many times it is asked for (early,
 * then again in phase 2). Every read started goes into `started`, marked as observed, so a read
 * still running when the whole read fails is no unhandled rejection; the caller awaits them all.
 */
function trackLicenseReads(client: DialpadClient, attempt: Attempt, started: Promise<unknown>[]) {
  const plans = new Map<string, Promise<ApiLineCounts | undefined>>();
  const available = new Map<string, Promise<ApiLineCounts | undefined>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    started.push(p);
    return p;
  };
  const labelOf = (id: string, offices: readonly ApiOffice[]) => {
    const office = offices.find((o) => officeIdOf(o) === id);
    return `office ${office?.name ?? id} (${id})`;
  };
  const readAvailable = (id: string, label: string): void => {
    if (available.has(id)) return;
    available.set(id, track(attempt(`${label} available licenses`, () => client.getAvailableLicenses(id), () => undefined)));
  };
  return {
    request(reads: OfficeLicenseReads, offices: readonly ApiOffice[]): void {
      const label = labelOf(reads.id, offices);
      let plan = plans.get(reads.id);
      if (plan === undefined) {
        plan = track(attempt(`${label} plan`, () => client.getOfficePlan(reads.id), () => undefined));
        plans.set(reads.id, plan);
      }
      const wanted = reads.available;
      if (wanted === true) readAvailable(reads.id, label);
      else if (wanted !== false) track(plan.then((read) => (isAbove(read, wanted) ? readAvailable(reads.id, label) : undefined)));
    },
    /** The office with what was read of it, once every read asked for has settled. */
    async collect(office: ApiOffice): Promise<LiveOfficeReads> {
      const id = officeIdOf(office);
      if (id === undefined || !plans.has(id)) return { office };
      const plan = await plans.get(id);
      // A conditional available read is started only once the plan read is in: wait for it too.
      await Promise.all(started);
      const free = await available.get(id);
      return { office, ...(plan === undefined ? {} : { plan }), ...(free === undefined ? {} : { available: free }) };
    },
  };
}

/** Whether `plan` (read) has more of a line than `declared` (when `declared` is a set of counts). */
function isAbove(plan: ApiLineCounts | undefined, declared: Partial<LineCounts>): boolean {
  if (plan === undefined) return false;
  const purchased = toLineCounts(plan);
  return Object.entries(declared).some(([line, count]) => (purchased[line as keyof LineCounts] ?? 0) > (count ?? 0));
}
