/**
 * Dialpad allows 20 requests per second per company, counted as they arrive: at most N in any
 * rolling second. When a request arrives there is not known here, only that it is after its start
 * and before its answer begins. So a request is counted from its start until its answer, and the
 * limiter starts request k only when every request at least N starts before it has been answered
 * for 1000 ms: then request k arrives at least 1000 ms after any of those did, and no second holds
 * N + 1 arrivals, however late the network or a busy event loop delivers them. The price is the
 * answer's latency per N requests (50 ms at 20 req/s: about 95 % of the rate; all of it at 0 ms).
 * Starts are also at least one interval apart, so a queue of waiting calls goes out as a steady
 * stream rather than a burst of N. Every stamp is the time of the actual event, never an earlier
 * slot: a late timer makes the next start later, never two closer. One limiter is shared by every
 * call of a client, retries and confirming reads included. A rate of `Infinity` starts every
 * request at once.
 */
export interface RateLimiter {
  /**
   * Resolves when the caller may start one request, with the function to call once its answer
   * has begun (or the attempt failed); calling it again does nothing. A slot whose request is never
   * answered is never freed, so call it in a `finally`.
   */
  acquire(): Promise<() => void>;
}

const NOTHING = (): void => {};

export function createRateLimiter(opts: { ratePerSecond: number; now?: () => number }): RateLimiter {
  if (!(opts.ratePerSecond > 0)) throw new RangeError(`rate limit must be > 0, got ${opts.ratePerSecond}`);
  const now = opts.now ?? (() => performance.now());
  if (opts.ratePerSecond === Number.POSITIVE_INFINITY) return { acquire: () => Promise.resolve(NOTHING) };
  const perWindow = Math.max(1, Math.floor(opts.ratePerSecond));
  const interval = 1000 / opts.ratePerSecond;
  /** The last `perWindow` starts, oldest first, each with when its answer began (once it has). */
  const recent: Array<{ answeredAt?: number }> = [];
  /** The latest answer of the requests started before `recent`'s (they left it answered). */
  let answeredBefore = -Infinity;
  let lastStart = -Infinity;
  const waiting: Array<(answered: () => void) => void> = [];
  let timer: NodeJS.Timeout | undefined;

  /** When the next start may happen, or `undefined` while the request N starts back is unanswered. */
  function nextAllowed(): number | undefined {
    let earliest = lastStart + interval;
    if (recent.length >= perWindow) {
      const answeredAt = recent[0]?.answeredAt;
      if (answeredAt === undefined) return undefined;
      earliest = Math.max(earliest, Math.max(answeredBefore, answeredAt) + 1000);
    }
    return Math.max(earliest, answeredBefore + 1000);
  }

  function start(t: number): () => void {
    if (recent.length >= perWindow) {
      const left = recent.shift();
      answeredBefore = Math.max(answeredBefore, left?.answeredAt ?? t);
    }
    const slot: { answeredAt?: number } = {};
    recent.push(slot);
    lastStart = t;
    return () => {
      if (slot.answeredAt !== undefined) return;
      slot.answeredAt = now();
      if (timer === undefined && waiting.length > 0) pump();
    };
  }

  function pump(): void {
    timer = undefined;
    while (waiting.length > 0) {
      const t = now();
      const allowed = nextAllowed();
      if (allowed === undefined) return; // an answer will call pump
      if (allowed > t) {
        timer = setTimeout(pump, Math.ceil(allowed - t));
        return;
      }
      waiting.shift()?.(start(t));
    }
  }

  return {
    acquire(): Promise<() => void> {
      return new Promise((resolve) => {
        waiting.push(resolve);
        if (timer === undefined) pump();
      });
    },
  };
}
