import { ApiError } from './api-error.js';
import type {
  ApiAssignNumber,
  ApiAvailableLicenses,
  ApiCollection,
  ApiCompany,
  ApiCreateOffice,
  ApiCreateUser,
  ApiNumber,
  ApiOffice,
  ApiOfficeUpdateResponse,
  ApiPlan,
  ApiUpdateUser,
  ApiUser,
  ApiUserListState,
  Int64,
} from './api-types.js';
import {
  confirmCreateOffice,
  confirmCreateUser,
  confirmDeleteUser,
  confirmMoveUser,
  confirmNumberAssigned,
  confirmNumberReleased,
  confirmNumberUnassigned,
} from './confirm-writes.js';
import { createTransport, type CallSpec, type TransportOptions, type TransportStats } from './transport.js';

export type { RequestEvent, TransportStats } from './transport.js';

/** Options for `createDialpadClient`; see `TransportOptions` for each field. */
export type DialpadClientOptions = TransportOptions;

/** Per-call options for writes. */
export interface CallOptions {
  /** Human label for error messages, e.g. `create user ada@acme.com`. */
  label?: string;
}

/**
 * Typed Dialpad API v2 client: one method per endpoint dialform uses. List methods follow
 * `cursor` through every page; when a page fails (after retries) they throw an `ApiError`
 * whose `itemsRead` holds the items read before it.
 */
export interface DialpadClient {
  getCompany(): Promise<ApiCompany>;
  listOffices(filter?: { activeOnly?: boolean }): Promise<ApiOffice[]>;
  getOffice(id: Int64): Promise<ApiOffice>;
  createOffice(body: ApiCreateOffice, opts?: CallOptions): Promise<ApiOfficeUpdateResponse>;
  getOfficePlan(officeId: Int64): Promise<ApiPlan>;
  getAvailableLicenses(officeId: Int64): Promise<ApiAvailableLicenses>;
  listUsers(filter?: { state?: ApiUserListState; email?: string }): Promise<ApiUser[]>;
  getUser(id: Int64): Promise<ApiUser>;
  createUser(body: ApiCreateUser, opts?: CallOptions): Promise<ApiUser>;
  updateUser(id: Int64, patch: ApiUpdateUser, opts?: CallOptions): Promise<ApiUser>;
  deleteUser(id: Int64, opts?: CallOptions): Promise<ApiUser>;
  moveUserOffice(id: Int64, officeId: Int64, opts?: CallOptions): Promise<ApiUser>;
  assignUserNumber(userId: Int64, body: ApiAssignNumber, opts?: CallOptions): Promise<ApiNumber>;
  unassignUserNumber(userId: Int64, number: string, opts?: CallOptions): Promise<ApiNumber>;
  listNumbers(filter?: { status?: string }): Promise<ApiNumber[]>;
  getNumber(number: string): Promise<ApiNumber>;
  /** `DELETE /numbers/{number}?release=true`: gives the number back to Dialpad (not to the pool). */
  releaseNumber(number: string, opts?: CallOptions): Promise<ApiNumber>;
  /** Counters since creation: HTTP attempts, retries, 429 responses. */
  stats(): TransportStats;
}

/** Guards against a server that keeps returning cursors. */
const MAX_PAGES = 10_000;

/**
 * Creates a client. The dispatcher is `opts.dispatcher`, else the global dispatcher read *now*
 * (the CLI installs `createProductionDispatcher()` globally; tests install nock or MockAgent).
 */
