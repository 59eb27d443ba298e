import { describe, expect, it, vi } from 'vitest';

const calls = { matchUsers: 0 };

vi.mock('../../src/model/match-users.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/model/match-users.js')>();
  return {
    ...original,
    matchUsers: (...args: Parameters<typeof original.matchUsers>) => {
      calls.matchUsers++;
      return original.matchUsers(...args);
    },
  };
});

const { diffTenant } = await import('../../src/diff/index.js');
const { desiredState, heldNumber, liveState, liveUser, user } = await import('../support/builders.js');

describe('diffTenant', () => {
  it('matches config users to live users once for users and numbers alike (issue 15 #5)', () => {
    const desired = desiredState({ users: [user('ada@acme.com', { numbers: ['+14155550100'] }), user('new@acme.com')] });
    const live = liveState({ users: [liveUser('ada@acme.com', { firstName: 'Old' })], numbers: [heldNumber('+14155550101', 'ada@acme.com')] });
    const changes = diffTenant(desired, live, new Date('2026-11-26T18:00:00Z'));
    expect(changes.map((c) => c.kind).sort()).toEqual(['create_user', 'update_user', 'user_numbers']);
    expect(calls.matchUsers).toBe(1);
  });
});
