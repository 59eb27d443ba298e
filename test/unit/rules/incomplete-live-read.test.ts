import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveState, liveUser, planOf, poolNumber, user } from '../../support/builders.js';

describe('incomplete_live_read', () => {
  it('blocks the plan and withholds deletions of unmanaged users', () => {
    const live = liveState({ users: [liveUser('a@acme.com'), liveUser('x@acme.com')], incomplete: ['GET /api/v2/users page 2: 503'] });
    const plan = planOf(desiredState({ users: [user('a@acme.com', { firstName: 'Ada' })], policy: { unmanagedUsers: 'delete' } }), live);
    expect(plan.operations.map((o) => o.kind)).toEqual(['update_user']);
    expect(codes(plan)).toEqual(['error:incomplete_live_read']);
    expect(plan.violations[0]?.message).toContain('GET /api/v2/users page 2: 503');
    expect(plan.violations[0]?.message).toContain('x@acme.com');
    expect(plan.summary.blocked).toBe(true);
  });

  it('withholds suspensions of unmanaged users too', () => {
    const live = liveState({ users: [liveUser('x@acme.com')], incomplete: ['offices/1/plan'] });
    const plan = planOf(desiredState({ users: [], policy: { unmanagedUsers: 'suspend' } }), live);
    expect(plan.operations).toEqual([]);
    expect(codes(plan)).toEqual(['error:incomplete_live_read']);
  });

  it('withholds number releases and names a few of them', () => {
    const numbers = Array.from({ length: 7 }, (_, i) => poolNumber(`+1415555020${i}`));
    const live = liveState({ numbers, incomplete: ['numbers after reading 7 item(s)'] });
    const plan = planOf(desiredState({ reserved: { releaseUnlisted: true } }), live);
    expect(plan.operations).toEqual([]);
    expect(codes(plan)).toEqual(['error:incomplete_live_read']);
    expect(plan.violations[0]?.message).toContain('7 number releases (+14155550200, +14155550201, +14155550202, +14155550203, +14155550204 and 2 more) were left out.');
  });
});
