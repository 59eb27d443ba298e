/**
 * The email lookups a plan's read makes (issue 26 #1): a sample of the users the plan would create,
 * looked up by `GET /users?email=` to catch a users list that ended early; none without creates.
 */
import { describe, expect, it } from 'vitest';
import { CREATE_LOOKUPS, choosePlanReads } from '../../src/plan/choose-live-reads.js';
import { desiredState, group, liveOffice, liveState, liveUser, office, user } from '../support/builders.js';

const HQ = liveOffice('id:hq', { id: 'hq', name: 'Acme hq', licenses: {} });

describe('email lookups of would-be creates (issue 26 #1)', () => {
  it('asks for no lookup when the plan creates no user', () => {
    const desired = desiredState({ offices: [office('hq')], users: [user('ada@acme.com')] });
    const live = liveState({ offices: [HQ], users: [liveUser('ada@acme.com', { office: 'id:hq' })] });
    expect(choosePlanReads(desired, live).emails).toBeUndefined();
  });

  it('looks up at most three would-be creates, spread over them in email order, and never a user read or an offboarded entry', () => {
    const hires = Array.from({ length: 10 }, (_, i) => `hire${String(i)}@acme.com`);
    const desired = desiredState({
      offices: [office('hq')],
      users: [user('ada@acme.com'), user('gone@acme.com', { state: 'deleted' }), ...hires.map((email) => user(email))],
    });
    const live = liveState({ offices: [HQ], users: [liveUser('ada@acme.com', { office: 'id:hq' })] });
    expect(CREATE_LOOKUPS).toBe(3);
    expect(choosePlanReads(desired, live).emails).toEqual(['hire0@acme.com', 'hire4@acme.com', 'hire9@acme.com']);
  });

  it('looks up by name at most three groups of each type the plan would create, never a matched or pinned one', () => {
    const teams = Array.from({ length: 5 }, (_, i) => group(`team${String(i)}`, 'department'));
    const desired = desiredState({
      offices: [office('hq')],
      groups: [...teams, group('sales', 'department'), group('pinned', 'department', { id: '999' }), group('support', 'call_center')],
    });
    const live = liveState({ offices: [HQ], groups: [{ key: 'department:501', type: 'department', id: '501', name: 'Sales', office: 'id:hq' }] });
    expect(choosePlanReads(desired, live).groupNames).toEqual([
      { type: 'department', name: 'Team0' },
      { type: 'department', name: 'Team2' },
      { type: 'department', name: 'Team4' },
      { type: 'call_center', name: 'Support' },
    ]);
  });
});
