/**
 * The emulator's HTTP server (node:http). Per /api/v2 request: authenticate, rate-limit, route,
 * check the key's scope, maybe inject a fault, run the handler, persist if the state changed,
 * then answer after the configured latency. `/_emulator/` is the console (loopback clients only).
 * A server listening on loopback (the default, the embedded emulator and `emulator console`) holds
 * every request, `/api/v2` included, to `checkConsoleRequest`'s Host, Origin and content-type
 * checks: its API takes any key unless the fixture lists `api_keys`, so a web page open in a local
 * browser (cross-site, or through a DNS-rebound name) could otherwise create and delete users.
 * Only a server told to listen beyond loopback (`--host`, with a warning) answers other Hosts on
 * `/api/v2`; its console still refuses them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { DialformError } from '../errors.js';
import { HttpFailure, badRequest, toErrorBody } from './http-failure.js';
import { assertCompanyAdmin, authenticate } from './auth.js';
import { handleConsole } from './console.js';
import { readConsoleAsset } from './console-page.js';
import { checkConsoleRequest } from './console-guard.js';
import { isLoopbackAddress } from '../dialpad/connection.js';
import { FaultInjector, parseFaultSpec, type FaultDecision } from './faults.js';
import { SlidingWindowLimit, TokenBucket, WindowCounter, type RateLimit } from './rate-limit.js';
import { API_ROUTES } from './api-routes.js';
import { matchRoute, type RouteResult } from './router.js';
import { Store } from './store.js';
import type { Fixture } from './types.js';

const MAX_BODY_BYTES = 1 << 20;
/** Dialpad's company-wide limit (dialpad-api.md §1.3), stated here on purpose: the emulator models Dialpad, not the client. */
const DEFAULT_RATE_LIMIT = 20;

export interface EmulatorOptions {
  fixture: Fixture;
  /** Milliseconds added to every /api/v2 response. */
  latencyMs?: number;
  /** Requests per second per company (token bucket, or `strictRateLimit`); default Dialpad's 20; 0 disables. */
  rateLimit?: number;
  /**
   * Refuse (429) any request beyond `rateLimit` in any rolling second, instead of the token
   * bucket's one-second burst allowance: for proving a client never exceeds the limit.
   */
  strictRateLimit?: boolean;
  /** Fault spec, see `parseFaultSpec`. */
  faults?: string;
  /** Base clock (default: real time); the fixture's `clock` and the console shift it. */
  now?: () => Date;
  /**
   * Called before each request; a fixture it returns replaces the state and clock (another
   * process changed the state file this emulator serves, see `openSharedStateFile`).
   */
  reloadFrom?: () => Fixture | undefined;
}

/** `GET /_emulator/stats`. */
export interface EmulatorStats {
  /** `METHOD /api/v2/template` → count, including requests answered 401/403/429 or with a fault. */
  requests: Record<string, number>;
  rate_limited: number;
  faults_injected: number;
  max_requests_in_1s: number;
}

/**
 * One API request as the emulator answered it (`Emulator.requestLog`): what tests assert a client
 * never sent (a create, a delete, a state change). The body is the JSON object as parsed.
 */
export interface LoggedRequest {
  method: string;
  /** The route's template, e.g. `/api/v2/users/{id}`, or `(unmatched)`. */
  route: string;
  path: string;
  status: number;
  body: Record<string, unknown>;
}

/** How many requests `requestLog` keeps (the newest), so a long-running emulator stays bounded. */
const REQUEST_LOG_LIMIT = 10_000;

export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

export interface Emulator {
  listen(port?: number, host?: string): Promise<RunningEmulator>;
  /** The whole state in fixture format. */
  snapshot(): Fixture;
  /** Called with the new snapshot after each request that changed the state; returns an unsubscribe. */
  onChange(cb: (snapshot: Fixture) => void): () => void;
  stats(): EmulatorStats;
  /** The API requests answered so far, oldest first (at most the newest `REQUEST_LOG_LIMIT`). */
  requestLog(): LoggedRequest[];
}

/**
 * How long a client may keep an idle connection for reuse, sent as `Keep-Alive: timeout=5`
 * (Node's default). undici keeps it that long less 2 s, timed on a clock that runs late on a
 * loaded machine (its timers advance 499 ms per tick however late the tick runs), so the server
 * closes an idle socket only long after (`IDLE_SOCKET_MS`): a client never sends on a socket the
 * server is closing, which it would see as ECONNRESET.
 */
