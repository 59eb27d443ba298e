import { describe, expect, it } from 'vitest';
import { codes, desiredState, liveOffice, liveState, office, planOf } from '../../support/builders.js';

describe('office_country_mismatch', () => {
  it('blocks a plan whose config gives an office another country than Dialpad does, naming both and the way out', () => {
    const desired = desiredState({ offices: [office('hq'), office('london', { country: 'GB', source: 'dialform.yaml:7' })], users: [] });
    const live = liveState({ offices: [liveOffice('hq'), liveOffice('london', { country: 'IE', name: 'Acme london' })], users: [] });
    const plan = planOf(desired, live);
    expect(codes(plan)).toEqual(['error:office_country_mismatch']);
    expect(plan.summary.blocked).toBe(true);
    const message = plan.violations[0]?.message ?? '';
    expect(message).toContain('Office london (Acme london) has country GB in config (dialform.yaml:7), but Dialpad gives it IE');
    expect(message).toContain('set offices.london.country to IE');
  });

  it('is silent when the countries agree, or when Dialpad gives the office none', () => {
    const desired = desiredState({ offices: [office('hq')], users: [] });
    expect(codes(planOf(desired, liveState({ offices: [liveOffice('hq')], users: [] })))).toEqual([]);
    expect(codes(planOf(desired, liveState({ offices: [liveOffice('hq', { country: '' })], users: [] })))).toEqual([]);
  });
});
