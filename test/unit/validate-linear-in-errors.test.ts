/**
 * Schema validation is linear in the number of problems (issue 26 #12): 20,000 users with 5
 * errors each took 51 s, because ajv's code appended each user's errors with `concat`, copying
 * every error found so far. Measured by operation counts, not time: every element an array
 * operation writes while the validator runs (a `concat` writes its whole result, a `push` its
 * arguments). Timings are in the bench.
 */
import { describe, expect, it } from 'vitest';
import { getConfigValidator } from '../../src/config/schema.js';

/** Plain data of a config with `users` users, each with schema errors (email, first_name, license, an unknown key). */
function configWithErrors(users: number): Record<string, unknown> {
  return {
    version: 1,
    users: Array.from({ length: users }, (_, i) => ({ email: `bad${i}`, first_name: 5, last_name: 'X', office: 'HQ!', license: 'nope', colour: 'red' })),
  };
}

/** Runs the config validator on `data`; returns its error count and the array elements written meanwhile. */
function countWork(data: unknown): { errors: number; written: number } {
  const validate = getConfigValidator();
  const { concat, push } = Array.prototype;
  let written = 0;
  Array.prototype.concat = function (this: unknown[], ...args: unknown[]) {
    const result = concat.apply(this, args);
    written += result.length;
    return result;
  };
  Array.prototype.push = function (this: unknown[], ...items: unknown[]) {
    written += items.length;
    return push.apply(this, items);
  };
  try {
    validate(data);
  } finally {
    Array.prototype.concat = concat;
    Array.prototype.push = push;
  }
  return { errors: validate.errors?.length ?? 0, written };
}

describe('config schema validation (issue 26 #12)', () => {
  it('does work linear in the errors: ten times the users with errors, at most ten times the array writes', () => {
    const small = countWork(configWithErrors(1_000));
    const large = countWork(configWithErrors(10_000));
    expect(small.errors).toBeGreaterThanOrEqual(1_000 * 4);
    expect(large.errors).toBe(small.errors * 10);
    // Copying all errors so far per user wrote ~ errors² / 10 elements (about 100 times more for 10 times the users).
    expect(large.written).toBeLessThanOrEqual(small.written * 10 + 100);
    expect(large.written).toBeLessThanOrEqual(large.errors * 2);
  });
});
