import { describe, expect, it } from 'vitest';
import { diffTenant, type Change } from '../../src/diff/index.js';
import { codes, desiredState, heldNumber, liveOffice, liveState, liveUser, office, planOf, poolNumber, steps, user } from '../support/builders.js';

const numberChanges = (changes: Change[]) =>
  changes.flatMap((c) =>
    c.kind === 'user_numbers' ? [`${c.email} ${c.from.join(',')} -> ${c.to.join(',')}`] : c.kind === 'release_number' ? [`release ${c.number.number}`] : [],
  );

describe('diffNumbers', () => {
  const live = liveState({
    users: [liveUser('a@acme.com'), liveUser('b@acme.com')],
    numbers: [heldNumber('+14155550001', 'a@acme.com'), heldNumber('+14155550002', 'a@acme.com'), poolNumber('+14155550009')],
  });

  it.each([
    { name: 'numbers undefined: unmanaged, no change', a: undefined, want: [] },
    { name: 'same set, same primary: no change', a: ['+14155550001', '+14155550002'], want: [] },
    { name: 'a dropped number', a: ['+14155550001'], want: ['a@acme.com +14155550001,+14155550002 -> +14155550001'] },
    { name: 'a new primary', a: ['+14155550002', '+14155550001'], want: ['a@acme.com +14155550001,+14155550002 -> +14155550002,+14155550001'] },
  ])('$name', ({ a, want }) => {
    const desired = desiredState({ users: [user('a@acme.com', a === undefined ? {} : { numbers: a }), user('b@acme.com')] });
    expect(numberChanges(diffTenant(desired, live))).toEqual(want);
  });

  it('releases pool numbers neither kept nor wanted, including ones entering the pool, with release_unlisted', () => {
    const desired = desiredState({
      users: [user('a@acme.com', { numbers: ['+14155550001'] }), user('b@acme.com')],
      reserved: { keep: ['+14155550009'], releaseUnlisted: true },
    });
    expect(numberChanges(diffTenant(desired, live))).toEqual(['a@acme.com +14155550001,+14155550002 -> +14155550001', 'release +14155550002']);
    expect(numberChanges(diffTenant(desiredState({ users: [user('a@acme.com'), user('b@acme.com')], reserved: { releaseUnlisted: true } }), live))).toEqual([
      'release +14155550009',
    ]);
  });
});

describe('planning numbers', () => {
  it('unassigns a number before assigning it to another user', () => {
    const desired = desiredState({ users: [user('a@acme.com', { numbers: [] }), user('b@acme.com', { numbers: ['+14155550001'] })] });
    const live = liveState({ users: [liveUser('a@acme.com'), liveUser('b@acme.com')], numbers: [heldNumber('+14155550001', 'a@acme.com')] });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['unassign_number +14155550001 a@acme.com', 'assign_number +14155550001 b@acme.com']);
    expect(plan.operations[1]?.after).toEqual(['op-1']);
    expect(plan.pool.map((p) => `${p.direction} ${p.number} ${p.user}`)).toEqual(['in +14155550001 a@acme.com', 'out +14155550001 b@acme.com']);
  });

  it('resolves a swap through the pool', () => {
    const desired = desiredState({ users: [user('a@acme.com', { numbers: ['+14155550002'] }), user('b@acme.com', { numbers: ['+14155550001'] })] });
    const live = liveState({
      users: [liveUser('a@acme.com'), liveUser('b@acme.com')],
      numbers: [heldNumber('+14155550001', 'a@acme.com'), heldNumber('+14155550002', 'b@acme.com')],
    });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual([
      'unassign_number +14155550001 a@acme.com',
      'unassign_number +14155550002 b@acme.com',
      'assign_number +14155550002 a@acme.com',
      'assign_number +14155550001 b@acme.com',
    ]);
    expect(plan.summary.blocked).toBe(false);
  });

  it('lets a new user take a deleted user\'s number from the pool', () => {
    const desired = desiredState({ users: [user('new@acme.com', { numbers: ['+14155550001'] })], policy: { unmanagedUsers: 'delete' } });
    const live = liveState({ users: [liveUser('old@acme.com')], numbers: [heldNumber('+14155550001', 'old@acme.com')] });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['delete_user old@acme.com', 'create_user new@acme.com', 'assign_number +14155550001 new@acme.com']);
    expect(plan.operations[2]?.after).toEqual(['op-1', 'op-2']);
  });

  it('keeps a kept number in the pool when its user no longer wants it', () => {
    const desired = desiredState({ users: [user('a@acme.com', { numbers: [] })], reserved: { keep: ['+14155550001'], releaseUnlisted: true } });
    const live = liveState({ users: [liveUser('a@acme.com')], numbers: [heldNumber('+14155550001', 'a@acme.com')] });
    expect(steps(planOf(desired, live))).toEqual(['unassign_number +14155550001 a@acme.com']);
  });

  it('releases last, irreversibly, and counts releases as deletions', () => {
    const desired = desiredState({
      users: [user('a@acme.com', { numbers: ['+14155550003'] })],
      reserved: { releaseUnlisted: true },
      policy: { maxDeletions: 1 },
    });
    const live = liveState({ users: [liveUser('a@acme.com')], numbers: [poolNumber('+14155550003'), poolNumber('+14155550004'), poolNumber('+14155550005')] });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['assign_number +14155550003 a@acme.com', 'release_number +14155550004', 'release_number +14155550005']);
    expect(plan.operations[1]?.reversible).toBe('no');
    expect(plan.summary.delete).toBe(2);
    expect(codes(plan)).toEqual(['error:too_many_deletions']);
  });

  it('assigns a new-country number after an acknowledged international move', () => {
    const desired = desiredState({
      offices: [office('hq'), office('ldn', { country: 'GB' })],
      users: [user('ada@acme.com', { office: 'ldn', allowNumberChange: true, numbers: ['+442079460101'] })],
    });
    const live = liveState({
      offices: [liveOffice('hq'), liveOffice('ldn', { country: 'GB', licenses: { talk: 1 } })],
      users: [liveUser('ada@acme.com')],
      numbers: [heldNumber('+14155550001', 'ada@acme.com'), poolNumber('+442079460101', 'ldn')],
    });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['move_user ada@acme.com', 'assign_number +442079460101 ada@acme.com']);
    expect(codes(plan)).toEqual([]);
  });

  it('never releases from a partial read', () => {
    const desired = desiredState({ users: [], reserved: { releaseUnlisted: true } });
    const live = liveState({ numbers: [poolNumber('+14155550004')], incomplete: ['GET /api/v2/numbers: 500'] });
    const plan = planOf(desired, live);
    expect(plan.operations).toEqual([]);
    expect(codes(plan)).toEqual(['error:incomplete_live_read']);
  });
});
