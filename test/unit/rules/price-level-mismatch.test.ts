import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveOffice, liveState, liveUser, office, planOf, steps, user } from '../../support/builders.js';

describe('price_level_mismatch', () => {
  it('blocks a license transfer between offices of different price levels', () => {
    const desired = desiredState({
      offices: [office('hq', { priceLevel: 'premium', licenses: { talk: 8 } }), office('ldn', { country: 'GB', priceLevel: 'standard', licenses: { talk: 2 } })],
    });
    const live = liveState({ offices: [liveOffice('hq', { licenses: { talk: 10 } }), liveOffice('ldn', { country: 'GB', licenses: { talk: 0 } })] });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['transfer_licenses 2 talk hq->ldn']);
    expect(codes(plan)).toEqual(['error:price_level_mismatch']);
    expect(plan.violations[0]?.message).toMatch(/Acme hq is at price level premium and Acme ldn at standard/);
    expect(plan.summary.blocked).toBe(true);
  });

  it('takes licenses from an office at the same price level first', () => {
    const desired = desiredState({
      offices: [
        office('a', { priceLevel: 'standard', licenses: { talk: 0 } }),
        office('b', { priceLevel: 'premium', licenses: { talk: 0 } }),
        office('c', { priceLevel: 'premium', licenses: { talk: 2 } }),
      ],
    });
    const live = liveState({ offices: ['a', 'b', 'c'].map((k) => liveOffice(k, { licenses: { talk: k === 'c' ? 0 : 2 } })) });
    const plan = planOf(desired, live);
    expect(steps(plan).filter((s) => s.startsWith('transfer_licenses'))).toEqual(['transfer_licenses 2 talk b->c']);
    expect(steps(plan).filter((s) => !s.startsWith('transfer_licenses'))).toEqual(['cancel_licenses a']);
    expect(codes(plan)).toEqual([]);
  });

  it('a domestic move across price levels is blocked like an international one, citing the article (issue 27 #18)', () => {
    const desired = desiredState({
      offices: [office('hq', { priceLevel: 'premium' }), office('sf', { priceLevel: 'standard' }), office('ldn', { country: 'GB', priceLevel: 'standard' })],
      users: [user('a@acme.com', { office: 'sf' }), user('b@acme.com', { office: 'ldn', allowNumberChange: true })],
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 2 } }), liveOffice('sf', { licenses: { talk: 1 } }), liveOffice('ldn', { country: 'GB', licenses: { talk: 1 } })],
      users: [liveUser('a@acme.com'), liveUser('b@acme.com')],
    });
    const plan = planOf(desired, live);
    const idOf = (email: string) => plan.operations.find((o) => o.target.type === 'user' && o.target.email === email)?.id;
    expect(codes(plan)).toEqual(['error:price_level_mismatch', 'error:price_level_mismatch']);
    const byOp = new Map(plan.violations.map((v) => [v.operation_ids[0], v.message]));
    expect(byOp.get(idOf('a@acme.com'))).toContain('"users can be transferred to different Offices on the same pricing plan"');
    expect(byOp.get(idOf('b@acme.com'))).toContain('"Transferring users internationally is only possible if the two offices are on the same price level"');
  });

  it('lets a domestic move within one price level through', () => {
    const desired = desiredState({ offices: [office('hq'), office('sf')], users: [user('a@acme.com', { office: 'sf' })] });
    const live = liveState({ offices: [liveOffice('hq', { licenses: { talk: 1 } }), liveOffice('sf', { licenses: { talk: 1 } })], users: [liveUser('a@acme.com')] });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['move_user a@acme.com']);
    expect(codes(plan)).toEqual([]);
  });
});
