import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveState, liveUser, planOf, poolNumber, user } from '../../support/builders.js';

describe('too_many_deletions', () => {
  const live = liveState({ users: ['a', 'b', 'c', 'd', 'e'].map((n) => liveUser(`${n}@acme.com`)) });
  const keep = (names: string[]) => names.map((n) => user(`${n}@acme.com`));

  it('blocks more deletions than policy.max_deletions', () => {
    const plan = planOf(desiredState({ users: keep(['a', 'b']), policy: { unmanagedUsers: 'delete', maxDeletions: 2 } }), live);
    expect(codes(plan)).toEqual(['error:too_many_deletions']);
    expect(plan.violations[0]?.operation_ids).toEqual(['op-1', 'op-2', 'op-3']);
    expect(plan.violations[0]?.message).toContain('policy.max_deletions (2)');
    expect(plan.violations[0]?.message).toContain('policy.unmanaged_users is delete');
    expect(plan.violations[0]?.message).not.toContain('reserved_numbers.keep');
  });

  it('counts number releases against policy.max_deletions and points at reserved_numbers.keep', () => {
    const withPool = liveState({ numbers: [poolNumber('+14155550151'), poolNumber('+14155550152')] });
    const plan = planOf(desiredState({ reserved: { releaseUnlisted: true }, policy: { maxDeletions: 1 } }), withPool);
    expect(codes(plan)).toEqual(['error:too_many_deletions']);
    expect(plan.violations[0]?.message).toContain('deletes 0 users and releases 2 numbers (2)');
    expect(plan.violations[0]?.message).toContain('reserved_numbers.keep');
    expect(plan.violations[0]?.message).not.toContain('policy.unmanaged_users');
  });

  it('blocks more than policy.max_deletion_percent of active users', () => {
    const plan = planOf(desiredState({ users: keep(['a', 'b', 'c', 'd']), policy: { unmanagedUsers: 'delete', maxDeletionPercent: 10 } }), live);
    expect(codes(plan)).toEqual(['error:too_many_deletions']);
    expect(plan.violations[0]?.message).toContain('1 of 5 active users (20.0%)');
  });

  it('allows deletions within both limits', () => {
    const plan = planOf(desiredState({ users: keep(['a', 'b', 'c', 'd']), policy: { unmanagedUsers: 'delete', maxDeletions: 1, maxDeletionPercent: 20 } }), live);
    expect(codes(plan)).toEqual([]);
    expect(plan.operations[0]?.reversible).toBe('until 2026-11-29T18:00:00.000Z');
  });
});
