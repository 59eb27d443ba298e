import { ApiError } from './api-error.js';
import type { ApiCallCenter, ApiCompany, ApiDepartment, ApiLineCounts, ApiNumber, ApiOffice, ApiRoom, ApiUser } from './api-types.js';
import type { DialpadClient } from './client.js';
import { officeIdOf } from './normalize-live.js';

/** One call-center member's skill level, as `GET …/operators/{user_id}/skill` answered. */
export interface RawSkill {
  callCenterId: string;
  userId: string;
  level: number;
}

/**
 * The whole company as the API sends it (each record checked by the client, fields it does not
 * read passed through): what `doctor` inspects and `emulator snapshot` turns into a fixture.
 */
export interface RawRead {
  company: ApiCompany;
  offices: ApiOffice[];
  /** Every user not yet anonymized (`state=all`). */
  users: ApiUser[];
  /** The reserved pool (`status=available`), or every number the company has. */
  numbers: ApiNumber[];
  departments: ApiDepartment[];
  callCenters: ApiCallCenter[];
  /** Every room (`GET /rooms`); empty unless `rooms` was asked for. */
  rooms: ApiRoom[];
  /** Office id → `GET …/plan` (purchased) and `GET …/available_licenses` (unassigned). */
  plans: Map<string, ApiLineCounts>;
  available: Map<string, ApiLineCounts>;
  /** Empty unless `skills` was asked for. */
  skills: RawSkill[];
  /** Reads that failed or were cut short (after retries), each with what went wrong; the rest is what was read. */
  incomplete: string[];
}

export interface RawReadOptions {
  /** `pool`: only `GET /numbers?status=available` (what a plan reads); `all`: every number. */
  numbers: 'pool' | 'all';
  /** Read every call-center member's skill level (one request each). */
  skills: boolean;
  /** Read every room (one list: `emulator snapshot` twins them; doctor does not need them). */
  rooms?: boolean;
  /** A company read already made (doctor's first request): not repeated. */
  company?: ApiCompany;
}

/**
 * Reads the company, its offices (with each office's purchased and unassigned licenses), every
 * user, the numbers asked for, the departments and call centers (and perhaps skill levels), at the
 * client's rate. Only GETs. A read that fails goes into `incomplete` with what it read before
 * failing, as `fetchLive` records it; auth failures (401, 403) and a failed company read are thrown,
 * since nothing else can be trusted to be whole then.
 */
export async function readRaw(client: DialpadClient, opts: RawReadOptions): Promise<RawRead> {
  const incomplete: string[] = [];
  const attempt = async <T>(what: string, read: () => Promise<T>, partial: (err: ApiError) => T): Promise<T> => {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof ApiError) || err.kind === 'unauthorized' || err.kind === 'forbidden') throw err;
      incomplete.push(`${what}: ${err.message}`);
      return partial(err);
    }
  };
  const list = <T>(what: string, read: () => Promise<T[]>): Promise<T[]> => attempt(what, read, (err) => (err.itemsRead ?? []) as T[]);
  const officeReads = list('offices', () => client.listOffices()).then(async (offices) => {
    const ids = offices.flatMap((o) => officeIdOf(o) ?? []);
    const counts = (what: string, read: (id: string) => Promise<ApiLineCounts>) =>
      Promise.all(ids.map(async (id) => [id, await attempt(`office ${id} ${what}`, () => read(id), () => undefined)] as const));
    const [plans, available] = await Promise.all([counts('plan', (id) => client.getOfficePlan(id)), counts('available licenses', (id) => client.getAvailableLicenses(id))]);
    return { offices, plans: definedEntries(plans), available: definedEntries(available) };
  });
  const [company, office, users, numbers, departments, callCenters, rooms] = await Promise.all([
    opts.company ?? client.getCompany(),
    officeReads,
    list('users', () => client.listUsers({ state: 'all' })),
    list(opts.numbers === 'pool' ? 'reserved numbers' : 'numbers', () => client.listNumbers(opts.numbers === 'pool' ? { status: 'available' } : {})),
    list('departments', () => client.listGroups('departments')),
    list('call centers', () => client.listGroups('callcenters')),
    opts.rooms === true ? list('rooms', () => client.listRooms()) : Promise.resolve([]),
  ]);
  const skills = opts.skills ? await readSkills(client, callCenters, users, attempt) : [];
  return { company, ...office, users, numbers, departments, callCenters, rooms, skills, incomplete: incomplete.sort() };
}

type Attempt = <T>(what: string, read: () => Promise<T>, partial: (err: ApiError) => T) => Promise<T>;

/** The skill level of every user whose `group_details` name a call center that was read. */
async function readSkills(client: DialpadClient, callCenters: readonly ApiCallCenter[], users: readonly ApiUser[], attempt: Attempt): Promise<RawSkill[]> {
  const known = new Set(callCenters.map((c) => String(c.id)));
  const members = users.flatMap((u) =>
    u.state === 'deleted' ? [] : (u.group_details ?? []).filter((g) => g.group_type === 'callcenter' && known.has(String(g.group_id))).map((g) => ({ callCenterId: String(g.group_id), userId: String(u.id) })),
  );
  const levels = await Promise.all(
    members.map((m) =>
      attempt(`skill level of user ${m.userId} in call center ${m.callCenterId}`, async () => ({ ...m, level: Number((await client.getOperatorSkill(m.callCenterId, m.userId)).skill_level) }), () => undefined),
    ),
  );
  return levels.filter((l): l is RawSkill => l !== undefined);
}

function definedEntries<V>(entries: ReadonlyArray<readonly [string, V | undefined]>): Map<string, V> {
  return new Map(entries.filter((e): e is readonly [string, V] => e[1] !== undefined));
}
