import { describe, expect, it, vi } from 'vitest';

const calls = { matchUsers: 0, indexUsersByEmail: 0, indexLiveNumbers: 0 };

vi.mock('../../src/model/match-users.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/model/match-users.js')>();
  return {
    ...original,
    matchUsers: (...args: Parameters<typeof original.matchUsers>) => {
      calls.matchUsers++;
      return original.matchUsers(...args);
    },
    indexUsersByEmail: (...args: Parameters<typeof original.indexUsersByEmail>) => {
      calls.indexUsersByEmail++;
      return original.indexUsersByEmail(...args);
    },
  };
});

vi.mock('../../src/diff/live-numbers.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/diff/live-numbers.js')>();
  return {
    indexLiveNumbers: (...args: Parameters<typeof original.indexLiveNumbers>) => {
      calls.indexLiveNumbers++;
      return original.indexLiveNumbers(...args);
    },
  };
});

const { planFromRead } = await import('../../src/plan-against-live.js');
const { desiredState, heldNumber, liveState, liveUser, user } = await import('../support/builders.js');

describe('planFromRead', () => {
  it('indexes the users and their numbers once per plan, for the differ, the simulation and the rules alike (issue 31)', () => {
    const desired = desiredState({
      users: [user('ada@acme.com', { numbers: ['+14155550100'] }), user('new@acme.com'), user('ext@acme.com', { lifecycle: 'external', state: 'suspended' })],
    });
    const read = liveState({
      users: [liveUser('ada@acme.com', { firstName: 'Old' }), liveUser('ext@acme.com'), liveUser('gone@acme.com')],
      numbers: [heldNumber('+14155550101', 'ada@acme.com')],
    });
    const plan = planFromRead({ desired, read, now: new Date('2026-12-05T18:00:00Z') });
    // The plan is a whole one: users, numbers and an ignored lifecycle state, each needing the match.
    expect(plan.operations.map((op) => op.kind)).toEqual(expect.arrayContaining(['create_user', 'update_user']));
    expect(plan.violations.map((v) => v.code)).toContain('lifecycle_state_ignored');
    expect(calls).toEqual({ matchUsers: 1, indexUsersByEmail: 1, indexLiveNumbers: 1 });
  });
});
