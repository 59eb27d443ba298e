/**
 * Issue 26 item 11: Dialpad's `Date` decides "today" for lifecycle dates only within a day of this
 * machine's clock, or once the config acknowledges the date it shows.
 */
import { describe, expect, it } from 'vitest';
import { diffTenant } from '../../src/diff/index.js';
import { checkDialpadClock, describeClockSkew } from '../../src/model/dialpad-clock.js';
import type { DesiredState, LiveState } from '../../src/model/tenant.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { desiredState, liveState, liveUser, NOW, steps, user } from '../support/builders.js';

/** diff + plan as the pipeline runs them, with this machine's clock at NOW. */
const planOf = (desired: DesiredState, live: LiveState) =>
  buildPlan({ desired, live, changes: diffTenant(desired, live, NOW), now: NOW, configDigest: 'sha256:config', liveDigest: 'sha256:live' });

// builders plan at NOW = 2026-11-26T18:00Z (this machine's clock).
const FOUR_YEARS_AHEAD = '2030-11-26T08:00:00Z';
const at = (readAt: string, users = [liveUser('alan@acme.com'), liveUser('bea@acme.com')]) => ({ ...liveState({ users }), readAt });
const dated = [user('alan@acme.com', { leavesOn: '2027-03-01' }), user('bea@acme.com', { leavesOn: '2028-01-15' }), user('kim@acme.com', { startsOn: '2029-01-01' })];

describe('Dialpad clock far from this machine (issue 26 item 11)', () => {
  it('a Date header four years ahead plans no suspension, creation or schedule, and says so', () => {
    const desired = desiredState({ users: dated, policy: { deleteAfterDays: 30 } });
    const plan = planOf(desired, at(FOUR_YEARS_AHEAD));
    expect(steps(plan)).toEqual([]);
    expect(plan.scheduled).toBeUndefined();
    const skew = checkDialpadClock(desired, at(FOUR_YEARS_AHEAD), NOW);
    expect(skew).toMatchObject({ dialpadDate: '2030-11-26', days: 1460, acknowledged: false });
    expect(describeClockSkew(skew!)).toMatch(/not acted on.*policy\.dialpad_clock_acknowledged: "2030-11-26"/);
  });

  it('acts on Dialpad’s clock once the config acknowledges the date it shows, and not for another date', () => {
    const acknowledged = desiredState({ users: dated, policy: { dialpadClockAcknowledged: '2030-11-26' } });
    expect(steps(planOf(acknowledged, at(FOUR_YEARS_AHEAD)))).toEqual(['create_user kim@acme.com', 'suspend_user alan@acme.com', 'suspend_user bea@acme.com']);
    const stale = desiredState({ users: dated, policy: { dialpadClockAcknowledged: '2030-11-20' } });
    expect(steps(planOf(stale, at(FOUR_YEARS_AHEAD)))).toEqual([]);
  });

  it('within a day, Dialpad’s clock decides as before, and users without dates are planned as usual', () => {
    const desired = desiredState({ users: [user('alan@acme.com', { leavesOn: '2026-11-27' }), user('bea@acme.com'), user('new@acme.com')] });
    expect(steps(planOf(desired, at('2026-11-27T08:00:00Z')))).toEqual(['create_user new@acme.com', 'suspend_user alan@acme.com']);
    expect(steps(planOf(desired, at(FOUR_YEARS_AHEAD)))).toEqual(['create_user new@acme.com']);
  });
});
