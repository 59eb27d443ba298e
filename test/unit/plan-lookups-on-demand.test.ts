import { describe, expect, it } from 'vitest';
import { diffNumbers } from '../../src/diff/diff-numbers.js';
import { makeTargetBook } from '../../src/model/group-settings.js';
import type { User } from '../../src/model/tenant.js';
import { desiredState, liveState, liveUser, user } from '../support/builders.js';

// At 50,000 users, lookups over every user that a plan may not need were a good part of its CPU
// and garbage (issue 31): these are made only when something asks.
describe('lookups over every user', () => {
  it('the routing targets\' book reads no user until a target names one', () => {
    let reads = 0;
    const counted = (u: User): User => {
      const email = u.email;
      return Object.defineProperty({ ...u }, 'email', { get: () => (reads++, email), enumerable: true });
    };
    const book = makeTargetBook(desiredState({ users: [counted(user('ada@acme.com'))] }), liveState({ users: [counted(liveUser('bob@acme.com'))] }));
    expect(reads).toBe(0);
    expect(book.userByEmail('bob@acme.com')?.id).toBe('u-bob');
    expect(book.userById('u-bob')?.email).toBe('bob@acme.com');
    expect(book.userByEmail('ada@acme.com')).toEqual({ email: 'ada@acme.com' });
    expect(book.userByEmail('nobody@acme.com')).toBeUndefined();
    expect(reads).toBeGreaterThan(0);
  });

  it('the number differ asks for the numbers of every live user only when config releases numbers', () => {
    const desired = desiredState({ users: [user('ada@acme.com', { numbers: ['+14155550100'] })] });
    const live = liveState({ users: [liveUser('ada@acme.com', { numbers: ['+14155550100'] }), liveUser('bob@acme.com'), liveUser('cy@acme.com')] });
    const asked: string[] = [];
    const numbersOf = (u: User) => (asked.push(u.email), u.numbers ?? []);
    expect(diffNumbers(desired, live, undefined, undefined, numbersOf)).toEqual([]);
    expect(asked).toEqual(['ada@acme.com']);
    asked.length = 0;
    const releasing = desiredState({ users: desired.tenant.users, reserved: { release: ['+14155550199'] } });
    diffNumbers(releasing, live, undefined, undefined, numbersOf);
    expect(asked).toEqual(['ada@acme.com', 'ada@acme.com', 'bob@acme.com', 'cy@acme.com']);
  });
});
