import { describe, expect, it } from 'vitest';
import { codes, desiredState, heldNumber, liveOffice, liveState, liveUser, office, planOf, user } from '../../support/builders.js';

describe('country_change_requires_ack', () => {
  const offices = [office('hq'), office('ldn', { name: 'Acme London', country: 'GB' })];
  const live = liveState({
    offices: [liveOffice('hq', { name: 'Acme HQ', licenses: { talk: 1 } }), liveOffice('ldn', { name: 'Acme London', country: 'GB', licenses: { talk: 1 } })],
    users: [liveUser('ada@acme.com')],
    numbers: [heldNumber('+14155550123', 'ada@acme.com'), heldNumber('+18035550100', 'ada@acme.com')],
  });

  it('blocks a cross-country move without allow_number_change, naming the numbers and the way out', () => {
    const plan = planOf(desiredState({ offices, users: [user('ada@acme.com', { office: 'ldn', source: 'users/eng.yaml:14' })] }), live);
    expect(codes(plan)).toEqual(['error:country_change_requires_ack']);
    const message = plan.violations[0]?.message ?? '';
    expect(message).toContain('(US) → Acme London (GB) changes country');
    expect(message).toContain('their numbers +14155550123, +18035550100 go to the reserved pool, and they get a new GB number Dialpad provisions');
    expect(message).toContain('allow_number_change: true');
    expect(message).toContain('users/eng.yaml:14');
  });

  it('accepts it with allow_number_change, pooling every number when not all are internal (issue 13 #1)', () => {
    const plan = planOf(desiredState({ offices, users: [user('ada@acme.com', { office: 'ldn', allowNumberChange: true })] }), live);
    expect(codes(plan)).toEqual([]);
    const move = plan.operations[0];
    expect(move?.kind).toBe('move_user');
    if (move?.kind !== 'move_user') return;
    expect(move.numbers_to_pool).toEqual(['+14155550123', '+18035550100']);
    expect(move.via).toBe('office_id');
    expect(move.new_number).toEqual({ country: 'GB', excluding: [] });
    expect(move.reversible).toBe('no');
    expect(move.notes.join(' ')).toContain('then holds a new GB number Dialpad provisions');
    expect(plan.pool).toEqual([
      { number: '+14155550123', direction: 'in', user: 'ada@acme.com', office: 'hq', operation_id: 'op-1' },
      { number: '+18035550100', direction: 'in', user: 'ada@acme.com', office: 'hq', operation_id: 'op-1' },
    ]);
  });

  it('does not apply to a move within a country', () => {
    const plan = planOf(
      desiredState({ offices: [office('hq'), office('sf')], users: [user('ada@acme.com', { office: 'sf' })] }),
      liveState({ offices: [liveOffice('hq'), liveOffice('sf', { licenses: { talk: 1 } })], users: [liveUser('ada@acme.com')] }),
    );
    expect(codes(plan)).toEqual([]);
    expect(plan.operations[0]?.kind === 'move_user' && plan.operations[0].numbers_to_pool).toEqual([]);
  });
});
