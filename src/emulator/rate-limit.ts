/**
 * Dialpad's company-wide limit (20 requests/s, dialpad-api.md §1.3), two ways: a token bucket
 * holding one second's worth of tokens (the default, lenient as most gateways are), and a strict
 * sliding window that refuses any request beyond `rate` in any rolling second (`--strict-rate-limit`,
 * for proving a client never exceeds the limit). Both use the real monotonic clock, never the
 * emulator's business clock.
 */
import { performance } from 'node:perf_hooks';

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds to wait (for `Retry-After`) when not allowed. */
  retryAfterSeconds: number;
}

/** What the server asks of a limit: may this request run now? */
export interface RateLimit {
  take(): RateDecision;
}

export class TokenBucket implements RateLimit {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly clock: () => number;

  /** `rate` tokens per second, capacity `rate`. A rate of 0 or less disables limiting. */
  constructor(rate: number, clock: () => number = () => performance.now()) {
    this.rate = rate;
    this.tokens = rate;
    this.clock = clock;
    this.last = clock();
  }

  take(): RateDecision {
    if (this.rate <= 0) return { allowed: true, retryAfterSeconds: 0 };
    const now = this.clock();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.rate)) };
  }
}

/**
 * At most `rate` accepted requests in any rolling 1000 ms: a request is refused when `rate` were
 * accepted in the last second. Refused requests do not count (Dialpad answered them with nothing).
 */
export class SlidingWindowLimit implements RateLimit {
  private readonly accepted: number[] = [];
  private readonly rate: number;
  private readonly clock: () => number;

  /** A rate of 0 or less disables limiting. */
  constructor(rate: number, clock: () => number = () => performance.now()) {
    this.rate = rate;
    this.clock = clock;
  }

  take(): RateDecision {
    if (this.rate <= 0) return { allowed: true, retryAfterSeconds: 0 };
    const now = this.clock();
    while (this.accepted.length > 0 && (this.accepted[0] ?? now) <= now - 1000) this.accepted.shift();
    if (this.accepted.length < this.rate) {
      this.accepted.push(now);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: 1 };
  }
}

/** Largest number of events seen within any 1 s sliding window. */
export class WindowCounter {
  private readonly times: number[] = [];
  max = 0;
  private readonly clock: () => number;

  constructor(clock: () => number = () => performance.now()) {
    this.clock = clock;
  }

  record(): void {
    const now = this.clock();
    this.times.push(now);
    while (this.times.length > 0 && (this.times[0] ?? now) <= now - 1000) this.times.shift();
    this.max = Math.max(this.max, this.times.length);
  }
}
