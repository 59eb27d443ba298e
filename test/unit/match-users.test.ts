import { describe, expect, it } from 'vitest';
import { listEmailAliases, matchUsers } from '../../src/model/match-users.js';
import { planPermissionChanges } from '../../src/plan/permission-changes.js';
import { desiredState, liveState, liveUser, user } from '../support/builders.js';

describe('matchUsers', () => {
  it.each([
    { name: 'by email, case-insensitive', desired: user('Ada@Acme.com'), live: ['ada@acme.com'], want: 'ada@acme.com' },
    { name: 'by previous_emails when the email is not live', desired: user('ada.l@acme.com', { previousEmails: ['ada@acme.com'] }), live: ['ada@acme.com'], want: 'ada@acme.com' },
    { name: 'the current email before a previous one', desired: user('ada.l@acme.com', { previousEmails: ['ada@acme.com'] }), live: ['ada@acme.com', 'ada.l@acme.com'], want: 'ada.l@acme.com' },
    { name: 'previous_emails in the order written', desired: user('x@acme.com', { previousEmails: ['b@acme.com', 'a@acme.com'] }), live: ['a@acme.com', 'b@acme.com'], want: 'b@acme.com' },
    { name: 'nothing', desired: user('new@acme.com'), live: ['ada@acme.com'], want: undefined },
  ])('$name', ({ desired, live, want }) => {
    const match = matchUsers(desiredState({ users: [desired] }), liveState({ users: live.map((e) => liveUser(e)) }));
    expect(match.pairs[0]?.live?.email).toBe(want);
  });

  it('prefers a live account over a deleted one with the same email', () => {
    const match = matchUsers(
      desiredState({ users: [user('ada@acme.com')] }),
      liveState({ users: [liveUser('ada@acme.com', { id: 'old', state: 'deleted' }), liveUser('ada@acme.com', { id: 'new' })] }),
    );
    expect(match.pairs[0]?.live?.id).toBe('new');
  });

  it('lists the live → desired email of users matched through previous_emails', () => {
    const match = matchUsers(
      desiredState({ users: [user('ada.l@acme.com', { previousEmails: ['ada@acme.com'] }), user('bob@acme.com')] }),
      liveState({ users: [liveUser('ada@acme.com'), liveUser('bob@acme.com')] }),
    );
    expect([...listEmailAliases(match)]).toEqual([['ada@acme.com', 'ada.l@acme.com']]);
  });
});

describe('class-3 comparison with the base config matches users like the differ', () => {
  it('takes the base entry with the current email over one with a previous email (was: whichever came first)', () => {
    const base = desiredState({ users: [user('a-old@acme.com', { analytics: false }), user('new@acme.com', { analytics: true })] });
    const desired = desiredState({ users: [user('new@acme.com', { previousEmails: ['a-old@acme.com'], analytics: true })] });
    expect(planPermissionChanges(desired, { base })).toEqual([]);
  });
});
