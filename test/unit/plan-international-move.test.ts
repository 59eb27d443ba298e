import { describe, expect, it } from 'vitest';
import { codes, desiredState, heldNumber, liveOffice, liveState, liveUser, office, planOf, poolNumber, user } from '../support/builders.js';

const offices = [office('us', { name: 'Acme US', country: 'US' }), office('gb', { name: 'Acme GB', country: 'GB' })];
const liveOffices = (usTalk: number) => [
  liveOffice('us', { name: 'Acme US', country: 'US', licenses: { talk: usTalk } }),
  liveOffice('gb', { name: 'Acme GB', country: 'GB', licenses: { talk: 1 } }),
];
const live = (usTalk = 1) =>
  liveState({
    offices: liveOffices(usTalk),
    users: [liveUser('ada@acme.com', { office: 'gb' })],
    numbers: [heldNumber('+442071234567', 'ada@acme.com', 'gb'), poolNumber('+14155550199', 'us'), poolNumber('+14155550188', 'us')],
  });

describe('international move plans', () => {
  it('moves through office_id and names a spare pool number, never a kept one (issue 13 #1, issue 27 #1)', () => {
    const desired = desiredState({
      offices,
      users: [user('ada@acme.com', { office: 'us', allowNumberChange: true })],
      reserved: { keep: ['+14155550199'] },
    });
    const plan = planOf(desired, live());
    expect(codes(plan)).toEqual([]);
    const move = plan.operations[0];
    if (move?.kind !== 'move_user') throw new Error('expected a move');
    expect(move.via).toBe('office_id');
    expect(move.numbers_to_pool).toEqual(['+442071234567']);
    expect(move.new_number).toEqual({ country: 'US', number: '+14155550188', excluding: ['+14155550199'] });
    expect(plan.pool).toEqual([
      { number: '+442071234567', direction: 'in', user: 'ada@acme.com', office: 'gb', operation_id: 'op-1' },
      { number: '+14155550188', direction: 'out', user: 'ada@acme.com', office: 'us', operation_id: 'op-1' },
    ]);
  });

  it('issue 27 #1: blocks with no_safe_new_number when every pool number of the destination country is kept, naming them and the way out', () => {
    const desired = desiredState({
      offices,
      users: [user('ada@acme.com', { office: 'us', allowNumberChange: true })],
      reserved: { keep: ['+14155550188', '+14155550199'] },
    });
    const plan = planOf(desired, live());
    expect(codes(plan)).toEqual(['error:no_safe_new_number']);
    const move = plan.operations[0];
    if (move?.kind !== 'move_user') throw new Error('expected a move');
    expect(move.new_number).toEqual({ country: 'US', excluding: ['+14155550188', '+14155550199'] });
    const message = plan.violations[0]?.message ?? '';
    expect(message).toContain('+14155550188, +14155550199');
    expect(message).toContain('numbers: in their entry');
  });

  it('issue 27 #1: lets Dialpad provision a number only when the pool holds no number of the destination country', () => {
    const desired = desiredState({ offices, users: [user('ada@acme.com', { office: 'us', allowNumberChange: true })] });
    const plan = planOf(
      desired,
      liveState({ offices: liveOffices(1), users: [liveUser('ada@acme.com', { office: 'gb' })], numbers: [heldNumber('+442071234567', 'ada@acme.com', 'gb')] }),
    );
    expect(codes(plan)).toEqual([]);
    const move = plan.operations[0];
    if (move?.kind !== 'move_user') throw new Error('expected a move');
    expect(move.new_number).toEqual({ country: 'US', excluding: [] });
  });

  it('issue 27 #1: two users moved to one country get two different spare pool numbers', () => {
    const desired = desiredState({
      offices,
      users: [user('ada@acme.com', { office: 'us', allowNumberChange: true }), user('bob@acme.com', { office: 'us', allowNumberChange: true })],
    });
    const plan = planOf(
      desired,
      liveState({
        offices: liveOffices(2),
        users: [liveUser('ada@acme.com', { office: 'gb' }), liveUser('bob@acme.com', { office: 'gb' })],
        numbers: [heldNumber('+442071234567', 'ada@acme.com', 'gb'), heldNumber('+442071234568', 'bob@acme.com', 'gb'), poolNumber('+14155550199', 'us'), poolNumber('+14155550188', 'us')],
      }),
    );
    expect(codes(plan)).toEqual([]);
    const picked = plan.operations.flatMap((op) => (op.kind === 'move_user' ? [op.new_number?.number] : []));
    expect(picked.sort()).toEqual(['+14155550188', '+14155550199']);
  });

  it('assigns a named pool number after the move and lets Dialpad choose none (issue 13 #2)', () => {
    const desired = desiredState({ offices, users: [user('ada@acme.com', { office: 'us', allowNumberChange: true, numbers: ['+14155550188'] })] });
    const plan = planOf(desired, live());
    expect(codes(plan)).toEqual([]);
    expect(plan.operations.map((op) => `${op.id} ${op.kind} after:${op.after.join(',')}`)).toEqual(['op-1 move_user after:', 'op-2 assign_number after:op-1']);
    const move = plan.operations[0];
    if (move?.kind !== 'move_user') throw new Error('expected a move');
    expect(move.via).toBe('office_id');
    expect(move.new_number).toBeUndefined();
    expect(move.notes.join(' ')).toContain('then holds exactly what config lists: +14155550188');
  });

  it('lists an assign after the blocked move it depends on, blocked by the same cause (issue 13 #5)', () => {
    const desired = desiredState({ offices, users: [user('ada@acme.com', { office: 'us', allowNumberChange: true, numbers: ['+14155550188'] })] });
    const plan = planOf(desired, live(0));
    expect(plan.summary.blocked).toBe(true);
    expect(plan.operations.map((op) => op.kind)).toEqual(['move_user', 'assign_number']);
    const assign = plan.violations.find((v) => v.operation_ids.includes('op-2'));
    expect(assign?.code).toBe('insufficient_licenses');
    expect(assign?.message).toContain('waits for op-1');
  });

  it('keeps a user who only has internal +1803 numbers on move_office, which keeps them (issue 13 #1)', () => {
    const desired = desiredState({ offices, users: [user('bob@acme.com', { office: 'gb', allowNumberChange: true })] });
    const plan = planOf(
      desired,
      liveState({ offices: liveOffices(1), users: [liveUser('bob@acme.com', { office: 'us' })], numbers: [heldNumber('+18031000100', 'bob@acme.com', 'us')] }),
    );
    const move = plan.operations[0];
    if (move?.kind !== 'move_user') throw new Error('expected a move');
    expect(move.via).toBe('move_office');
    expect(move.numbers_to_pool).toEqual([]);
    expect(move.new_number).toBeUndefined();
  });

  it('issue 27 #19: a user whose only number is a real +1 803 (South Carolina) number is not told Dialpad keeps it: it goes to the pool', () => {
    const desired = desiredState({ offices, users: [user('bob@acme.com', { office: 'gb', allowNumberChange: true })] });
    const plan = planOf(
      desired,
      liveState({ offices: liveOffices(1), users: [liveUser('bob@acme.com', { office: 'us' })], numbers: [heldNumber('+18035550100', 'bob@acme.com', 'us')] }),
    );
    const move = plan.operations[0];
    if (move?.kind !== 'move_user') throw new Error('expected a move');
    expect(move.via).toBe('office_id');
    expect(move.numbers_to_pool).toEqual(['+18035550100']);
    expect(move.notes.join(' ')).not.toMatch(/keeps|internal/);
  });
});
