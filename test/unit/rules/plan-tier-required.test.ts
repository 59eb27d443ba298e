import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveOffice, liveState, liveUser, office, planOf, user } from '../../support/builders.js';

describe('plan_tier_required', () => {
  const desired = desiredState({
    offices: [office('hq', { licenses: { talk: 8 } }), office('sf', { licenses: { talk: 2 } })],
    users: [user('a@acme.com', { office: 'sf' })],
  });
  const liveOf = (accountType: 'standard' | 'pro' | 'enterprise' | 'free') =>
    liveState({ accountType, offices: [liveOffice('hq', { licenses: { talk: 10 } }), liveOffice('sf', { licenses: { talk: 0 } })], users: [liveUser('a@acme.com')] });

  it.each(['standard', 'free'] as const)('blocks transfers and moves on a %s account', (tier) => {
    const plan = planOf(desired, liveOf(tier));
    expect(codes(plan)).toEqual(['error:plan_tier_required', 'error:plan_tier_required']);
    expect(plan.violations.map((v) => plan.operations.find((o) => o.id === v.operation_ids[0])?.kind)).toEqual(['transfer_licenses', 'move_user']);
    expect(plan.violations[0]?.message).toContain('Advanced or Premium');
  });

  it.each(['pro', 'enterprise'] as const)('allows them on a %s account', (tier) => {
    expect(codes(planOf(desired, liveOf(tier)))).toEqual([]);
  });

  it('warns when the config asserts another account type than Dialpad reports', () => {
    const asserting = { ...desired, tenant: { ...desired.tenant, company: { accountType: 'enterprise' as const, source: 'dialform.yaml:3' } } };
    const plan = planOf(asserting, liveOf('pro'));
    expect(codes(plan)).toEqual(['warning:plan_tier_required']);
    expect(plan.violations[0]?.message).toContain('"enterprise" (dialform.yaml:3), but Dialpad reports "pro"');
    expect(codes(planOf(asserting, liveOf('enterprise')))).toEqual([]);
  });
});
