import { describe, expect, it } from 'vitest';
import { buildStatus } from '../../src/status/build-status.js';
import { joinHistory, readJournalHistory } from '../../src/status/history.js';
import { LISTED_VIEWS, renderStatusText } from '../../src/status/render-status.js';
import { renderStatusCsv } from '../../src/status/render-status-csv.js';
import { redactStatus } from '../../src/status/redact-status.js';
import { desiredState, heldNumber, liveOffice, liveState, liveUser, NOW, planOf, poolNumber, user } from '../support/builders.js';

const admin = { company: true, offices: [] };
const live = liveState({
  users: [
    liveUser('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace', admin, numbers: ['+14155550101'] }),
    liveUser('pat@acme.com', { firstName: 'Pat', lastName: 'Pending', state: 'pending', license: 'agents' }),
    liveUser('sam@acme.com', { firstName: 'Sam', lastName: 'Suspended', state: 'suspended', admin: { company: false, offices: ['hq'] }, office: 'dub', numbers: ['+35312345678'] }),
    liveUser('old@acme.com', { firstName: 'Old', lastName: 'Timer', state: 'deleted' }),
  ],
  numbers: [heldNumber('+14155550101', 'ada@acme.com'), poolNumber('+14155550102'), poolNumber('+14155550103'), heldNumber('+35312345678', 'sam@acme.com', 'dub')],
  offices: [liveOffice('hq', { licenses: { talk: 10 } }), liveOffice('dub', { name: 'Dublin', country: 'IE' })],
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
    const text = renderStatusText(status, { lists: LISTED_VIEWS });
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
    expect(renderStatusText(status, { lists: LISTED_VIEWS })).toContain('Read from Dialpad at 2026-11-29T08:30:00.000Z');
    // Without a Date from Dialpad, this machine's clock is all there is.
    expect(buildStatus({ live, now: NOW, history }).read_at).toBe(NOW.toISOString());
  });
});

describe('dialform status at scale (issue 27 #17)', () => {
  it('status at scale: counts per state and office come first (issue 27 #17)', () => {
    const status = buildStatus({ live, now: NOW });
    expect(status.summary.users).toEqual({
      total: 3,
      active: 1,
      pending: 1,
      suspended: 1,
      by_office: [
        { office: 'Acme hq', active: 1, pending: 1, suspended: 0, total: 2 },
        { office: 'Dublin', active: 0, pending: 0, suspended: 1, total: 1 },
      ],
    });
    expect(status.summary.reserved_numbers).toEqual({ total: 2, by_office: [{ office: 'Acme hq', count: 2 }] });
    expect(status.summary.deleted_users).toEqual({ total: 1, closes_first: null, hours_left: null });
  });

  it('status at scale: 2,000 users print a summary a page long by default, and lists only with --view (issue 27 #17)', () => {
    const offices = ['hq', 'nyc', 'tor', 'dub', 'lon'].map((key) => liveOffice(key, { name: `Office ${key}` }));
    const states = ['active', 'active', 'active', 'pending', 'suspended'] as const;
    const users = Array.from({ length: 2000 }, (_, i) => liveUser(`user${i}@acme.com`, { office: offices[i % 5]!.key, state: states[Math.floor(i / 5) % 5]! }));
    const big = buildStatus({ live: liveState({ offices, users, numbers: [poolNumber('+14155550102')] }), now: NOW });
    const text = renderStatusText(big, { lists: [] });
    expect(text.split('\n').length).toBeLessThan(20);
    expect(text).toContain('  Users: 2000 (1200 active, 400 pending, 400 suspended)\n');
    expect(text).toMatch(/ {4}Office hq +240 +80 +80 +400\n/);
    expect(text).toContain('List rows with --view users|numbers|deleted|e911|rooms|all');
    expect(text).not.toContain('user0@acme.com');
    const listed = renderStatusText(big, { lists: ['users'] });
    expect(listed).toContain('Active or Pending Users (2000):');
    expect(listed).not.toContain('Reserved Numbers (');
  });

  it('status at scale: --search finds reserved numbers and deleted users too, and phone numbers in any format (issue 27 #17)', () => {
    const found = (search: string) => {
      const s = buildStatus({ live, now: NOW, search });
      return [...s.users.map((u) => u.email), ...s.reserved_numbers.map((n) => n.number), ...s.deleted_users.map((d) => d.email)];
    };
    expect(found('(415) 555-0102')).toEqual(['+14155550102']);
    expect(found('+1 415 555 0101')).toEqual(['ada@acme.com']);
    expect(found('01 234 5678')).toEqual(['sam@acme.com']);
    expect(found('0103')).toEqual(['+14155550103']);
    expect(found('timer')).toEqual(['old@acme.com']);
    expect(found('dublin')).toEqual(['sam@acme.com']);
    expect(found('admin')).toEqual(['ada@acme.com', 'sam@acme.com']);
    expect(renderStatusText(buildStatus({ live, now: NOW, search: 'nobody' }), { lists: LISTED_VIEWS })).toContain('Reserved Numbers (0, matching "nobody"):\n  (nothing matches)');
  });

  it('status at scale: --format csv writes each view, formulas defused and phone numbers kept (issue 27 #17)', () => {
    const hostile = liveState({ users: [liveUser('eve@acme.com', { firstName: '=HYPERLINK("x")', lastName: 'Doe, Jr', numbers: ['+14155550101'] })], numbers: [poolNumber('+14155550102')] });
    const status = buildStatus({ live: hostile, now: NOW });
    expect(renderStatusCsv(status, 'users')).toBe(
      'email,name,office,license,state,permissions,numbers\r\n' + `eve@acme.com,"'=HYPERLINK(""x"") Doe, Jr",Acme hq,talk,active,,+14155550101\r\n`,
    );
    expect(renderStatusCsv(status, 'numbers')).toBe('number,office,last_for,unassigned_at\r\n+14155550102,Acme hq,,\r\n');
    expect(renderStatusCsv(status, 'summary')).toBe('office,active,pending,suspended,total\r\nAcme hq,1,0,0,1\r\n');
    expect(renderStatusCsv(buildStatus({ live, now: NOW }), 'deleted')).toBe('email,name,office,deleted_at,restorable_until,hours_left\r\nold@acme.com,Old Timer,Acme hq,,,\r\n');
  });

  it('status at scale: --redact masks emails, numbers and names in every view (issue 27 #17)', () => {
    const redacted = redactStatus(buildStatus({ live, now: NOW, search: 'ada@acme.com' }), 'test-secret');
    const text = [renderStatusText(redacted, { lists: LISTED_VIEWS }), renderStatusCsv(redacted, 'users'), JSON.stringify(redacted)].join('\n');
    for (const secret of ['ada@acme.com', 'Lovelace', '4155550101', 'Ada']) expect(text).not.toContain(secret);
    expect(redacted.users).toHaveLength(1);
    expect(redacted.users[0]?.office).toBe('Acme hq');
    expect(redactStatus(buildStatus({ live, now: NOW, search: '(415) 555-0102' }), 'test-secret').search).toBe('(•••) •••-••02');
  });
});
