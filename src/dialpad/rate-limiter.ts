/**
 * Spaces request starts at least `1000 / ratePerSecond` ms apart, in arrival order. Spacing (a
 * token bucket of size 1) never lets a burst exceed the rate in any window, which is what
 * Dialpad's 20 req/s per company needs. One limiter is shared by every call of a client,
 * retries and confirming reads included. A rate of `Infinity` grants every request at once.
 */
export interface RateLimiter {
  /** Resolves when the caller may start one request. */
  acquire(): Promise<void>;
}

export function createRateLimiter(opts: { ratePerSecond: number; now?: () => number }): RateLimiter {
  if (!(opts.ratePerSecond > 0)) throw new RangeError(`rate limit must be > 0, got ${opts.ratePerSecond}`);
  const interval = 1000 / opts.ratePerSecond;
  const now = opts.now ?? (() => performance.now());
  const waiting: Array<() => void> = [];
  let lastGrant = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  // A grant is stamped with its slot (the previous stamp + interval) but never earlier than a
  // quarter interval before it actually happens. Timers fire late (~1 ms), and stamping the
  // actual time lost that lateness on every grant (11 ms instead of 10 at 100 req/s); the
  // quarter-interval cap keeps grants ≥ 0.75 interval apart and any window of T ms at most
  // T / interval + 1 grants, the same bound as strict spacing.
  function pump(): void {
    timer = undefined;
    while (waiting.length > 0) {
      const wait = lastGrant + interval - now();
      if (wait > 0) {
        timer = setTimeout(pump, Math.ceil(wait));
        return;
      }
      lastGrant = Math.max(lastGrant + interval, now() - interval / 4);
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
