import { ApiError } from './api-error.js';
import type {
  ApiAssignNumber,
  ApiAvailableLicenses,
  ApiCallerId,
  ApiCompany,
  ApiCreateOffice,
  ApiCreateUser,
  ApiE911,
  ApiE911Update,
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
  confirmChosenNumberAssigned,
  confirmCreateOffice,
  confirmCreateUser,
  confirmDeleteUser,
  confirmMoveUser,
  confirmNumberAssigned,
  confirmNumberReleased,
  confirmNumberUnassigned,
} from './confirm-writes.js';
import {
  CALLER_ID_SHAPE,
  COMPANY_SHAPE,
  E911_SHAPE,
  LINE_COUNTS_SHAPE,
  NUMBER_SHAPE,
  OFFICE_SHAPE,
  USER_SHAPE,
  checkPageFrame,
  checkPageItems,
  checkRecord,
  type RecordShape,
} from './response-shape.js';
import { createGroupEndpoints, type GroupEndpoints } from './client-groups.js';
import { createRoomEndpoints, type RoomEndpoints } from './client-rooms.js';
import { createDeskPhoneEndpoints, type DeskPhoneEndpoints } from './client-deskphones.js';
import { createTransport, NOT_JSON, type CallSpec, type TransportOptions, type TransportStats } from './transport.js';

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
 * `cursor` through every page; when a page fails (after retries), is not a JSON page of
 * well-formed records (`response-shape.ts`), repeats a record or a cursor already read, or the
 * cursors stop bringing new records, they throw an `ApiError` whose `itemsRead` holds the items
 * read before it: a list is never cut short silently. Single reads and create responses are
 * checked the same way and throw an `ApiError` naming the field.
 */
export interface DialpadClient extends GroupEndpoints, RoomEndpoints, DeskPhoneEndpoints {
  getCompany(): Promise<ApiCompany>;
  listOffices(filter?: { activeOnly?: boolean }): Promise<ApiOffice[]>;
  getOffice(id: Int64): Promise<ApiOffice>;
  createOffice(body: ApiCreateOffice, opts?: CallOptions): Promise<ApiOfficeUpdateResponse>;
  getOfficePlan(officeId: Int64): Promise<ApiPlan>;
  getAvailableLicenses(officeId: Int64): Promise<ApiAvailableLicenses>;
  getOfficeE911(officeId: Int64): Promise<ApiE911>;
  /** `PUT …/e911`: an absolute value, repeated harmlessly. */
  setOfficeE911(officeId: Int64, body: ApiE911Update, opts?: CallOptions): Promise<ApiE911>;
  getUserE911(userId: Int64): Promise<ApiE911>;
  /** `PUT /users/{id}/e911`: an absolute value, repeated harmlessly. */
  setUserE911(userId: Int64, body: Omit<ApiE911Update, 'update_all'>, opts?: CallOptions): Promise<ApiE911>;
  listUsers(filter?: { state?: ApiUserListState; email?: string }): Promise<ApiUser[]>;
  getUser(id: Int64): Promise<ApiUser>;
  createUser(body: ApiCreateUser, opts?: CallOptions): Promise<ApiUser>;
  updateUser(id: Int64, patch: ApiUpdateUser, opts?: CallOptions): Promise<ApiUser>;
  deleteUser(id: Int64, opts?: CallOptions): Promise<ApiUser>;
  /** `GET /users/{id}/caller_id`: the number the user presents, and the numbers they may. */
  getCallerId(id: Int64): Promise<ApiCallerId>;
  /** `POST /users/{id}/caller_id`: an absolute value (a number or `blocked`), repeated harmlessly. */
  setCallerId(id: Int64, callerId: string, opts?: CallOptions): Promise<ApiCallerId>;
  moveUserOffice(id: Int64, officeId: Int64, opts?: CallOptions): Promise<ApiUser>;
  /**
   * `assign_number`. Without `body.number` Dialpad chooses; `opts.heldBefore` (the user's numbers
   * before the call) then lets an ambiguous failure be settled by reading the user.
   */
  assignUserNumber(userId: Int64, body: ApiAssignNumber, opts?: CallOptions & { heldBefore?: readonly string[] }): Promise<ApiNumber>;
  unassignUserNumber(userId: Int64, number: string, opts?: CallOptions): Promise<ApiNumber>;
  listNumbers(filter?: { status?: string }): Promise<ApiNumber[]>;
  getNumber(number: string): Promise<ApiNumber>;
  /** `DELETE /numbers/{number}?release=true`: gives the number back to Dialpad (not to the pool). */
  releaseNumber(number: string, opts?: CallOptions): Promise<ApiNumber>;
  /** Counters since creation: HTTP attempts, retries, 429 responses. */
  stats(): TransportStats;
  /** Dialpad's clock as its latest successful answer gave it (`Date` header), if any. */
  serverTime(): Date | undefined;
}

/** Last-resort guard against a server that keeps returning cursors with new records. */
const MAX_PAGES = 10_000;

/**
 * Pages with a cursor but no new record a list read may take in all (an early empty page is
 * allowed, an endless run of them is not): the pages read stay within records read + this.
 */
