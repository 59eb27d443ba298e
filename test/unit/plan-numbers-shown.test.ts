import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/render/text.js';
import { desiredState, heldNumber, liveOffice, liveState, liveUser, office, planOf, poolNumber, user } from '../support/builders.js';

describe('how a change of numbers is shown', () => {
  it('issue 27 #10: a second number reads as added beside the first, which stays (not "(none) → +353…")', () => {
    const desired = desiredState({
      offices: [office('dub', { name: 'Acme Dublin', country: 'IE' })],
      users: [user('ada@acme.com', { office: 'dub', numbers: ['+353850123457', '+353850123458'] })],
    });
    const live = liveState({
      offices: [liveOffice('dub', { name: 'Acme Dublin', country: 'IE', available: { additional_numbers: 1 } })],
      users: [liveUser('ada@acme.com', { office: 'dub' })],
      numbers: [heldNumber('+353850123457', 'ada@acme.com', 'dub'), poolNumber('+353850123458', 'dub')],
    });
    const plan = planOf(desired, live);
    const assign = plan.operations.find((op) => op.kind === 'assign_number');
    expect(assign?.changes).toEqual([{ field: 'numbers', from: ['+353850123457'], to: ['+353850123457', '+353850123458'] }]);
    const text = renderText(plan, { color: false });
    expect(text).toContain('numbers: +353850123457 → +353850123457, +353850123458');
    expect(text).not.toContain('numbers: (none) → +353850123458');
  });

  it('an unassign reads as the list without the number', () => {
    const desired = desiredState({ offices: [office('hq')], users: [user('ada@acme.com', { numbers: ['+14155550101'] })] });
    const live = liveState({
      offices: [liveOffice('hq')],
      users: [liveUser('ada@acme.com')],
      numbers: [heldNumber('+14155550101', 'ada@acme.com'), heldNumber('+14155550102', 'ada@acme.com')],
    });
    const unassign = planOf(desired, live).operations.find((op) => op.kind === 'unassign_number');
    expect(unassign?.changes).toEqual([{ field: 'numbers', from: ['+14155550101', '+14155550102'], to: ['+14155550101'] }]);
  });
});

describe('additional-number lines', () => {
  const live = (additional: number) =>
    liveState({
      offices: [liveOffice('hq', { available: { additional_numbers: additional } })],
      users: [liveUser('ada@acme.com')],
      numbers: [heldNumber('+14155550101', 'ada@acme.com'), poolNumber('+14155550150')],
    });
  const desired = desiredState({ offices: [office('hq')], users: [user('ada@acme.com', { numbers: ['+14155550101', '+14155550150'] })] });

  it('issue 27 #1: a second number needs a free additional-number line of the office (insufficient_licenses otherwise)', () => {
    const plan = planOf(desired, live(0));
    expect(plan.violations.map((v) => v.code)).toEqual(['insufficient_licenses']);
    expect(plan.violations[0]?.message).toContain('assign_number +14155550150 to ada@acme.com, beside +14155550101: Acme hq has no unassigned Additional number license');
  });

  it('plans it when one is free', () => {
    expect(planOf(desired, live(1)).violations).toEqual([]);
  });
});
