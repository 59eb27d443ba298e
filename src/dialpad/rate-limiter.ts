/**
 * Dialpad allows 20 requests per second per company, counted as they arrive: at most N in any
 * rolling second. The limiter keeps the last N grant times and grants a request only when the
 * N-th latest grant is at least `1000 ms + margin` old, so no window of the client's own clock
 * holds more than N starts, and the margin absorbs the difference between when a request starts
 * here and when it arrives there (loopback and a busy event loop: a few ms; the margin is half an
 * interval, 25 ms at 20 req/s, about 2.5 % of the rate). Grants are also at least one interval
 * apart, so a queue of waiting calls goes out as a steady stream rather than a burst of N (a burst
 * would queue in the connection pool, and a queued request arrives late by an unknown amount).
 * Every stamp is the time of the actual grant, never an earlier slot: a late timer makes the next
 * grant later, never two grants closer. One limiter is shared by every call of a client, retries
 * and confirming reads included. A rate of `Infinity` grants every request at once.
 */
export interface RateLimiter {
  /** Resolves when the caller may start one request. */
  acquire(): Promise<void>;
}

export function createRateLimiter(opts: { ratePerSecond: number; now?: () => number }): RateLimiter {
  if (!(opts.ratePerSecond > 0)) throw new RangeError(`rate limit must be > 0, got ${opts.ratePerSecond}`);
  const now = opts.now ?? (() => performance.now());
  if (opts.ratePerSecond === Number.POSITIVE_INFINITY) return { acquire: () => Promise.resolve() };
  const perWindow = Math.max(1, Math.floor(opts.ratePerSecond));
  const interval = 1000 / opts.ratePerSecond;
  const windowMs = 1000 + interval / 2;
  /** The last `perWindow` grant times, oldest first (a ring buffer). */
  const grants: number[] = [];
  let oldest = 0;
  const waiting: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;

  /** When the next grant may happen: one interval after the last, one window after the N-th latest. */
  function nextAllowed(): number {
    if (grants.length === 0) return -Infinity;
    const last = grants[(oldest + grants.length - 1) % grants.length] ?? -Infinity;
    const nth = grants.length < perWindow ? -Infinity : (grants[oldest] ?? -Infinity) + windowMs;
    return Math.max(last + interval, nth);
  }

  function record(t: number): void {
    if (grants.length < perWindow) grants.push(t);
    else {
      grants[oldest] = t;
      oldest = (oldest + 1) % perWindow;
    }
  }

  function pump(): void {
    timer = undefined;
    while (waiting.length > 0) {
      const t = now();
      const wait = nextAllowed() - t;
      if (wait > 0) {
        timer = setTimeout(pump, Math.ceil(wait));
        return;
      }
      record(t);
      waiting.shift()?.();
    }
  }

  return {
    acquire(): Promise<void> {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (timer === undefined) pump();
      });
    },
  };
}
