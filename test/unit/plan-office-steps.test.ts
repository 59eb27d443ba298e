/**
 * Differences only a person can make in Dialpad are manual steps, never silence (issue 24): an
 * office renamed in config, a license count no transfer reaches.
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/render/text.js';
import { codes, desiredState, liveOffice, liveState, liveUser, office, planOf, steps, user } from '../support/builders.js';

describe('office manual steps', () => {
  it('an office pinned by id and renamed in config is a rename_office step naming its live name; other steps name it as Dialpad does', () => {
    const plan = planOf(
      desiredState({ offices: [office('hq', { id: 'id-hq', name: 'Acme Headquarters', licenses: { talk: 1 } }), office('ny', { name: 'Acme NY', licenses: { talk: 3 } })] }),
      liveState({ offices: [liveOffice('hq', { name: 'Acme HQ', licenses: { talk: 2 } }), liveOffice('ny', { name: 'Acme NY', licenses: { talk: 2 } })] }),
    );
    expect(steps(plan)).toEqual(['transfer_licenses 1 talk hq->ny', 'rename_office hq']);
    const rename = plan.operations.find((op) => op.kind === 'rename_office');
    expect(rename).toMatchObject({ manual: true, target: { key: 'hq', id: 'id-hq', name: 'Acme HQ' }, name: 'Acme Headquarters', step: { id: 'rename_office:hq', verified_by: 'api', state: 'pending' } });
    expect(rename?.notes.join(' ')).toContain('Admin Settings › Offices › Acme HQ › Office settings');
    // The transfer names the office a person finds in Dialpad now.
    expect(plan.operations[0]?.summary).toBe('transfer 1 Talk license from Acme HQ to Acme NY (manual)');
    expect(plan.summary).toMatchObject({ update: 1, manual: 2, blocked: false });
    expect(renderText(plan, { color: false })).not.toContain('No changes');
  });

  it('a name that differs only in case or spacing is the same office name (as offices match): no step', () => {
    const plan = planOf(desiredState({ offices: [office('hq', { id: 'id-hq', name: ' Acme hq ' })] }), liveState({ offices: [liveOffice('hq', { name: 'ACME HQ' })] }));
    expect(plan.operations).toEqual([]);
  });

  it('a license count no transfer reaches is a buy_licenses step, verified by the purchased count, that claims wait for', () => {
    const plan = planOf(desiredState({ offices: [office('hq', { licenses: { talk: 4 } })] }), liveState({ offices: [liveOffice('hq', { licenses: { talk: 2 } })] }));
    expect(steps(plan)).toEqual(['buy_licenses hq']);
    expect(plan.operations[0]).toMatchObject({ kind: 'buy_licenses', line: 'talk', count: 2, purchased_after: 4, manual: true, step: { id: 'buy_licenses:talk:hq', verified_by: 'api' } });
    expect(plan.violations).toEqual([]);
    expect(plan.summary.manual).toBe(1);
  });

  it('licenses more than config asks for that no office takes are a cancel_licenses step (issue 24: surplus counts), verified by the purchased count', () => {
    const plan = planOf(desiredState({ offices: [office('hq', { licenses: { talk: 10 } })] }), liveState({ offices: [liveOffice('hq', { licenses: { talk: 12 } })] }));
    expect(steps(plan)).toEqual(['cancel_licenses hq']);
    expect(plan.operations[0]).toMatchObject({ kind: 'cancel_licenses', line: 'talk', count: 2, purchased_after: 10, manual: true, step: { id: 'cancel_licenses:talk:hq', verified_by: 'api' } });
    expect(plan.operations[0]?.summary).toBe('cancel 2 Talk licenses of Acme hq (manual: billing)');
    expect(plan.violations).toEqual([]);
    expect(plan.summary).toMatchObject({ manual: 1, blocked: false });
  });

  it('a cancellation takes only unassigned licenses: users holding the surplus block it with insufficient_licenses', () => {
    const users = ['a', 'b', 'c'].map((n) => user(`${n}@acme.com`));
    const plan = planOf(desiredState({ offices: [office('hq', { licenses: { talk: 2 } })], users }), liveState({ offices: [liveOffice('hq', { licenses: { talk: 3 } })], users: users.map((u) => liveUser(u.email)) }));
    expect(steps(plan)).toEqual(['cancel_licenses hq']);
    expect(codes(plan)).toEqual(['error:insufficient_licenses']);
    expect(plan.violations[0]?.message).toContain('only unassigned licenses can be cancelled');
  });

  it('the fingerprint covers a cancellation and a plan tier change: another count or tier is another plan to review', () => {
    const surplus = (have: number) =>
      planOf(desiredState({ offices: [office('hq', { licenses: { talk: 10 } })] }), liveState({ offices: [liveOffice('hq', { licenses: { talk: have } })] })).fingerprint;
    expect(surplus(12)).not.toBe(surplus(13));
    const tier = (asserted: 'pro' | 'enterprise') => {
      const desired = desiredState({ offices: [office('hq')] });
      return planOf({ ...desired, tenant: { ...desired.tenant, company: { accountType: asserted } } }, liveState({ accountType: 'standard', offices: [liveOffice('hq')] })).fingerprint;
    };
    expect(tier('pro')).not.toBe(tier('enterprise'));
  });
});

