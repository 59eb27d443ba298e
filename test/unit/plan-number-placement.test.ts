/**
 * Where a release of a number entering the pool is shown (issue 15 #1): the two-phase read lists
 * only the pool, not users' numbers one by one, so the number's office is its holder's.
 */
import { describe, expect, it } from 'vitest';
import { desiredState, liveOffice, liveState, liveUser, office, planOf, user } from '../support/builders.js';

describe('release placement without the full number list (issue 15 #1)', () => {
  it('shows the release of a deleted user\'s number under the office the user was in (issue 15 #1)', () => {
    const desired = desiredState({
      offices: [office('hq'), office('nyc')],
      users: [user('ada@acme.com')],
      policy: { unmanagedUsers: 'delete' },
      reserved: { releaseUnlisted: true },
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 5 } }), liveOffice('nyc', { licenses: { talk: 5 } })],
      users: [liveUser('ada@acme.com'), liveUser('bob@acme.com', { office: 'nyc', numbers: ['+12125550111'] })],
    });
    const release = planOf(desired, live).operations.find((op) => op.kind === 'release_number');
    expect(release).toMatchObject({ number: '+12125550111', office_key: 'nyc' });
  });
});
