import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveState, liveUser, planOf, user } from '../../support/builders.js';

describe('recently_deleted_user', () => {
  it('restores (manual) instead of creating, with a warning about the 72 h window', () => {
    const live = liveState({ users: [liveUser('back@acme.com', { state: 'deleted', deletedAt: '2026-11-25T09:00:00Z' })] });
    const plan = planOf(desiredState({ users: [user('back@acme.com', { source: 'users.yaml:3' })] }), live);
    expect(plan.operations.map((o) => [o.kind, o.manual])).toEqual([['restore_user', true]]);
    expect(codes(plan)).toEqual(['warning:recently_deleted_user']);
    const message = plan.violations[0]?.message ?? '';
    expect(message).toContain('back@acme.com (users.yaml:3) was deleted at 2026-11-25T09:00:00Z');
    expect(message).toContain('anonymized');
    expect(plan.summary).toMatchObject({ manual: 1, create: 0, blocked: false });
  });
});
