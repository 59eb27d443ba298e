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

  it('a config asserting another account type than Dialpad reports is a change_account_type manual step, not a warning (issue 24: account_type counts)', () => {
    const asserting = { ...desired, tenant: { ...desired.tenant, company: { accountType: 'enterprise' as const, source: 'dialform.yaml:3' } } };
    const plan = planOf(asserting, liveOf('pro'));
    expect(codes(plan)).toEqual([]);
    const step = plan.operations.find((op) => op.kind === 'change_account_type');
    expect(step).toMatchObject({ manual: true, account_type: 'enterprise', source: 'dialform.yaml:3', step: { id: 'change_account_type', verified_by: 'api' }, office_key: null });
    expect(step?.summary).toMatch(/^change .*'s plan tier from pro to enterprise \(manual: billing\)$/);
    expect(plan.summary.manual).toBeGreaterThanOrEqual(2);
    expect(planOf(asserting, liveOf('enterprise')).operations.some((op) => op.kind === 'change_account_type')).toBe(false);
  });
});