const MAX_IDLE_PAGES = 3;

/** A page asked for: its body when it comes, and how to abandon it. */
interface PageRequest {
  body: Promise<unknown>;
  stop: () => void;
}

/**
 * Resolves once a request dispatched just now is on the wire, so CPU work after it overlaps the
 * request's round trip instead of delaying it: undici writes a request on a reused keep-alive
 * socket from a `setImmediate` queued as the request is dispatched (after checking the idle socket
 * is still open), which runs in the next check phase; this resolves in the one after. A request
 * still waiting for the rate limiter is not waited for.
 */
function afterSending(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

const NOT_JSON_PROBLEM = 'the response is not JSON (an HTML page or a truncated body?)';

/**
 * Creates a client. The dispatcher is `opts.dispatcher`, else the global dispatcher read *now*
 * (the CLI installs `createProductionDispatcher()` globally; tests install nock or MockAgent).
 */
export function createDialpadClient(opts: DialpadClientOptions): DialpadClient {
  const transport = createTransport(opts);
  const send = <T>(spec: CallSpec<T>): Promise<T> => transport.send(spec);
  const seg = (v: Int64): string => encodeURIComponent(String(v));
  const withLabel = (o: CallOptions | undefined): { label?: string } => (o?.label === undefined ? {} : { label: o.label });
  const invalid = (spec: { operation: string; label?: string }, problem: string, extra: { itemsRead?: readonly unknown[]; outcomeUnknown?: boolean } = {}) =>
    new ApiError({ operation: spec.operation, ...withLabel(spec), kind: 'http', apiMessage: problem, ...extra });

  /** A GET of a JSON body: the parsed body, or `NOT_JSON`. */
  const get = (spec: Omit<CallSpec<unknown>, 'idempotent' | 'method'>): Promise<unknown> => send<unknown>({ ...spec, method: 'GET', idempotent: true });

  /** One response record checked against its shape; `extra` goes on the `ApiError` thrown when it is not JSON or misshapen. */
  function checked<T>(shape: RecordShape<T>, spec: { operation: string; label?: string }, body: unknown, extra: { outcomeUnknown?: boolean } = {}): T {
    if (body === NOT_JSON) throw invalid(spec, NOT_JSON_PROBLEM, extra);
    const res = checkRecord(shape, body);
    if (!res.ok) throw invalid(spec, `invalid response: ${res.problem}`, extra);
    return res.value;
  }

  /** A single-record GET, checked against its shape. */
  const read = async <T>(shape: RecordShape<T>, spec: Omit<CallSpec<unknown>, 'idempotent' | 'method'>): Promise<T> => checked(shape, spec, await get(spec));

  /** A write's response record, checked: an id dialform keeps must be exact (the write itself is done). */
  const created = <T>(shape: RecordShape<T>, spec: { operation: string; label?: string }, record: unknown): T => checked(shape, spec, record, { outcomeUnknown: true });

  /**
   * Every page of a list. Page N + 1 is asked for as soon as page N's frame shows its cursor,
   * before N's records are checked and indexed, so that work runs while the next request is in
   * flight instead of delaying it. Problems are still found and named in the order a page-by-page
   * read finds them; a request sent ahead of a page that then fails is abandoned.
   */
  async function paginate<T>(shape: RecordShape<T>, spec: Omit<CallSpec<unknown>, 'idempotent' | 'method'>): Promise<T[]> {
    const items: T[] = [];
    const keys = new Set<string>();
    const cursors = new Set<string>();
    let idlePages = 0;
    const askFor = (cursor: string | undefined): PageRequest => {
      const stop = new AbortController();
      const body = get({ ...spec, signal: stop.signal, query: { ...spec.query, ...(cursor === undefined ? {} : { cursor }) } });
      // Awaited when its page's turn comes; until then a failure must not count as unhandled.
      body.catch(() => undefined);
      return { body, stop: () => stop.abort() };
    };
    let next = askFor(undefined);
    for (let page = 1; page <= MAX_PAGES; page++) {
      const incomplete = (problem: string): ApiError => invalid(spec, `page ${page}: ${problem}`, { itemsRead: items });
      let body: unknown;
      try {
        body = await next.body;
      } catch (err) {
        throw err instanceof ApiError ? err.withItemsRead(items) : err;
      }
      if (body === NOT_JSON) throw incomplete(NOT_JSON_PROBLEM);
      const frame = checkPageFrame(body);
      if (!frame.ok) throw incomplete(`invalid response: ${frame.problem}`);
      const { cursor } = frame;
      const idle = frame.items.length === 0;
      // Asked for only when this page, if its records pass, leads to it (the checks below, in order).
      const ahead = cursor !== undefined && page < MAX_PAGES && !cursors.has(cursor) && !(idle && idlePages + 1 > MAX_IDLE_PAGES) ? askFor(cursor) : undefined;
      if (ahead !== undefined) await afterSending();
      try {
        const res = checkPageItems(shape, frame.items);
        if (!res.ok) throw incomplete(`invalid response: ${res.problem}`);
        for (const item of res.value) {
          const key = shape.keyOf?.(item);
          if (key === undefined) continue;
          if (keys.has(key)) throw incomplete(`repeats ${shape.noun} ${key}, already read (the same page again?)`);
          keys.add(key);
        }
        for (const item of res.value) items.push(item);
      } catch (err) {
        ahead?.stop();
        throw err;
      }
      if (cursor === undefined) return items;
      if (cursors.has(cursor)) throw incomplete('the API returned the same page cursor twice');
      if (idle && ++idlePages > MAX_IDLE_PAGES) {
        throw incomplete(`${idlePages} pages brought a cursor but no ${shape.noun}: the list makes no progress`);
      }
      cursors.add(cursor);
      if (ahead === undefined) break;
      next = ahead;
    }
    throw invalid(spec, `more than ${MAX_PAGES} pages`, { itemsRead: items });
  }

  const client: DialpadClient = {
    ...createGroupEndpoints({ send, read, paginate, created, getUser: (id) => client.getUser(id) }),
    ...createRoomEndpoints({ send, read, paginate, created, getNumber: (number) => client.getNumber(number) }),
    ...createDeskPhoneEndpoints({ paginate }),
    getCompany: () => read(COMPANY_SHAPE, { operation: 'company.get', path: '/api/v2/company' }),
    listOffices: (filter) =>
      paginate(OFFICE_SHAPE, {
        operation: 'offices.list',
        path: '/api/v2/offices',
        query: { active_only: filter?.activeOnly === undefined ? undefined : String(filter.activeOnly) },
      }),
    getOffice: (id) => read(OFFICE_SHAPE, { operation: 'offices.get', path: `/api/v2/offices/${seg(id)}` }),
    createOffice: async (body, o) => {
      const spec = { operation: 'offices.create', ...withLabel(o) };
      const res = await send<ApiOfficeUpdateResponse>({
        ...spec,
        method: 'POST',
        path: '/api/v2/offices',
        body,
        idempotent: false,
        confirm: () => confirmCreateOffice(client, body.name),
      });
      return { ...res, office: created(OFFICE_SHAPE, spec, res.office) };
    },
    getOfficePlan: (officeId) =>
      read<ApiPlan>(LINE_COUNTS_SHAPE, { operation: 'plan.get', path: `/api/v2/offices/${seg(officeId)}/plan` }),
    getAvailableLicenses: (officeId) =>
      read(LINE_COUNTS_SHAPE, { operation: 'plan.available_licenses.get', path: `/api/v2/offices/${seg(officeId)}/available_licenses` }),
    getOfficeE911: (officeId) => read(E911_SHAPE, { operation: 'offices.e911.get', path: `/api/v2/offices/${seg(officeId)}/e911` }),
    setOfficeE911: async (officeId, body, o) => {
      const spec = { operation: 'offices.e911.update', ...withLabel(o) };
      return created(E911_SHAPE, spec, await send({ ...spec, method: 'PUT', path: `/api/v2/offices/${seg(officeId)}/e911`, body, idempotent: true }));
    },
    getUserE911: (userId) => read(E911_SHAPE, { operation: 'users.e911.get', path: `/api/v2/users/${seg(userId)}/e911` }),
    setUserE911: async (userId, body, o) => {
      const spec = { operation: 'users.e911.update', ...withLabel(o) };
      return created(E911_SHAPE, spec, await send({ ...spec, method: 'PUT', path: `/api/v2/users/${seg(userId)}/e911`, body, idempotent: true }));
    },
    listUsers: (filter) =>
      paginate(USER_SHAPE, { operation: 'users.list', path: '/api/v2/users', query: { state: filter?.state, email: filter?.email } }),
    getUser: (id) => read(USER_SHAPE, { operation: 'users.get', path: `/api/v2/users/${seg(id)}` }),
    getCallerId: (id) => read(CALLER_ID_SHAPE, { operation: 'caller_id.users.get', path: `/api/v2/users/${seg(id)}/caller_id` }),
    setCallerId: (id, callerId, o) =>
      send({ operation: 'caller_id.users.post', ...withLabel(o), method: 'POST', path: `/api/v2/users/${seg(id)}/caller_id`, body: { caller_id: callerId }, idempotent: true }),
    createUser: async (body, o) => {
      const spec = { operation: 'users.create', ...withLabel(o) };
      const user = await send<ApiUser>({
        ...spec,
        method: 'POST',
        path: '/api/v2/users',
        body,
        idempotent: false,
        confirm: () => confirmCreateUser(client, body.email),
      });
      return created(USER_SHAPE, spec, user);
    },
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
        ...(body.number !== undefined
          ? { confirm: () => confirmNumberAssigned(client, body.number as string, userId) }
          : o?.heldBefore === undefined
            ? {}
            : { confirm: () => confirmChosenNumberAssigned(client, userId, o.heldBefore ?? []) }),
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
      paginate(NUMBER_SHAPE, { operation: 'numbers.list', path: '/api/v2/numbers', query: { status: filter?.status } }),
    getNumber: (number) =>
      read(NUMBER_SHAPE, { operation: 'numbers.get', path: `/api/v2/numbers/${seg(number)}` }),
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
    serverTime: () => transport.serverTime(),
  };
  return client;
}
