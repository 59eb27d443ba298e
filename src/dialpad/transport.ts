import { getGlobalDispatcher, request, type Dispatcher } from 'undici';
import { ApiError, classifyStatus } from './api-error.js';
import type { ApiErrorBody } from './api-types.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import {
  DEFAULT_RETRY,
  classifyTransportError,
  computeBackoff,
  isAmbiguousStatus,
  isRetryableStatus,
  parseRetryAfter,
  type RetryOptions,
} from './retry-policy.js';
import { boundMessage, createKeyScrubber } from './scrub-secret.js';

/**
 * One HTTP attempt as the client saw it (for contract tests, tracing and `doctor`). Never holds the
 * request's headers (they carry the key).
 */
export interface RequestEvent {
  /** The call's stable operation id, e.g. `users.list`. */
  operation: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  /** Absent when the attempt failed below HTTP (reset, refused, timeout). */
  status?: number;
  /** Parsed response JSON, when the attempt got one. */
  response?: unknown;
  /** The response's headers (names lower-case; repeated ones joined with `, `), when there was a response. */
  responseHeaders?: Record<string, string>;
}

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  /**
   * Requests per second across the whole client. Default 20 (Dialpad's per-company limit).
   * `Infinity` lifts the limit: for tests against an emulator whose subject is not the limiter.
   */
  rateLimit?: number;
  /** Per-request headers and body timeout, ms: the longest silence between two chunks. Default 30 000. */
  timeoutMs?: number;
  /**
   * Total deadline of one HTTP request, ms, from sending it to the last byte of its answer
   * (`DEFAULT_REQUEST_DEADLINE_MS` unless given). undici's own timeouts restart with every chunk,
   * so without it an answer dripped a byte at a time holds a command for as long as it drips. A
   * request past its deadline fails like a timeout: a failed read, or a write whose outcome is
   * settled by re-reading (`CallSpec.confirm`).
   */
  deadlineMs?: number;
  retry?: RetryOptions;
  /** Default: the global dispatcher read when the transport is created (nock/MockAgent friendly). */
  dispatcher?: Dispatcher;
  onRequest?: (e: RequestEvent) => void;
  /** Debug lines: method, path, status, duration. Never headers or the key. */
  log?: (line: string) => void;
  /**
   * Abandons the client's work once aborted: a request not yet sent fails at once with an
   * `ApiError` (kind `network`, never retried), one in flight is cancelled. For a read nobody
   * will use any more (the config it was for failed to load).
   */
  signal?: AbortSignal;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** A request's total deadline when none is given (`--request-timeout`): long enough for any page Dialpad sends. */
export const DEFAULT_REQUEST_DEADLINE_MS = 60_000;

/**
 * What `send` resolves to for a 2xx answer whose body is not JSON (an HTML error page, a
 * truncated body): never mistaken for an empty record. An empty body is `{}`.
 */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** One logical API call; the transport may make several attempts. */
export interface CallSpec<T> {
  /** Stable operation id, e.g. `users.create`. */
  operation: string;
  label?: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Safe to repeat after an ambiguous failure (GET, PATCH setting absolute values). */
  idempotent: boolean;
  /**
   * For non-idempotent calls: after an ambiguous failure (reset after sending, timeout, any 5xx)
   * re-read and report whether the write took effect — its result if so, `undefined` if not.
   * If it did not, the call is sent once more; if the re-read fails, the error says the
   * outcome is unknown. Without `confirm` an ambiguous write failure is thrown as is.
   */
  confirm?: () => Promise<T | undefined>;
  /** Abandons this call once aborted, as `TransportOptions.signal` does the whole client's (a page asked for ahead that nobody will read). */
  signal?: AbortSignal;
}

export interface TransportStats {
  requests: number;
  retries: number;
  throttled429: number;
}

export interface Transport {
  send<T>(spec: CallSpec<T>): Promise<T>;
  stats(): TransportStats;
  /** Dialpad's clock: the `Date` header of the latest successful response, if it sent one. */
  serverTime(): Date | undefined;
}

