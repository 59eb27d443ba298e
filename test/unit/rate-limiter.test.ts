/**
 * The rate limiter while the event loop is blocked (issue 15 #2), and how it counts (issue 31): the config
 * loads beside the read, and a stretch of parsing must not turn the requests waiting behind it
 * into a burst once the loop is free again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../../src/dialpad/rate-limiter.js';

/** The most grants in any window of `windowMs` that starts at a grant. */
function maxInWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (const [i, start] of times.entries()) most = Math.max(most, times.slice(i).filter((t) => t < start + windowMs).length);
  return most;
}

describe('rate limiter', () => {
  afterEach(() => vi.useRealTimers());

  it('releases no burst after the event loop was blocked for 500 ms (issue 15 #2)', async () => {
    // A fake clock: a blocked loop is the clock moving on while no timer fires, and each grant is
    // stamped exactly when the limiter grants it (a real clock lets the OS preempt the test between
    // a grant and its stamp, and two stamps then read closer than the grants were).
    vi.useFakeTimers();
    const rate = 20;
    const interval = 1000 / rate;
    const limiter = createRateLimiter({ ratePerSecond: rate, now: () => Date.now() });
    const grants: number[] = [];
    // Three requests start, then the third one's caller blocks the loop while the rest wait their turn.
    const all = Array.from({ length: 45 }, () =>
      limiter.acquire().then((answered) => {
        grants.push(Date.now());
        answered();
        if (grants.length === 3) vi.setSystemTime(Date.now() + 500);
      }),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);

    expect(grants).toHaveLength(45);
    const sorted = [...grants].sort((a, b) => a - b);
    // Never more than the rate in any second (issue 31).
    expect(maxInWindow(sorted, 1000)).toBeLessThanOrEqual(rate);
    expect(maxInWindow(sorted, 100)).toBeLessThanOrEqual(2);
    // And no two starts closer than one interval (the old stamping let one through 0.75 interval after the block).
    const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(interval);
  });

  describe('counts a request until its answer (issue 31: Dialpad counts arrivals, which may come late)', () => {
    afterEach(() => vi.useRealTimers());

    it('starts request N + 1 only 1000 ms after the answer to request 1, however late that answer is', async () => {
      vi.useFakeTimers();
      const limiter = createRateLimiter({ ratePerSecond: 20, now: () => Date.now() });
      const started: number[] = [];
      const answers: Array<() => void> = [];
      for (let i = 0; i < 21; i++) {
        void limiter.acquire().then((answered) => {
          started.push(Date.now());
          answers.push(answered);
        });
      }
      await vi.advanceTimersByTimeAsync(5_000);
      // Twenty started one interval apart; the 21st waits for the first one's answer.
      expect(started).toHaveLength(20);
      const answeredAt = Date.now();
      answers[0]!();
      await vi.advanceTimersByTimeAsync(999);
      expect(started).toHaveLength(20);
      await vi.advanceTimersByTimeAsync(1);
      expect(started).toHaveLength(21);
      expect(started[20]! - answeredAt).toBe(1000);
    });
  });

  describe('at a rate of Infinity (tests whose subject is not the limiter)', () => {
    afterEach(() => vi.useRealTimers());

    it('grants every request without waiting for a timer', async () => {
      vi.useFakeTimers();
      const limiter = createRateLimiter({ ratePerSecond: Number.POSITIVE_INFINITY });
      let granted = 0;
      await Promise.all(Array.from({ length: 100 }, () => limiter.acquire().then(() => granted++)));
      expect(granted).toBe(100);
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