const KEEP_ALIVE_HINT_S = 5;
/** When the server closes an idle keep-alive socket: twelve times the hint (see `KEEP_ALIVE_HINT_S`). */
const IDLE_SOCKET_MS = 12 * KEEP_ALIVE_HINT_S * 1000;

/** A listen failure the user can act on (a port in use, not permitted, an unknown host) as a `DialformError`. */
function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new DialformError('emulator_listen_failed', `cannot listen on ${where}: the port is already in use; stop what uses it, or pick another with --port (0 picks a free one)`);
    case 'EACCES':
      return new DialformError('emulator_listen_failed', `cannot listen on ${where}: not permitted (ports below 1024 need privileges); pick another with --port`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new DialformError('emulator_listen_failed', `cannot listen on ${where}: ${host} is not an address of this machine; check --host`);
    default:
      return error;
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpFailure(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('request body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  writeText(res, status, JSON.stringify(body), headers);
}

function writeText(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Creates an emulator over a copy of `opts.fixture`. */
export function createEmulator(opts: EmulatorOptions): Emulator {
  const store = new Store(opts.fixture, opts.now ?? (() => new Date()));
  const rateLimit = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  const bucket: RateLimit = opts.strictRateLimit === true ? new SlidingWindowLimit(rateLimit) : new TokenBucket(rateLimit);
  const faults = opts.faults ? new FaultInjector(parseFaultSpec(opts.faults)) : undefined;
  const window = new WindowCounter();
  const listeners = new Set<(s: Fixture) => void>();
  const stats: EmulatorStats = { requests: {}, rate_limited: 0, faults_injected: 0, max_requests_in_1s: 0 };
  const latencyMs = opts.latencyMs ?? 0;
  const log: LoggedRequest[] = [];

  const readStats = (): EmulatorStats => ({ ...stats, requests: { ...stats.requests }, max_requests_in_1s: window.max });

  /** Runs `fn`, then notifies listeners if the state changed (before the response is written). */
  const runMutation = (fn: () => RouteResult): RouteResult => {
    const before = store.version;
    try {
      return fn();
    } finally {
      if (store.version !== before && listeners.size > 0) {
        const snap = store.snapshot();
        for (const cb of listeners) cb(snap);
      }
    }
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    // The configured latency is the whole time from arrival to answer, the emulator's own work
    // (routing, the handler, serializing the body) inside it, as a real server's processing is
    // inside what a client measures; a `slow` fault adds its delay on top.
    let answerAt = performance.now() + latencyMs;
    const method = req.method ?? 'GET';
    window.record();
    const match = matchRoute(API_ROUTES, method, url.pathname);
    const template = match && 'route' in match ? match.route.template : '(unmatched)';
    const key = `${method} ${template}`;
    let body: Record<string, unknown> = {};
    stats.requests[key] = (stats.requests[key] ?? 0) + 1;
    let fault: FaultDecision = { kind: 'none' };
    let result: RouteResult;
    let headers: Record<string, string> = {};
    try {
      const principal = authenticate(req.headers, url.searchParams, store.state.api_keys);
      const rate = bucket.take();
      if (!rate.allowed) {
        stats.rate_limited += 1;
        throw new HttpFailure(429, `rate limit exceeded (${rateLimit} requests per second per company)`, { 'retry-after': String(rate.retryAfterSeconds) });
      }
      if (!match) throw new HttpFailure(404, `no such endpoint: ${method} ${url.pathname}`);
      if (!('route' in match)) throw new HttpFailure(405, `${method} is not allowed on ${url.pathname}`);
      const { route, params } = match;
      if (route.companyAdmin) assertCompanyAdmin(principal);
      body = method === 'GET' ? {} : await readJsonBody(req);
      fault = faults?.decide({ method, path: url.pathname, paged: url.searchParams.has('cursor') }) ?? fault;
      if (fault.kind !== 'none') stats.faults_injected += 1;
      if (fault.kind === 'reset_before') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === '500' || fault.kind === '503') throw new HttpFailure(Number(fault.kind), 'injected fault');
      if (fault.kind === '429') throw new HttpFailure(429, 'rate limit exceeded (injected fault)', { 'retry-after': '1' });
      if (fault.kind === 'slow') {
        await delay(fault.ms);
        answerAt += fault.ms;
      }
      result =
        fault.kind === 'empty_page'
          ? { status: 200, body: {} }
          : runMutation(() => {
              store.sweepDeletedUsers();
              return route.handle({ store, principal, params, query: url.searchParams, body, path: url.pathname });
            });
    } catch (e) {
      if (!(e instanceof HttpFailure)) throw e;
      result = { status: e.status, body: toErrorBody(e.status, e.message) };
      headers = e.headers;
    }
    if (fault.kind === 'reset_after') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === '500_after' || fault.kind === '503_after') {
      // The change (if the handler accepted it) stays applied; only the answer is lost.
      const status = fault.kind === '500_after' ? 500 : 503;
      result = { status, body: toErrorBody(status, 'injected fault after the change was applied') };
      headers = {};
    }
    if (faults !== undefined && (result.status ?? 200) < 300) result = { ...result, body: faults.reshape(result.body) };
    log.push({ method, route: template, path: url.pathname, status: result.status ?? 200, body });
    if (log.length > REQUEST_LOG_LIMIT) log.splice(0, log.length - REQUEST_LOG_LIMIT);
    const text = JSON.stringify(result.body);
    const wait = answerAt - performance.now();
    if (wait > 0) await delay(wait);
    // Dialpad's answers carry its clock in `Date`; the emulator's is its own (fixture `clock`, console moves).
    writeText(res, result.status ?? 200, text, { ...headers, date: store.now().toUTCString() });
  };

  const handleConsoleRequest = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (!isLoopback(req.socket.remoteAddress)) {
      send(res, 403, toErrorBody(403, 'the emulator console only answers loopback clients'));
      return;
    }
    const asset = req.method === 'GET' ? readConsoleAsset(url.pathname) : undefined;
    if (asset !== undefined) {
      res.writeHead(200, { 'content-type': asset.type, 'content-length': asset.body.length, ...asset.headers });
      res.end(asset.body);
      return;
    }
    try {
      const body = req.method === 'GET' ? {} : await readJsonBody(req);
      const result = runMutation(() => handleConsole(req.method ?? 'GET', url.pathname, { store, body, query: url.searchParams, readStats }));
      send(res, result.status ?? 200, result.body);
    } catch (e) {
      if (!(e instanceof HttpFailure)) throw e;
      send(res, e.status, toErrorBody(e.status, e.message), e.headers);
    }
  };

  /** Set by `listen`: whether every route, not only the console, gets `checkConsoleRequest` (see the file's comment). */
  let guardEveryRoute = true;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    // The idle time a client may count on (`KEEP_ALIVE_HINT_S`), far shorter than the server's own (`listen`).
    res.setHeader('keep-alive', `timeout=${KEEP_ALIVE_HINT_S}`);
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (guardEveryRoute || url.pathname.startsWith('/_emulator/')) {
      const refused = checkConsoleRequest(req, req.socket.localPort ?? 0);
      if (refused !== undefined) {
        req.resume();
        send(res, refused.status, toErrorBody(refused.status, refused.message));
        return;
      }
    }
    try {
      const reloaded = opts.reloadFrom?.();
      if (reloaded !== undefined) store.load(reloaded);
    } catch (e) {
      send(res, 500, toErrorBody(500, `cannot take up the emulator's state file: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    const work = url.pathname.startsWith('/_emulator/')
      ? handleConsoleRequest(req, res, url)
      : url.pathname === '/api/v2' || url.pathname.startsWith('/api/v2/')
        ? handleApi(req, res, url)
        : Promise.resolve(send(res, 404, toErrorBody(404, `no such endpoint: ${url.pathname}`)));
    work.catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      if (!res.headersSent) send(res, 500, toErrorBody(500, `emulator bug: ${message}`));
      else res.destroy();
    });
  };

  return {
    async listen(port = 0, host = '127.0.0.1') {
      guardEveryRoute = host.toLowerCase() === 'localhost' || isLoopbackAddress(host);
      const server = createServer(handle);
      server.keepAliveTimeout = IDLE_SOCKET_MS;
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) => reject(describeListenError(error, host, port)));
        server.listen(port, host, () => resolve());
      });
      const addr = server.address() as AddressInfo;
      const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      return {
        url: `http://${shownHost}:${addr.port}`,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.close((err) => (err ? reject(err) : resolve()));
            server.closeAllConnections();
          }),
      };
    },
    snapshot: () => store.snapshot(),
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    stats: readStats,
    requestLog: () => log.map((r) => ({ ...r, body: { ...r.body } })),
  };
}
