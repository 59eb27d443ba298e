import { describe, expect, it } from 'vitest';
import { buildStatus } from '../../src/status/build-status.js';
import { joinHistory, readJournalHistory } from '../../src/status/history.js';
import { renderStatusText } from '../../src/status/render-status.js';
import { desiredState, heldNumber, liveState, liveUser, NOW, planOf, poolNumber, user } from '../support/builders.js';

const admin = { company: true, offices: [] };
const live = liveState({
  users: [
    liveUser('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace', admin, numbers: ['+14155550101'] }),
    liveUser('pat@acme.com', { firstName: 'Pat', lastName: 'Pending', state: 'pending', license: 'agents' }),
    liveUser('sam@acme.com', { firstName: 'Sam', lastName: 'Suspended', state: 'suspended', admin: { company: false, offices: ['hq'] } }),
    liveUser('old@acme.com', { firstName: 'Old', lastName: 'Timer', state: 'deleted' }),
  ],
  numbers: [heldNumber('+14155550101', 'ada@acme.com'), poolNumber('+14155550102'), poolNumber('+14155550103')],
});

describe('dialform status views (issue 14)', () => {
  it('lists active, pending and suspended users, the reserved pool and deleted users', () => {
    const status = buildStatus({ live, now: NOW });
    expect(status.users.map((u) => `${u.email} ${u.state} ${u.permissions.join('+')}`)).toEqual([
      'ada@acme.com active company admin',
      'pat@acme.com pending ',
      'sam@acme.com suspended office admin',
    ]);
    expect(status.reserved_numbers).toEqual([
      { number: '+14155550102', office: 'Acme hq', last_for: null, unassigned_at: null },
      { number: '+14155550103', office: 'Acme hq', last_for: null, unassigned_at: null },
    ]);
    expect(status.deleted_users).toEqual([{ email: 'old@acme.com', name: 'Old Timer', office: 'Acme hq', deleted_at: null, restorable_until: null, hours_left: null }]);
  });

  it('searches by name, email, license and permission, every word matching (the article tip)', () => {
    const emails = (search: string) => buildStatus({ live, now: NOW, search }).users.map((u) => u.email);
    expect(emails('admin')).toEqual(['ada@acme.com', 'sam@acme.com']);
    expect(emails('company admin')).toEqual(['ada@acme.com']);
    expect(emails('AGENTS')).toEqual(['pat@acme.com']);
    expect(emails('lovelace')).toEqual(['ada@acme.com']);
    expect(emails('pending')).toEqual(['pat@acme.com']);
  });

  it('says who a reserved number was last for and the time left to restore, from the journal and the applied plan', () => {
    const before = liveState({
      users: [liveUser('ada@acme.com', { admin }), liveUser('old@acme.com', { numbers: ['+14155550102'] })],
      numbers: [heldNumber('+14155550102', 'old@acme.com')],
    });
    const plan = planOf(desiredState({ users: [user('ada@acme.com', { admin }), user('old@acme.com', { state: 'deleted' })] }), before);
    const history = joinHistory({
      plans: [plan],
      entries: [{ plan: 'p1', op: 'op-1', kind: 'delete_user', status: 'done', at: '2026-11-26T10:00:00.000Z' }],
      identify: () => 'p1',
    });
    const status = buildStatus({ live, now: NOW, history });
    expect(status.reserved_numbers[0]).toEqual({ number: '+14155550102', office: 'Acme hq', last_for: 'old@acme.com', unassigned_at: '2026-11-26T10:00:00.000Z' });
    expect(status.deleted_users[0]).toMatchObject({ deleted_at: '2026-11-26T10:00:00.000Z', restorable_until: '2026-11-29T10:00:00.000Z', hours_left: 64 });
    const text = renderStatusText(status);
    expect(text).toContain('+14155550102  Acme hq  last for old@acme.com, unassigned 2026-11-26T10:00:00.000Z');
    expect(text).toContain('restorable until 2026-11-29T10:00:00.000Z (64 h left)');
    expect(text).toContain('+14155550103  Acme hq  last for: unknown');
  });

  it('status forgets what dialform did: without --plan, the journal alone says who a number was last for and when a user was deleted (issue 27 #6)', () => {
    const history = readJournalHistory([
      { plan: 'p1', op: 'op-1', kind: 'delete_user', status: 'started', at: '2026-11-26T09:59:59.000Z', subject: 'Old@acme.com' },
      { plan: 'p1', op: 'op-1', kind: 'delete_user', status: 'done', at: '2026-11-26T10:00:00.000Z', subject: 'Old@acme.com', to_pool: [{ number: '+14155550102', from: 'Old@acme.com' }] },
    ]);
    const status = buildStatus({ live, now: NOW, history });
    expect(status.reserved_numbers[0]).toEqual({ number: '+14155550102', office: 'Acme hq', last_for: 'Old@acme.com', unassigned_at: '2026-11-26T10:00:00.000Z' });
    expect(status.deleted_users[0]).toMatchObject({ deleted_at: '2026-11-26T10:00:00.000Z', restorable_until: '2026-11-29T10:00:00.000Z' });
  });

  it('status uses Dialpad\'s clock, not the local one: read_at and hours left follow the read\'s Date (issue 27 #4)', () => {
    // Dialpad's clock is 1 h 30 min before the restore window closes; this machine's is days earlier.
    const read = { ...live, readAt: '2026-11-29T08:30:00.000Z' };
    const history = { pooled: [], deleted: [{ email: 'old@acme.com', at: '2026-11-26T10:00:00.000Z' }] };
    const status = buildStatus({ live: read, now: new Date('2026-11-20T00:00:00Z'), history });
    expect(status.read_at).toBe('2026-11-29T08:30:00.000Z');
    expect(status.deleted_users[0]).toMatchObject({ restorable_until: '2026-11-29T10:00:00.000Z', hours_left: 1 });
    expect(renderStatusText(status)).toContain('Read from Dialpad at 2026-11-29T08:30:00.000Z');
    // Without a Date from Dialpad, this machine's clock is all there is.
    expect(buildStatus({ live, now: NOW, history }).read_at).toBe(NOW.toISOString());
  });
});
