/**
 * Dated joiners and leavers (docs/lifecycle.md): `starts_on`, `leaves_on` and
 * `policy.delete_after_days`, judged by Dialpad's clock (the live read's `Date`) in `policy.time_zone`.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { addDays, formatDateIn, isCalendarDate } from '../../src/model/lifecycle-dates.js';
import { desiredState, liveState, liveUser, planOf, steps, user } from '../support/builders.js';
import { problemsOf, useTempCwd, writeTree } from '../support/config-files.js';

useTempCwd();

const at = (readAt: string, users = [liveUser('alan@acme.com')]) => ({ ...liveState({ users }), readAt });

describe('dated joiners and leavers (issue 18 #3)', () => {
  it('reads today in policy.time_zone: 23:30 UTC is already tomorrow in Berlin (issue 18 #3)', () => {
    const joiner = user('kj@acme.com', { startsOn: '2026-11-27' });
    expect(steps(planOf(desiredState({ users: [joiner] }), at('2026-11-26T23:30:00Z', [])))).toEqual([]);
    expect(steps(planOf(desiredState({ users: [joiner], policy: { timeZone: 'Europe/Berlin' } }), at('2026-11-26T23:30:00Z', [])))).toEqual(['create_user kj@acme.com']);
  });

  it('uses Dialpad clock, not the planning machine (issue 18 #3)', () => {
    // builders plan at 2026-11-26T18:00Z; Dialpad says it is the 30th.
    const leaver = user('alan@acme.com', { leavesOn: '2026-11-30' });
    expect(steps(planOf(desiredState({ users: [leaver] }), at('2026-11-30T08:00:00Z')))).toEqual(['suspend_user alan@acme.com']);
  });

  it('without delete_after_days a leaver stays suspended and no deletion is scheduled (issue 18 #3)', () => {
    const plan = planOf(desiredState({ users: [user('alan@acme.com', { leavesOn: '2026-01-01' })] }), at('2026-11-26T08:00:00Z'));
    expect(steps(plan)).toEqual(['suspend_user alan@acme.com']);
    expect(plan.scheduled).toBeUndefined();
  });

  it('schedules the suspension and the deletion of a future leaver (issue 18 #3)', () => {
    const plan = planOf(
      desiredState({ users: [user('alan@acme.com', { leavesOn: '2026-12-15' })], policy: { deleteAfterDays: 30 } }),
      at('2026-11-26T08:00:00Z'),
    );
    expect(steps(plan)).toEqual([]);
    expect(plan.scheduled?.map((s) => `${s.action} ${s.on}`)).toEqual(['suspend 2026-12-15', 'delete 2027-01-14']);
  });

  it('an explicit state: deleted wins over the dates; a joiner who already has an account is kept (issue 18 #3)', () => {
    const desired = desiredState({ users: [user('alan@acme.com', { startsOn: '2027-01-01' }), user('bob@acme.com', { state: 'deleted', leavesOn: '2027-01-01' })] });
    const plan = planOf(desired, at('2026-11-26T08:00:00Z', [liveUser('alan@acme.com'), liveUser('bob@acme.com')]));
    expect(steps(plan)).toEqual(['delete_user bob@acme.com']);
  });

  it('date helpers: calendar dates, adding days across months, a date in a zone (issue 18 #3)', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(formatDateIn(new Date('2026-11-26T23:30:00Z'), 'America/New_York')).toBe('2026-11-26');
  });

  it('refuses a bad date, a leaver before starting and an unknown time zone, at file:line:col (issue 18 #3)', async () => {
    writeTree('.', {
      'c.yaml': [
        'version: 1',
        'policy: { time_zone: Mars/Olympus }',
        'offices: { hq: { name: HQ, country: US } }',
        'users:',
        '  - { email: a@acme.com, first_name: A, last_name: B, office: hq, starts_on: "2026-02-30" }',
        '  - { email: c@acme.com, first_name: C, last_name: D, office: hq, starts_on: "2026-12-01", leaves_on: "2026-11-01" }',
        '',
      ].join('\n'),
    });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual([
      'c.yaml:2:22: policy.time_zone "Mars/Olympus" is not a tz database time zone (e.g. UTC, Europe/London, America/New_York)',
      'c.yaml:5:78: users[0].starts_on "2026-02-30" is not a calendar date (YYYY-MM-DD)',
      'c.yaml:6:103: users[1].leaves_on 2026-11-01 is before starts_on 2026-12-01',
    ]);
  });
});
