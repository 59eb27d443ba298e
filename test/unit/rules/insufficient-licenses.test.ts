import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveOffice, liveState, office, planOf, user } from '../../support/builders.js';

describe('insufficient_licenses', () => {
  it('blocks a create in an office with no unassigned license', () => {
    const plan = planOf(desiredState({ users: [user('a@acme.com')] }), liveState({ offices: [liveOffice('hq', { licenses: { talk: 0 } })] }));
    expect(codes(plan)).toEqual(['error:insufficient_licenses']);
    expect(plan.violations[0]?.operation_ids).toEqual(['op-1']);
    expect(plan.violations[0]?.message).toContain('licenses.talk for hq');
  });

  it('uses the API\'s available_licenses when the live read has them', () => {
    const live = liveState({ offices: [liveOffice('hq', { licenses: { talk: 5 }, available: { talk: 0 } })] });
    expect(codes(planOf(desiredState({ users: [user('a@acme.com')] }), live))).toEqual(['error:insufficient_licenses']);
  });

  it('plans a purchase, and a cancellation of licenses no office takes, as manual steps (issue 24: nothing hidden)', () => {
    const desired = desiredState({ offices: [office('hq', { licenses: { talk: 12, sell: 0 } })] });
    const live = liveState({ offices: [liveOffice('hq', { licenses: { talk: 10, sell: 1 } })] });
    const plan = planOf(desired, live);
    expect(plan.operations.map((op) => [op.kind, op.manual])).toEqual([['buy_licenses', true], ['cancel_licenses', true]]);
    expect(plan.operations[0]?.notes?.[0]).toMatch(/buy 2 Talk licenses for Acme hq/);
    expect(codes(plan)).toEqual([]);
    expect(plan.summary).toMatchObject({ manual: 2, blocked: false });
  });
});
