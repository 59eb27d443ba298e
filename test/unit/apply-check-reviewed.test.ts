import { describe, expect, it } from 'vitest';
import { judgeReviewed } from '../../src/apply/check-reviewed.js';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { memoryJournal, readReviewedRemaining } from '../../src/apply/journal.js';
import { digestOperation, fingerprintPlan } from '../../src/plan/fingerprint.js';
import type { Plan } from '../../src/plan/types.js';
import { DialformError } from '../../src/errors.js';
import { desiredState, digestedPlanOf, liveState, liveUser, user } from '../support/builders.js';

const reviewedPlan = (): Plan =>
  digestedPlanOf(
    desiredState({ users: [user('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace' }), user('bob@acme.com', { firstName: 'Bob', lastName: 'B' })] }),
    liveState({ users: [liveUser('ada@acme.com', { firstName: 'Ada', lastName: 'Byron' }), liveUser('bob@acme.com', { firstName: 'Robert', lastName: 'B' })] }),
  );

/** `plan` with only the operations at `keep`, renumbered as a fresh plan would be. */
function withOperations(plan: Plan, keep: number[]): Plan {
  const operations = keep.map((i, n) => ({ ...plan.operations[i]!, id: `op-${n + 1}`, after: [] }));
  return { ...plan, operations, fingerprint: fingerprintPlan({ basis: plan.basis, operations }) };
}

describe('judgeReviewed (apply --expect-fingerprint)', () => {
  it('accepts the plan with the expected fingerprint, recomputed from its operations (not the file field)', () => {
    const plan = reviewedPlan();
    expect(judgeReviewed({ plan, expected: plan.fingerprint, remaining: undefined })).toEqual({ status: 'reviewed' });
    const edited = { ...plan, fingerprint: 'sha256:' + 'a'.repeat(64) };
    expect(judgeReviewed({ plan: edited, expected: edited.fingerprint, remaining: undefined }).status).toBe('changed');
  });

  it('accepts a plan with nothing to do whatever its fingerprint: nothing unreviewed can be written (someone did the change by hand)', () => {
    const plan = reviewedPlan();
    const empty = withOperations(plan, []);
    expect(empty.fingerprint).not.toBe(plan.fingerprint);
    expect(judgeReviewed({ plan: empty, expected: plan.fingerprint, remaining: undefined })).toEqual({ status: 'nothing' });
  });

  it('refuses another plan, naming every operation when the journal never saw the reviewed plan start', () => {
    const plan = reviewedPlan();
    const other = withOperations(plan, [1]);
    const check = judgeReviewed({ plan: other, expected: plan.fingerprint, remaining: undefined });
    expect(check).toMatchObject({ status: 'changed', expected: plan.fingerprint, actual: other.fingerprint, reviewedStarted: false });
    expect(check.status === 'changed' && check.unreviewed.map((op) => op.id)).toEqual(['op-1']);
  });

  it('resumes when every operation is among what is left of the started reviewed plan, and only then', () => {
    const plan = reviewedPlan();
    expect(plan.operations).toHaveLength(2);
    const rest = withOperations(plan, [1]);
    const remaining = [digestOperation(plan.operations[1]!)];
    expect(judgeReviewed({ plan: rest, expected: plan.fingerprint, remaining })).toEqual({ status: 'resumed' });
    const done = withOperations(plan, [0]);
    expect(judgeReviewed({ plan: done, expected: plan.fingerprint, remaining })).toMatchObject({ status: 'changed', reviewedStarted: true });
    expect(judgeReviewed({ plan: withOperations(plan, []), expected: plan.fingerprint, remaining: [] })).toEqual({ status: 'resumed' });
  });
});

describe('the journal of a reviewed plan', () => {
  it('records its start (digests only) and its operations under the reviewed fingerprint; what is left shrinks as they are done', async () => {
    const plan = reviewedPlan();
    const journal = memoryJournal();
    expect(await journal.reviewedRemaining(plan.fingerprint)).toBeUndefined();
    // A run whose second write fails: the first is done, the plan started.
    const failing = { updateUser: async (id: string) => (id === 'u-bob' ? Promise.reject(new DialformError('api_error', 'down')) : undefined) };
    const first = await applyPlan(plan, { api: failing as never, journal, concurrency: 1 });
    expect(first.status).toBe('failed');
    expect(journal.started.map((s) => s.entry.fingerprint)).toEqual([plan.fingerprint]);
    expect(JSON.stringify(journal.started)).not.toContain('acme.com');
    const bob = plan.operations.find((op) => op.target.type === 'user' && op.target.email === 'bob@acme.com')!;
    expect(await journal.reviewedRemaining(plan.fingerprint)).toEqual([digestOperation(bob)]);

    // The rest, applied as the fresh plan of a later run, is journalled as part of the reviewed plan.
    const ok = { updateUser: async () => {} };
    const rest = withOperations(plan, [plan.operations.indexOf(bob)]);
    await applyPlan({ ...rest, created_at: 'later' }, { api: ok as never, journal, reviewed: plan.fingerprint });
    expect(journal.started).toHaveLength(1);
    expect(journal.entries.filter((e) => e.status === 'done').every((e) => e.reviewed === plan.fingerprint)).toBe(true);
    expect(await journal.reviewedRemaining(plan.fingerprint)).toEqual([]);
  });

  it('counts done operations of the reviewed plan since its last start only', () => {
    const start = { record: 'plan_started', plan: 'p', fingerprint: 'sha256:f', operations: ['a', 'b', 'a'], at: '' };
    const done = (identity: string, reviewed = 'sha256:f') => ({ plan: 'q', op: 'op-1', kind: 'update_user', status: 'done', at: '', reviewed, identity });
    expect(readReviewedRemaining([done('b'), start, done('a'), done('b', 'sha256:other')], 'sha256:f')).toEqual(['b', 'a']);
    expect(readReviewedRemaining([start, done('a'), start], 'sha256:f')).toEqual(['a', 'b', 'a']);
    expect(readReviewedRemaining([done('a')], 'sha256:f')).toBeUndefined();
  });
});
