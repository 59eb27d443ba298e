import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveOffice, liveState, liveUser, planOf, poolNumber, user } from '../../support/builders.js';

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

describe('too_many_deletions with no limits configured (safe defaults, issue 12 #16)', () => {
  const names = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}@acme.com`);
  const liveOf = (emails: string[]) => liveState({ offices: [liveOffice('hq', { licenses: { talk: 5000 } })], users: emails.map((e) => liveUser(e)) });

  it('blocks deleting most of a company when a users file is left out: 30 % of at least 10 active users', () => {
    const everyone = names(20);
    const plan = planOf(desiredState({ users: everyone.slice(0, 5).map((e) => user(e)), policy: { unmanagedUsers: 'delete' } }), liveOf(everyone));
    expect(codes(plan)).toEqual(['error:too_many_deletions']);
    expect(plan.violations[0]?.message).toContain('15 of 20 active users (75.0%), more than policy.max_deletion_percent (30%, the default)');
  });

  it('leaves the share unchecked below 10 active users', () => {
    const everyone = names(9);
    const plan = planOf(desiredState({ users: everyone.slice(0, 2).map((e) => user(e)), policy: { unmanagedUsers: 'delete' } }), liveOf(everyone));
    expect(codes(plan)).toEqual([]);
    expect(plan.operations.filter((op) => op.kind === 'delete_user')).toHaveLength(7);
  });

  it('blocks more than 500 deletions even when they are a small share', () => {
    const everyone = names(2100);
    const plan = planOf(desiredState({ users: everyone.slice(0, 1599).map((e) => user(e)), policy: { unmanagedUsers: 'delete' } }), liveOf(everyone));
    expect(codes(plan)).toEqual(['error:too_many_deletions']);
    expect(plan.violations[0]?.message).toContain('deletes 501 users and releases 0 numbers (501), more than policy.max_deletions (500, the default)');
  });

  it('lets config raise both limits', () => {
    const everyone = names(20);
    const desired = desiredState({ users: everyone.slice(0, 5).map((e) => user(e)), policy: { unmanagedUsers: 'delete', maxDeletions: 15, maxDeletionPercent: 75 } });
    expect(codes(planOf(desired, liveOf(everyone)))).toEqual([]);
  });
});
