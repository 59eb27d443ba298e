/**
 * License planning for every license kind (issue 13 #6) and for suspended users (issue 13 #7):
 * the same transfer rules for Ai Meetings and add-on kinds as for Dialpad licenses, and the safe
 * reading of a suspended user's license.
 */
import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveOffice, liveState, office, planOf, steps, user, liveUser } from '../support/builders.js';

describe('license transfers of Ai Meetings and add-on kinds (issue 13 #6)', () => {
  it('transfers unassigned Ai Meetings licenses as a manual step under the Ai Meetings license type (issue 13 #6)', () => {
    const desired = desiredState({
      offices: [office('hq', { licenses: { ai_meetings: 3 } }), office('nyc', { licenses: { ai_meetings: 2 } })],
    });
    const live = liveState({
      offices: [
        liveOffice('hq', { licenses: { ai_meetings: 5 }, available: { ai_meetings: 2 } }),
        liveOffice('nyc', { licenses: {}, available: {} }),
      ],
    });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['transfer_licenses 2 ai_meetings hq->nyc']);
    expect(codes(plan)).toEqual([]);
    const op = plan.operations[0]!;
    expect(op).toMatchObject({ manual: true, line: 'ai_meetings', to_purchased_after: 2 });
    expect(op.notes[0]).toBe('Company Settings › Licenses › Ai Meetings › Transfer Licenses: transfer 2 Ai Meetings licenses from Acme hq to Acme nyc.');
  });

  it.each([
    { line: 'rooms', label: 'Room' },
    { line: 'fax', label: 'Fax' },
    { line: 'toll_free_additional_numbers', label: 'Toll-free additional number' },
  ] as const)('transfers only unassigned $line licenses', ({ line, label }) => {
    const desired = desiredState({ offices: [office('hq', { licenses: { [line]: 1 } }), office('nyc', { licenses: { [line]: 2 } })] });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { [line]: 3 }, available: { [line]: 1 } }), liveOffice('nyc', { licenses: {}, available: {} })],
    });
    const plan = planOf(desired, live);
    expect(codes(plan)).toEqual(['error:insufficient_licenses']);
    expect(plan.violations[0]?.message).toContain(`has only 1 unassigned ${label} license at this step`);
    expect(plan.operations[0]?.notes[0]).toMatch(/^Company Settings › Licenses › Add-on › Transfer Licenses/);
  });

  it('applies the same price-level and plan-tier rules as to Dialpad licenses', () => {
    const desired = desiredState({
      offices: [office('hq', { licenses: { fax: 0 } }), office('ldn', { country: 'GB', priceLevel: 'standard', licenses: { fax: 1 } })],
    });
    const live = liveState({
      accountType: 'standard',
      offices: [liveOffice('hq', { licenses: { fax: 1 }, available: { fax: 1 } }), liveOffice('ldn', { country: 'GB', licenses: {}, available: {} })],
    });
    expect(codes(planOf(desired, live)).sort()).toEqual(['error:plan_tier_required', 'error:price_level_mismatch']);
  });

  it('counts no Ai Meetings or add-on license as unassigned when available_licenses was not read', () => {
    const desired = desiredState({ offices: [office('hq', { licenses: { ai_meetings: 0 } }), office('nyc', { licenses: { ai_meetings: 1 } })] });
    const live = liveState({ offices: [liveOffice('hq', { licenses: { ai_meetings: 1 } }), liveOffice('nyc')] });
    expect(codes(planOf(desired, live))).toEqual(['error:insufficient_licenses']);
  });
});

describe('suspended users and licenses (issue 13 #7)', () => {
  /** HQ: 2 Talk licenses, none unassigned, held by Ann (active) and Bob (suspended) — Dialpad counting his as held. */
  const fullOffice = () => liveOffice('hq', { licenses: { talk: 2 }, available: { talk: 0 } });

  it('needs an unassigned license to reactivate a suspended user (issue 13 #7)', () => {
    const desired = desiredState({ users: [user('ann@acme.com'), user('bob@acme.com')] });
    const live = liveState({ offices: [fullOffice()], users: [liveUser('ann@acme.com'), liveUser('bob@acme.com', { state: 'suspended' })] });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['reactivate_user bob@acme.com']);
    expect(codes(plan)).toEqual(['error:insufficient_licenses']);
    expect(plan.violations[0]?.message).toContain('reactivate user bob@acme.com (a suspended user may hold no license): Acme hq has no unassigned Talk license');
  });

  it('reactivates once a deletion freed a line', () => {
    const desired = desiredState({ users: [user('bob@acme.com')], policy: { unmanagedUsers: 'delete' } });
    const live = liveState({ offices: [fullOffice()], users: [liveUser('ann@acme.com'), liveUser('bob@acme.com', { state: 'suspended' })] });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['delete_user ann@acme.com', 'reactivate_user bob@acme.com']);
    expect(codes(plan)).toEqual([]);
  });

  it('counts no line as freed by deleting a suspended user (issue 13 #7)', () => {
    const desired = desiredState({ users: [user('ann@acme.com'), user('cy@acme.com')], policy: { unmanagedUsers: 'delete' } });
    const live = liveState({ offices: [fullOffice()], users: [liveUser('ann@acme.com'), liveUser('bob@acme.com', { state: 'suspended' })] });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['delete_user bob@acme.com', 'create_user cy@acme.com']);
    expect(codes(plan)).toEqual(['error:insufficient_licenses']);
  });

  it('counts no line as freed by a suspension', () => {
    const desired = desiredState({ users: [user('ann@acme.com'), user('bob@acme.com', { state: 'suspended' }), user('cy@acme.com')] });
    const live = liveState({ offices: [fullOffice()], users: [liveUser('ann@acme.com'), liveUser('bob@acme.com')] });
    expect(codes(planOf(desired, live))).toEqual(['error:insufficient_licenses']);
  });
});