/** Creates the transport: auth, one shared rate limiter, timeouts, retries, error mapping. */
export function createTransport(opts: TransportOptions): Transport {
  const dispatcher = opts.dispatcher ?? getGlobalDispatcher();
  const limiter: RateLimiter = createRateLimiter({ ratePerSecond: opts.rateLimit ?? 20 });
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadlineMs = opts.deadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const counters: TransportStats = { requests: 0, retries: 0, throttled429: 0 };
  const scrubKey = createKeyScrubber(opts.apiKey);
  /** What is kept of a response body or transport message: the key in any known form removed, then bounded (see scrub-secret.ts). */
  const scrub = (text: string): string => boundMessage(scrubKey(text));

  type Attempt = { ok: true; status: number; json: unknown } | { ok: false; error: ApiError; retryable: boolean; ambiguous: boolean; delayMs?: number };

  /** Dialpad's clock: the `Date` header of the latest successful response, if it sent one. */
  let lastServerDate: Date | undefined;

  async function attemptOnce<T>(spec: CallSpec<T>): Promise<Attempt> {
    const query = cleanQuery(spec.query);
    const url = new URL(spec.path, opts.baseUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const event: RequestEvent = { operation: spec.operation, method: spec.method, path: spec.path, query };
    if (spec.body !== undefined) event.body = spec.body;
    const errorBase = { operation: spec.operation, ...(spec.label === undefined ? {} : { label: spec.label }) };
    const abandoned = () => new ApiError({ ...errorBase, kind: 'network', apiMessage: 'abandoned: the client was stopped' });
    const stopped = (): boolean => opts.signal?.aborted === true || spec.signal?.aborted === true;
    // Before waiting for a slot and again after it: a stopped client (or call) neither queues nor sends.
    if (stopped()) throw abandoned();
    const answered = await limiter.acquire();
    if (stopped()) {
      answered();
      throw abandoned();
    }
    counters.requests++;
    const started = performance.now();
    // The signal covers the body too: undici ends the body stream when it fires.
    const deadline = AbortSignal.timeout(deadlineMs);
    const stops = [opts.signal, spec.signal].filter((x): x is AbortSignal => x !== undefined);
    const signal = stops.length === 0 ? deadline : AbortSignal.any([...stops, deadline]);
    try {
      const res = await request(url, {
        method: spec.method,
        dispatcher,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        headers: {
          authorization: `Bearer ${opts.apiKey}`,
          accept: 'application/json',
          ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
      });
      // The answer has begun: Dialpad counted the request by now (see rate-limiter.ts).
      answered();
      const text = await res.body.text();
      const json = parseJson(text);
      event.status = res.statusCode;
      event.responseHeaders = flattenHeaders(res.headers);
      if (json !== undefined) event.response = json;
      opts.onRequest?.(event);
      opts.log?.(`${spec.method} ${url.pathname}${url.search} ${res.statusCode} ${elapsed(started)}ms`);
      if (res.statusCode >= 200 && res.statusCode < 300) {
        const date = res.headers['date'];
        if (typeof date === 'string' && Number.isFinite(Date.parse(date))) lastServerDate = new Date(Date.parse(date));
        return { ok: true, status: res.statusCode, json: json ?? (text.trim() === '' ? {} : NOT_JSON) };
      }
      if (res.statusCode === 429) counters.throttled429++;
      const body = messageOf(json) ?? (text.trim() === '' ? undefined : text);
      const apiMessage = body === undefined ? undefined : scrub(body);
      const error = new ApiError({
        ...errorBase,
        kind: classifyStatus(res.statusCode),
        status: res.statusCode,
        ...(apiMessage === undefined || apiMessage === '' ? {} : { apiMessage }),
      });
      const delayMs = parseRetryAfter(res.headers['retry-after'], Date.now());
      return {
        ok: false,
        error,
        retryable: isRetryableStatus(res.statusCode, spec.idempotent),
        ambiguous: !spec.idempotent && isAmbiguousStatus(res.statusCode),
        ...(delayMs === undefined ? {} : { delayMs }),
      };
    } catch (err) {
      const pastDeadline = deadline.aborted && !stopped();
      const failure = classifyTransportError(pastDeadline ? deadline.reason : err);
      opts.onRequest?.(event);
      opts.log?.(`${spec.method} ${url.pathname}${url.search} ${failure.code} ${elapsed(started)}ms`);
      const message = pastDeadline
        ? `no complete answer within ${deadlineMs / 1000} s (the request deadline, --request-timeout)`
        : err instanceof Error
          ? scrub(err.message)
          : undefined;
      const error = new ApiError({
        ...errorBase,
        kind: failure.kind,
        causeCode: failure.code,
        ...(message ? { apiMessage: message } : {}),
      });
      const retryable = failure.retryable && (spec.idempotent || failure.preSend);
      return { ok: false, error, retryable, ambiguous: !spec.idempotent && !failure.preSend && failure.retryable };
    } finally {
      answered();
    }
  }

  async function send<T>(spec: CallSpec<T>): Promise<T> {
    const started = performance.now();
    let resent = false;
    for (let attempt = 1; ; attempt++) {
      const result = await attemptOnce(spec);
      if (result.ok) return result.json as T;
      if (result.ambiguous) {
        if (spec.confirm === undefined || resent) throw result.error.withOutcomeUnknown();
        let confirmed: T | undefined;
        try {
          confirmed = await spec.confirm();
        } catch {
          throw result.error.withOutcomeUnknown();
        }
        if (confirmed !== undefined) {
          opts.log?.(`${spec.operation}: confirmed by re-reading after ${result.error.causeCode ?? result.error.status}`);
          return confirmed;
        }
        // The re-read shows the write did not happen: sending it once more is safe.
        resent = true;
        counters.retries++;
        continue;
      }
      if (!result.retryable || attempt >= retry.maxAttempts) throw result.error;
      const delay = result.delayMs ?? computeBackoff(attempt - 1, retry.baseMs, random);
      if (performance.now() - started + delay > retry.maxTotalMs) throw result.error;
      counters.retries++;
      opts.log?.(`${spec.operation}: retry ${attempt} in ${delay}ms`);
      await sleep(delay);
    }
  }

  return { send, stats: () => ({ ...counters }), serverTime: () => lastServerDate };
}

function cleanQuery(query: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function messageOf(json: unknown): string | undefined {
  const message = (json as ApiErrorBody | undefined)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
