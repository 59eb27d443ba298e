import type { LiveState } from '../model/tenant.js';
import { ApiError } from './api-error.js';
import type { ApiDepartment, ApiLineCounts, ApiNumber, ApiOffice, ApiUser } from './api-types.js';
import type { DialpadClient } from './client.js';
import { normalizeLive, officeIdOf, type LiveOfficeReads } from './normalize-live.js';

/**
 * Reads the company, every office (with its plan and available licenses), every user in every
 * state (`state=all`; their memberships come with them, `group_details`), every number, and every
 * department and call centre, and normalizes them into a `LiveState` keyed by Dialpad
 * ids: offices, and every office reference, as `id:<live id>`. Which config office a live office
 * is, is decided after the read (`keyLiveOffices`), so every command reads Dialpad the same way.
 * Reads run concurrently; the client's limiter keeps them within the rate limit.
 *
 * A read that fails after retries, or a list that does not read as a whole list (a page that is
 * not JSON or of the wrong shape, repeated records or cursors, cursors without records: see
 * `createDialpadClient`), does not abort the whole read: it is recorded in
 * `incomplete` (with what was read before it) so the plan still renders and the
 * `incomplete_live_read` rule blocks it. Thrown instead, because no plan can be made at all:
 * auth failures (401, 403: nothing useful can be read with that key), a failed company read, and
 * an office list that failed before its first office (Dialpad is unreachable or refusing).
 */
export async function fetchLive(client: DialpadClient): Promise<LiveState> {
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

  const [company, offices, users, numbers, departments, callCenters] = await Promise.all([
    client.getCompany(),
    attempt<ApiOffice[]>('offices', () => client.listOffices(), (err) => {
      if (!err.itemsRead?.length) throw err;
      return partialList<ApiOffice>(err);
    }),
    attempt<ApiUser[]>('users', () => client.listUsers({ state: 'all' }), partialList),
    attempt<ApiNumber[]>('numbers', () => client.listNumbers(), partialList),
    attempt<ApiDepartment[]>('departments', () => client.listGroups('departments'), partialList),
    attempt<ApiDepartment[]>('call centres', () => client.listGroups('callcenters'), partialList),
  ]);

  const rawOffices = await Promise.all(
    offices.map(async (office): Promise<LiveOfficeReads> => {
      const id = officeIdOf(office);
      if (id === undefined) return { office };
      const label = `office ${office.name ?? id} (${id})`;
      const [plan, available] = await Promise.all([
        attempt<ApiLineCounts | undefined>(`${label} plan`, () => client.getOfficePlan(id), () => undefined),
        attempt<ApiLineCounts | undefined>(`${label} available licenses`, () => client.getAvailableLicenses(id), () => undefined),
      ]);
      return { office, ...(plan === undefined ? {} : { plan }), ...(available === undefined ? {} : { available }) };
    }),
  );

  const tenant = normalizeLive({ company, offices: rawOffices, users, numbers, departments, callCenters });
  const readAt = client.serverTime()?.toISOString();
  return { tenant, incomplete: incomplete.sort(), ...(readAt === undefined ? {} : { readAt }) };
}
