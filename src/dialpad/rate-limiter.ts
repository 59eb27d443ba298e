/**
 * Spaces request starts at least `1000 / ratePerSecond` ms apart, in arrival order. Spacing (a
 * token bucket of size 1) never lets a burst exceed the rate in any window, which is what
 * Dialpad's 20 req/s per company needs. One limiter is shared by every call of a client,
 * retries and confirming reads included.
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

  // Grants are stamped with the time they actually happen, so a late timer never lets the next
  // grant come sooner than `interval` after the previous one.
  function pump(): void {
    timer = undefined;
    while (waiting.length > 0) {
      const wait = lastGrant + interval - now();
      if (wait > 0) {
        timer = setTimeout(pump, Math.ceil(wait));
        return;
      }
      lastGrant = now();
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
