import type { LineCounts, LiveState, Tenant } from '../model/tenant.js';
import { ApiError } from './api-error.js';
import type { ApiLineCounts, ApiNumber, ApiOffice, ApiUser } from './api-types.js';
import type { DialpadClient } from './client.js';
import { normalizeLive, normalizeNumbers, normalizeOffices, officeIdOf, toLineCounts, type LiveOfficeReads } from './normalize-live.js';

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
}

/**
 * What a read covers besides phase 1 (company, offices, users in every state, the reserved pool).
 * `followUp` is asked once phase 1 is in, with its normalized result; it may take its time (a
 * plan's config loads beside phase 1), and its answer decides phase 2.
 */
export interface LiveReadScope {
  followUp(phaseOne: LiveState): FollowUpReads | Promise<FollowUpReads>;
}

/** Phase 1 only: what `status` shows and what apply's "did it land?" check needs. */
export const READ_PHASE_ONE: LiveReadScope = { followUp: () => ({ offices: [], numbers: [] }) };

/** Phase 1 and every office's purchased licenses: what `import` writes. */
export const READ_OFFICE_PLANS: LiveReadScope = {
  followUp: (phaseOne) => ({
    offices: phaseOne.tenant.offices.flatMap((o) => (o.id === undefined ? [] : [{ id: o.id, available: false }])),
    numbers: [],
  }),
};

/**
 * Reads Dialpad in two phases and normalizes the result into a `LiveState` keyed by Dialpad ids:
 * offices, and every office reference, as `id:<live id>` (which config office a live office is,
 * is decided after the read: `keyLiveOffices`).
 *
 * 1. Concurrently: the company, every office, every user in every state (`state=all`; each user
 *    brings the numbers they hold) and the reserved pool (`GET /numbers?status=available`).
 * 2. What `scope.followUp` asks for, given phase 1: per-office license reads and single numbers.
 *
 * Office licenses not read are 0 in the result (and `available` absent): a caller reads those
 * its answer depends on. Every read goes through the client's rate limiter.
 *
 * A read that fails after retries, or a list that does not read as a whole list (a page that is
 * not JSON or of the wrong shape, repeated records or cursors, cursors without records: see
 * `createDialpadClient`), does not abort the whole read, in either phase: it is recorded in
 * `incomplete` (with what was read before it) so the plan still renders and the
 * `incomplete_live_read` rule blocks it. Thrown instead, because no plan can be made at all:
 * auth failures (401, 403: nothing useful can be read with that key), a failed company read, an
 * office list that failed before its first office (Dialpad is unreachable or refusing), and
 * whatever `followUp` throws (a config that does not load).
 */
export async function fetchLive(client: DialpadClient, scope: LiveReadScope = READ_PHASE_ONE): Promise<LiveState> {
  const incomplete: string[] = [];
  const attempt = async <T>(what: string, read: () => Promise<T>, partial: (err: ApiError) => T): Promise<T> => {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof ApiError) || err.kind === 'unauthorized' || err.kind === 'forbidden') throw err;
      const readCount = err.itemsRead === undefined ? '' : ` after reading ${err.itemsRead.length} item(s)`;
      incomplete.push(`${what}${readCount}: ${err.message}`);
      return partial(err);
    }
  };
  const partialList = <T>(err: ApiError): T[] => (err.itemsRead ?? []) as T[];

  const [company, offices, users, pool] = await Promise.all([
    client.getCompany(),
    attempt<ApiOffice[]>('offices', () => client.listOffices(), (err) => {
      if (!err.itemsRead?.length) throw err;
      return partialList<ApiOffice>(err);
    }),
    attempt<ApiUser[]>('users', () => client.listUsers({ state: 'all' }), partialList),
    attempt<ApiNumber[]>('reserved numbers', () => client.listNumbers({ status: 'available' }), partialList),
  ]);
  const phaseOne = normalizeLive({ company, offices: offices.map((office) => ({ office })), users, numbers: pool });
  const followUp = await scope.followUp({ tenant: phaseOne, incomplete: [...incomplete].sort() });

  const nameOf = new Map(offices.flatMap((office) => {
    const id = officeIdOf(office);
    return id === undefined ? [] : [[id, office.name ?? id] as const];
  }));
  const wanted = new Map(followUp.offices.map((o) => [o.id, o]));
  const [officeReads, numbers] = await Promise.all([
    Promise.all(
      offices.map(async (office): Promise<LiveOfficeReads> => {
        const id = officeIdOf(office);
        const reads = id === undefined ? undefined : wanted.get(id);
        if (id === undefined || reads === undefined) return { office };
        const label = `office ${nameOf.get(id)} (${id})`;
        const readAvailable = () =>
          attempt<ApiLineCounts | undefined>(`${label} available licenses`, () => client.getAvailableLicenses(id), () => undefined);
        const [plan, early] = await Promise.all([
          attempt<ApiLineCounts | undefined>(`${label} plan`, () => client.getOfficePlan(id), () => undefined),
          reads.available === true ? readAvailable() : undefined,
        ]);
        const available = early ?? (isAbove(plan, reads.available) ? await readAvailable() : undefined);
        return { office, ...(plan === undefined ? {} : { plan }), ...(available === undefined ? {} : { available }) };
      }),
    ),
    Promise.all(followUp.numbers.map((number) => attempt<ApiNumber | undefined>(`number ${number}`, () => readNumber(client, number), () => undefined))),
  ]);

  const tenant: Tenant = {
    ...phaseOne,
    offices: normalizeOffices(officeReads),
    numbers: normalizeNumbers([...pool, ...numbers.filter((n): n is ApiNumber => n !== undefined)], users),
  };
  const readAt = client.serverTime()?.toISOString();
  return { tenant, incomplete: incomplete.sort(), ...(readAt === undefined ? {} : { readAt }) };
}

/** A number the company does not have is an answer (404: undefined), not a failed read. */
async function readNumber(client: DialpadClient, number: string): Promise<ApiNumber | undefined> {
  try {
    return await client.getNumber(number);
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'not_found') return undefined;
    throw err;
  }
}

/** Whether `plan` (read) has more of a line than `declared` (when `declared` is a set of counts). */
function isAbove(plan: ApiLineCounts | undefined, declared: boolean | Partial<LineCounts>): boolean {
  if (plan === undefined || typeof declared === 'boolean') return false;
  const purchased = toLineCounts(plan);
  return Object.entries(declared).some(([line, count]) => (purchased[line as keyof LineCounts] ?? 0) > (count ?? 0));
}
