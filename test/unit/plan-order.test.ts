import { describe, expect, it } from 'vitest';
import { BugError } from '../../src/errors.js';
import { operation } from '../../src/plan/operations.js';
import { orderOperations } from '../../src/plan/order.js';
import { createSimState } from '../../src/plan/sim-state.js';
import { codes, desiredState, liveOffice, liveState, liveUser, newOffice, office, planOf, steps, user } from '../support/builders.js';

describe('ordering by simulation', () => {
  it('transfers licenses only after two users leave the source office (deletes)', () => {
    const desired = desiredState({
      offices: [office('hq', { licenses: { talk: 3 } }), office('ny', { licenses: { talk: 2 } })],
      users: ['a', 'b', 'c'].map((n) => user(`${n}@acme.com`)).concat([user('f@acme.com', { office: 'ny' }), user('g@acme.com', { office: 'ny' })]),
      policy: { unmanagedUsers: 'delete' },
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 5 } }), liveOffice('ny', { licenses: { talk: 0 } })],
      users: ['a', 'b', 'c', 'd', 'e'].map((n) => liveUser(`${n}@acme.com`)),
    });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual([
      'delete_user d@acme.com',
      'delete_user e@acme.com',
      'transfer_licenses 2 talk hq->ny',
      'create_user f@acme.com',
      'create_user g@acme.com',
    ]);
    expect(plan.operations[2]?.after).toEqual(['op-1', 'op-2']);
    expect(plan.operations[3]?.after).toEqual(['op-3']);
    expect(plan.summary.blocked).toBe(false);
  });

  it('transfers licenses only after two users move out of the source office', () => {
    const desired = desiredState({
      offices: [office('hq', { licenses: { talk: 1 } }), office('sf', { licenses: { talk: 2 } }), office('ny', { licenses: { talk: 2 } })],
      users: [user('a@acme.com'), user('b@acme.com', { office: 'sf' }), user('c@acme.com', { office: 'sf' }), user('n@acme.com', { office: 'ny' })],
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 3 } }), liveOffice('sf', { licenses: { talk: 2 } }), liveOffice('ny', { licenses: { talk: 1 } })],
      users: [liveUser('a@acme.com'), liveUser('b@acme.com'), liveUser('c@acme.com')],
    });
    // hq: 3 purchased, 3 used. Moving b and c to sf frees 2; 1 of those moves to ny... wait: hq wants 1, ny wants 2.
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual([
      'move_user b@acme.com',
      'move_user c@acme.com',
      // hq's third license no office takes: cancelled (manual), also only once the moves freed it.
      'cancel_licenses hq',
      'transfer_licenses 1 talk hq->ny',
      'create_user n@acme.com',
    ]);
    expect(plan.operations[2]?.after).toEqual(['op-1', 'op-2']);
    expect(plan.operations[3]?.after).toEqual(expect.arrayContaining(['op-1', 'op-2']));
  });

  it('creates an office before anything placed in it, and transfers into it before creating users there', () => {
    const desired = desiredState({
      offices: [office('hq', { licenses: { talk: 9 } }), newOffice('ny', { licenses: { talk: 1 } })],
      users: [user('n@acme.com', { office: 'ny' })],
    });
    const plan = planOf(desired, liveState({ offices: [liveOffice('hq', { licenses: { talk: 10 } })] }));
    expect(steps(plan)).toEqual(['create_office ny', 'transfer_licenses 1 talk hq->ny', 'create_user n@acme.com']);
    expect(plan.operations[1]?.after).toEqual(['op-1']);
  });

  it('frees a line (delete) before a create claims it in a full office', () => {
    const desired = desiredState({ users: [user('new@acme.com')], policy: { unmanagedUsers: 'delete' } });
    const live = liveState({ offices: [liveOffice('hq', { licenses: { talk: 1 } })], users: [liveUser('old@acme.com')] });
    expect(steps(planOf(desired, live))).toEqual(['delete_user old@acme.com', 'create_user new@acme.com']);
  });

  it('frees a line by a license change before another user claims it', () => {
    const desired = desiredState({ users: [user('a@acme.com', { license: 'lite_lines' }), user('b@acme.com', { license: 'talk' })] });
    const live = liveState({ offices: [liveOffice('hq', { licenses: { talk: 1 } })], users: [liveUser('a@acme.com')] });
    expect(steps(planOf(desired, live))).toEqual(['update_user a@acme.com', 'create_user b@acme.com']);
  });

  it('resolves a chain of moves by simulation, not by name order', () => {
    // a moves hq→sf, but sf is full until b moves sf→ny: b must go first although a sorts first.
    const desired = desiredState({
      offices: [office('hq'), office('sf'), office('ny')],
      users: [user('a@acme.com', { office: 'sf' }), user('b@acme.com', { office: 'ny' })],
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 1 } }), liveOffice('sf', { licenses: { talk: 1 } }), liveOffice('ny', { licenses: { talk: 1 } })],
      users: [liveUser('a@acme.com'), liveUser('b@acme.com', { office: 'sf' })],
    });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['move_user b@acme.com', 'move_user a@acme.com']);
    expect(plan.operations[1]?.after).toEqual(['op-1']);
  });

  it('reactivates before suspending, and restores first', () => {
    const desired = desiredState({
      users: [user('a@acme.com', { state: 'suspended' }), user('b@acme.com'), user('c@acme.com')],
    });
    const live = liveState({
      users: [liveUser('a@acme.com'), liveUser('b@acme.com', { state: 'suspended' }), liveUser('c@acme.com', { state: 'deleted' })],
    });
    expect(steps(planOf(desired, live))).toEqual(['restore_user c@acme.com', 'reactivate_user b@acme.com', 'suspend_user a@acme.com']);
  });

  it('blocks when no order works, still listing every operation', () => {
    const desired = desiredState({
      offices: [office('hq'), office('sf')],
      users: [user('a@acme.com', { office: 'sf', analytics: true }), user('b@acme.com')],
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 1 } }), liveOffice('sf', { licenses: { talk: 1 } })],
      users: [liveUser('a@acme.com'), liveUser('b@acme.com', { office: 'sf' })],
    });
    // a→sf and b→hq: each office full until the other moves. Dialpad needs a spare license.
    const plan = planOf(desired, live, desiredState({ users: [] }));
    expect(steps(plan)).toEqual(['grant_analytics a@acme.com', 'move_user a@acme.com', 'move_user b@acme.com']);
    expect(plan.summary.blocked).toBe(true);
    expect(codes(plan)).toEqual(['error:insufficient_licenses', 'error:insufficient_licenses']);
    expect(plan.violations[0]?.message).toContain('Acme sf has no unassigned Talk license');
    expect(plan.violations.flatMap((v) => v.operation_ids)).toEqual(['op-2', 'op-3']);
  });

  it('blames an operation waiting for a blocked one with the blocked one\'s rule', () => {
    const desired = desiredState({ users: [user('n@acme.com', { analytics: true })] });
    const live = liveState({ offices: [liveOffice('hq', { licenses: { talk: 0 } })] });
    const plan = planOf(desired, live, desiredState({ users: [] }));
    expect(steps(plan)).toEqual(['create_user n@acme.com', 'grant_analytics n@acme.com']);
    expect(codes(plan)).toEqual(['error:insufficient_licenses', 'error:insufficient_licenses']);
    expect(plan.violations[1]?.message).toContain('waits for op-1');
  });

  it('is deterministic: the same input, in any order, gives an identical plan', () => {
    const users = ['d', 'b', 'a', 'c'].map((n) => user(`${n}@acme.com`, { office: n === 'a' ? 'sf' : 'hq' }));
    const build = (list: typeof users) =>
      planOf(
        desiredState({
          offices: [office('hq', { licenses: { talk: 3 } }), office('sf', { licenses: { talk: 1 } })],
          users: list,
          policy: { unmanagedUsers: 'delete' },
        }),
        liveState({
          offices: [liveOffice('hq', { licenses: { talk: 4 } }), liveOffice('sf')],
          users: [liveUser('x@acme.com'), liveUser('a@acme.com'), liveUser('y@acme.com')],
        }),
      );
    const first = build(users);
    expect(JSON.stringify(build(users))).toBe(JSON.stringify(first));
    expect(JSON.stringify(build([...users].reverse()))).toBe(JSON.stringify(first));
    expect(steps(first)).toEqual([
      'delete_user x@acme.com',
      'delete_user y@acme.com',
      'transfer_licenses 1 talk hq->sf',
      'move_user a@acme.com',
      'create_user b@acme.com',
      'create_user c@acme.com',
      'create_user d@acme.com',
    ]);
  });
});

describe('ordering: a wait nothing can satisfy', () => {
  it('is a BugError (the planner made an operation on a user that never exists), not insufficient_licenses', () => {
    const desired = desiredState({ offices: [office('hq')] });
    const live = liveState({ offices: [liveOffice('hq', { licenses: { talk: 1 } })] });
    const initial = createSimState(desired, live, new Map());
    const orphan = operation.suspendUser({ email: 'nobody@acme.com', source: 'config' });
    expect(() => orderOperations([orphan], initial, { desiredOffice: () => undefined, numberOffice: () => undefined })).toThrow(BugError);
  });
});