export function createDialpadClient(opts: DialpadClientOptions): DialpadClient {
  const transport = createTransport(opts);
  const send = <T>(spec: CallSpec<T>): Promise<T> => transport.send(spec);
  const seg = (v: Int64): string => encodeURIComponent(String(v));
  const withLabel = (o: CallOptions | undefined): { label?: string } => (o?.label === undefined ? {} : { label: o.label });

  async function paginate<T>(spec: Omit<CallSpec<ApiCollection<T>>, 'idempotent' | 'method'>): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let res: ApiCollection<T>;
      try {
        res = await send<ApiCollection<T>>({
          ...spec,
          method: 'GET',
          idempotent: true,
          query: { ...spec.query, ...(cursor === undefined ? {} : { cursor }) },
        });
      } catch (err) {
        throw err instanceof ApiError ? err.withItemsRead(items) : err;
      }
      items.push(...(res.items ?? []));
      if (!res.cursor) return items;
      if (seen.has(res.cursor)) {
        throw new ApiError({ operation: spec.operation, kind: 'http', apiMessage: 'the API returned the same page cursor twice', itemsRead: items });
      }
      seen.add(res.cursor);
      cursor = res.cursor;
    }
    throw new ApiError({ operation: spec.operation, kind: 'http', apiMessage: `more than ${MAX_PAGES} pages`, itemsRead: items });
  }

  const client: DialpadClient = {
    getCompany: () => send({ operation: 'company.get', method: 'GET', path: '/api/v2/company', idempotent: true }),
    listOffices: (filter) =>
      paginate<ApiOffice>({
        operation: 'offices.list',
        path: '/api/v2/offices',
        query: { active_only: filter?.activeOnly === undefined ? undefined : String(filter.activeOnly) },
      }),
    getOffice: (id) => send({ operation: 'offices.get', method: 'GET', path: `/api/v2/offices/${seg(id)}`, idempotent: true }),
    createOffice: (body, o) =>
      send({
        operation: 'offices.create',
        ...withLabel(o),
        method: 'POST',
        path: '/api/v2/offices',
        body,
        idempotent: false,
        confirm: () => confirmCreateOffice(client, body.name),
      }),
    getOfficePlan: (officeId) =>
      send({ operation: 'plan.get', method: 'GET', path: `/api/v2/offices/${seg(officeId)}/plan`, idempotent: true }),
    getAvailableLicenses: (officeId) =>
      send({
        operation: 'plan.available_licenses.get',
        method: 'GET',
        path: `/api/v2/offices/${seg(officeId)}/available_licenses`,
        idempotent: true,
      }),
    listUsers: (filter) =>
      paginate<ApiUser>({ operation: 'users.list', path: '/api/v2/users', query: { state: filter?.state, email: filter?.email } }),
    getUser: (id) => send({ operation: 'users.get', method: 'GET', path: `/api/v2/users/${seg(id)}`, idempotent: true }),
    createUser: (body, o) =>
      send({
        operation: 'users.create',
        ...withLabel(o),
        method: 'POST',
        path: '/api/v2/users',
        body,
        idempotent: false,
        confirm: () => confirmCreateUser(client, body.email),
      }),
    // Every field dialform sends sets an absolute value, so repeating the PATCH is harmless.
    updateUser: (id, patch, o) =>
      send({ operation: 'users.update', ...withLabel(o), method: 'PATCH', path: `/api/v2/users/${seg(id)}`, body: patch, idempotent: true }),
    // A second DELETE of a deleted user is not documented (404 or the deleted user): confirm instead.
    deleteUser: (id, o) =>
      send({
        operation: 'users.delete',
        ...withLabel(o),
        method: 'DELETE',
        path: `/api/v2/users/${seg(id)}`,
        idempotent: false,
        confirm: () => confirmDeleteUser(client, id),
      }),
    // An international move reassigns numbers, so a blind repeat is not harmless.
    moveUserOffice: (id, officeId, o) =>
      send({
        operation: 'users.move_office.patch',
        ...withLabel(o),
        method: 'PATCH',
        path: `/api/v2/users/${seg(id)}/move_office`,
        body: { office_id: officeId },
        idempotent: false,
        confirm: () => confirmMoveUser(client, id, officeId),
      }),
    assignUserNumber: (userId, body, o) =>
      send({
        operation: 'numbers.assign_user_number.post',
        ...withLabel(o),
        method: 'POST',
        path: `/api/v2/users/${seg(userId)}/assign_number`,
        body,
        idempotent: false,
        ...(body.number === undefined ? {} : { confirm: () => confirmNumberAssigned(client, body.number as string, userId) }),
      }),
    unassignUserNumber: (userId, number, o) =>
      send({
        operation: 'numbers.user_unassign_number.post',
        ...withLabel(o),
        method: 'POST',
        path: `/api/v2/users/${seg(userId)}/unassign_number`,
        body: { number },
        idempotent: false,
        confirm: () => confirmNumberUnassigned(client, number),
      }),
    listNumbers: (filter) =>
      paginate<ApiNumber>({ operation: 'numbers.list', path: '/api/v2/numbers', query: { status: filter?.status } }),
    getNumber: (number) =>
      send({ operation: 'numbers.get', method: 'GET', path: `/api/v2/numbers/${seg(number)}`, idempotent: true }),
    releaseNumber: (number, o) =>
      send({
        operation: 'numbers.delete',
        ...withLabel(o),
        method: 'DELETE',
        path: `/api/v2/numbers/${seg(number)}`,
        query: { release: 'true' },
        idempotent: false,
        confirm: () => confirmNumberReleased(client, number),
      }),
    stats: () => transport.stats(),
  };
  return client;
}
