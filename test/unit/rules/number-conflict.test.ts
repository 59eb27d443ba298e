import { describe, expect, it } from 'vitest';
import { codes, desiredState, heldNumber, liveOffice, liveState, liveUser, office, planOf, poolNumber, user } from '../../support/builders.js';

describe('number_conflict', () => {
  it('flags a number wanted by two users', () => {
    const desired = desiredState({
      users: [user('a@acme.com', { numbers: ['+14155550001'], source: 'u.yaml:1' }), user('b@acme.com', { numbers: ['+14155550001'], source: 'u.yaml:2' })],
    });
    const plan = planOf(desired, liveState({ users: [liveUser('a@acme.com'), liveUser('b@acme.com')], numbers: [poolNumber('+14155550001')] }));
    expect(codes(plan)).toContain('error:number_conflict');
    expect(plan.violations[0]?.message).toBe(
      '+14155550001 is wanted by a@acme.com (u.yaml:1) and b@acme.com (u.yaml:2); a number has one owner. Keep it in one place in config.',
    );
  });

  it('flags a user number that reserved_numbers.keep also holds', () => {
    const desired = desiredState({ users: [user('a@acme.com', { numbers: ['+14155550001'] })], reserved: { keep: ['+14155550001'] } });
    const plan = planOf(desired, liveState({ users: [liveUser('a@acme.com')], numbers: [heldNumber('+14155550001', 'a@acme.com')] }));
    expect(codes(plan)).toEqual(['error:number_conflict']);
    expect(plan.violations[0]?.message).toContain('reserved_numbers.keep');
  });

  it('flags a number outside the office country, but not +1 in Canada or +1803 internal numbers', () => {
    const desired = desiredState({
      offices: [office('ldn', { country: 'GB' }), office('to', { country: 'CA' })],
      users: [
        user('a@acme.com', { office: 'ldn', numbers: ['+14155550001', '+18031000001'] }),
        user('b@acme.com', { office: 'to', numbers: ['+14165550001'] }),
      ],
    });
    const live = liveState({
      offices: [liveOffice('ldn', { country: 'GB', licenses: { talk: 1 } }), liveOffice('to', { country: 'CA', licenses: { talk: 1 } })],
      users: [liveUser('a@acme.com', { office: 'ldn' }), liveUser('b@acme.com', { office: 'to' })],
      numbers: [heldNumber('+14155550001', 'a@acme.com', 'ldn'), heldNumber('+18031000001', 'a@acme.com', 'ldn'), heldNumber('+14165550001', 'b@acme.com', 'to')],
    });
    const plan = planOf(desired, live);
    expect(codes(plan)).toEqual(['error:number_conflict']);
    expect(plan.violations[0]?.message).toContain('+14155550001 for a@acme.com is a US number but their office Acme ldn is in GB');
  });

  it('flags a Toronto pool number for a Seattle (US) user, and accepts it for a Toronto user (issue 13 #3)', () => {
    const offices = [office('sea', { country: 'US' }), office('tor', { country: 'CA' })];
    const liveOffices = [liveOffice('sea', { country: 'US', licenses: { talk: 2 } }), liveOffice('tor', { country: 'CA', licenses: { talk: 2 } })];
    const live = liveState({
      offices: liveOffices,
      users: [liveUser('a@acme.com', { office: 'sea' }), liveUser('b@acme.com', { office: 'tor' })],
      numbers: [poolNumber('+14165550123', 'tor')],
    });
    const onSeattle = planOf(desiredState({ offices, users: [user('a@acme.com', { office: 'sea', numbers: ['+14165550123'] }), user('b@acme.com', { office: 'tor' })] }), live);
    expect(codes(onSeattle)).toEqual(['error:number_conflict']);
    expect(onSeattle.violations[0]?.message).toContain('+14165550123 for a@acme.com is a CA number but their office Acme sea is in US');
    const onToronto = planOf(desiredState({ offices, users: [user('a@acme.com', { office: 'sea' }), user('b@acme.com', { office: 'tor', numbers: ['+14165550123'] })] }), live);
    expect(codes(onToronto)).toEqual([]);
  });

  it('judges a pool number by the country of the office Dialpad lists it under (issue 13 #3)', () => {
    // +14155550199 reads as a US number, but Dialpad keeps it under the Toronto office.
    const offices = [office('sea', { country: 'US' }), office('tor', { country: 'CA' })];
    const live = liveState({
      offices: [liveOffice('sea', { country: 'US', licenses: { talk: 1 } }), liveOffice('tor', { country: 'CA', licenses: { talk: 1 } })],
      users: [liveUser('a@acme.com', { office: 'sea' })],
      numbers: [poolNumber('+14155550199', 'tor')],
    });
    const plan = planOf(desiredState({ offices, users: [user('a@acme.com', { office: 'sea', numbers: ['+14155550199'] })] }), live);
    expect(plan.violations.map((v) => v.message).join('\n')).toContain('+14155550199 for a@acme.com is a CA number');
  });

  it('flags a user moved from Toronto to Seattle who keeps their Toronto number (issue 13 #3)', () => {
    const offices = [office('sea', { country: 'US' }), office('tor', { country: 'CA' })];
    const live = liveState({
      offices: [liveOffice('sea', { country: 'US', licenses: { talk: 1 } }), liveOffice('tor', { country: 'CA', licenses: { talk: 1 } })],
      users: [liveUser('a@acme.com', { office: 'tor' })],
      numbers: [heldNumber('+14165550123', 'a@acme.com', 'tor')],
    });
    const plan = planOf(desiredState({ offices, users: [user('a@acme.com', { office: 'sea', numbers: ['+14165550123'], allowNumberChange: true })] }), live);
    expect(codes(plan)).toContain('error:number_conflict');
  });

  it('explains an assign blocked because the holder\'s numbers are not managed', () => {
    const desired = desiredState({ users: [user('a@acme.com'), user('b@acme.com', { numbers: ['+14155550001'] })] });
    const live = liveState({ users: [liveUser('a@acme.com'), liveUser('b@acme.com')], numbers: [heldNumber('+14155550001', 'a@acme.com')] });
    const plan = planOf(desired, live);
    expect(codes(plan)).toEqual(['error:number_conflict']);
    expect(plan.violations[0]?.message).toContain('a@acme.com holds it and their entry has no numbers: list');
    expect(plan.violations[0]?.message).toContain("Add numbers: to a@acme.com's entry without it");
    expect(plan.summary.blocked).toBe(true);
  });

  it('explains an assign blocked because the holder is not in config', () => {
    const desired = desiredState({ users: [user('b@acme.com', { numbers: ['+14155550001'] })] });
    const live = liveState({ users: [liveUser('a@acme.com'), liveUser('b@acme.com')], numbers: [heldNumber('+14155550001', 'a@acme.com')] });
    const plan = planOf(desired, live);
    expect(codes(plan)).toEqual(['error:number_conflict']);
    expect(plan.violations[0]?.message).toContain('a@acme.com holds it and is not in config (policy.unmanaged_users is ignore)');
    expect(plan.violations[0]?.message).toContain('Add a@acme.com to config with numbers: that leave it out');
  });

  it('says "an IE number", not "a IE number" (issue 14 #8)', () => {
    // A pool number is judged by its office's country (issue 13 #3), so it sits in the Dublin office's pool.
    const offices = [office('hq', { country: 'US' }), office('dub', { country: 'IE' })];
    const liveOffices = [liveOffice('hq', { country: 'US', licenses: { talk: 2 } }), liveOffice('dub', { country: 'IE', licenses: { talk: 2 } })];
    const desired = desiredState({ offices, users: [user('a@acme.com', { numbers: ['+35315550001'] })] });
    const plan = planOf(desired, liveState({ offices: liveOffices, users: [liveUser('a@acme.com')], numbers: [poolNumber('+35315550001', 'dub')] }));
    expect(plan.violations[0]?.message).toContain('+35315550001 for a@acme.com is an IE number but');
  });

  it('does not tell to unassign a number nobody holds from "its holder" (issue 14 #8)', () => {
    const desired = desiredState({ users: [user('a@acme.com', { numbers: ['+14155550009'] })] });
    const plan = planOf(desired, liveState({ users: [liveUser('a@acme.com')] }));
    const message = plan.violations.find((v) => v.code === 'number_conflict')?.message ?? '';
    expect(message).not.toContain('holder');
    expect(message).toContain('No user holds it: it is not a number of this company, or it belongs to an office, department or call center.');
  });

  it('cites docs/rules.md, never dialpad-api.md, a file users do not have (issue 14 #8)', () => {
    const desired = desiredState({ users: [user('a@acme.com', { numbers: ['+14155550009'] }), user('b@acme.com', { numbers: undefined })] });
    const plan = planOf(desired, liveState({ users: [liveUser('a@acme.com'), liveUser('b@acme.com')], numbers: [heldNumber('+14155550009', 'b@acme.com')] }));
    const messages = plan.violations.map((v) => v.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).not.toContain('dialpad-api.md');
    expect(messages.join('\n')).toContain('see number_conflict in docs/rules.md');
  });
});
