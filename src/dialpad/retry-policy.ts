/** Retry decisions for the transport: which failures are retried, and how long to wait. */

export interface RetryOptions {
  /** Attempts per call, the first included. Default 5. */
  maxAttempts?: number;
  /** Budget for one call across all attempts and waits, in ms. Default 60 000. */
  maxTotalMs?: number;
  /** First backoff step in ms; doubled per attempt, with full jitter. Default 250. */
  baseMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { maxAttempts: 5, maxTotalMs: 60_000, baseMs: 250 };

/** Longest single backoff step, whatever the attempt number. */
const MAX_BACKOFF_MS = 10_000;

/**
 * Statuses that are retried. 429 means the request was turned away before being processed, so it
 * is safe for any method. A 5xx may come after the write landed (a 503 from a proxy whose
 * upstream finished, a 500 thrown after the commit), so only idempotent calls repeat 500, 502,
 * 503 and 504 blindly; a write re-reads first (`isAmbiguousStatus`). Retrying a read on 500
 * matters: one transient 500 on any page would otherwise leave the live read incomplete.
 */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  if (status === 429) return true;
  return idempotent && (status === 500 || status === 502 || status === 503 || status === 504);
}

/**
 * Statuses after which a write's outcome is unknown: every 5xx. The transport settles it by
 * re-reading (`CallSpec.confirm`): done, or sent once more.
 */
export function isAmbiguousStatus(status: number): boolean {
  return status >= 500 && status <= 599;
}

/** Connection failures that happen before a request is sent: safe to retry for any method. */
const PRE_SEND_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Failures after which the request may have reached the server. */
const AMBIGUOUS_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/** How a transport-level error is handled. */
export interface TransportFailure {
  code: string;
  /** `timeout` for the timeout codes, else `network`. */
  kind: 'network' | 'timeout';
  /** True if the request certainly did not reach the server. */
  preSend: boolean;
  /** True if the error is a connection failure worth retrying at all. */
  retryable: boolean;
}

/** Classifies an error thrown by `undici.request`. */
export function classifyTransportError(err: unknown): TransportFailure {
  const code = errorCode(err);
  return {
    code,
    kind: TIMEOUT_CODES.has(code) ? 'timeout' : 'network',
    preSend: PRE_SEND_CODES.has(code),
    retryable: PRE_SEND_CODES.has(code) || AMBIGUOUS_CODES.has(code),
  };
}

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof e.code === 'string') return e.code;
    if (e.name === 'TimeoutError') return 'ETIMEDOUT';
    if (e.cause !== undefined) return errorCode(e.cause);
  }
  return 'UNKNOWN';
}

/**
 * `Retry-After` as a delay in ms: delta-seconds or an HTTP date. Undefined when absent or
 * unparseable; never negative.
 */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Jittered exponential backoff for retry number `retry` (0 = first retry). */
export function computeBackoff(retry: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** retry);
  // Half fixed, half jitter: spreads clients apart without collapsing the wait to ~0.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
