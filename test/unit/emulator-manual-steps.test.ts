import { describe, expect, it } from 'vitest';
import { performManualStep } from '../../src/emulator/manual-steps.js';
import { Store } from '../../src/emulator/store.js';
import { DialformError } from '../../src/errors.js';
import { makeFixture } from '../support/emulator-harness.js';

const NOW = new Date('2026-11-26T18:00:00Z');

function store(): Store {
  const fixture = makeFixture();
  const bob = fixture.users.find((u) => u.id === '102');
  if (bob) Object.assign(bob, { state: 'deleted', deleted_at: '2026-11-26T12:00:00Z' });
  return new Store(fixture, () => NOW);
}

describe('manual steps by email and office, as plans name them (issue 14 #7)', () => {
  it('grants and revokes analytics and proxy for several users at once, by email (issue 14 #7)', () => {
    const s = store();
    expect(performManualStep(s, { kind: 'analytics', emails: ['ADA@acme.com', 'cy@acme.com'], enabled: true })).toBe('Granted analytics to ADA@acme.com, cy@acme.com.');
    expect(s.state.users.filter((u) => u.analytics === true).map((u) => u.id)).toEqual(['101', '103']);
    performManualStep(s, { kind: 'proxy', emails: ['cy@acme.com'], enabled: false });
    expect(s.getUser('103').proxy).toBe(false);
  });

  it('changes nobody when one email of a bulk step is unknown (issue 14 #7)', () => {
    const s = store();
    expect(() => performManualStep(s, { kind: 'analytics', emails: ['ada@acme.com', 'nobody@acme.com'], enabled: true })).toThrow(DialformError);
    expect(s.getUser('101').analytics).toBeUndefined();
  });

  it('restores a deleted user by email within the window (issue 14 #7)', () => {
    const s = store();
    expect(() => performManualStep(s, { kind: 'analytics', emails: ['bob@acme.com'], enabled: true })).toThrow('bob@acme.com is deleted');
    expect(performManualStep(s, { kind: 'restore_user', email: 'bob@acme.com' })).toBe('Restored bob@acme.com.');
    expect(s.getUser('102').state).toBe('active');
  });
});

describe('emulator do restore-user past the window (issue 27 #8)', () => {
  const late = (): Store => {
    const fixture = makeFixture();
    const bob = fixture.users.find((u) => u.id === '102');
    if (bob) Object.assign(bob, { state: 'deleted', deleted_at: '2026-11-22T12:00:00Z' });
    return new Store(fixture, () => NOW);
  };

  it('emulator do restore-user after 72 h says the 72-hour window passed, not "no user" (issue 27 #8)', () => {
    const s = late();
    // A read (any API request) anonymizes the user first, as Dialpad does.
    s.sweepDeletedUsers();
    expect(() => performManualStep(s, { kind: 'restore_user', email: 'Bob@acme.com' })).toThrow(
      'restore Bob@acme.com: the 72-hour restore window passed: Dialpad anonymized the deleted account, so it can no longer be restored',
    );
    // Nothing else is said of an email that never existed.
    expect(() => performManualStep(s, { kind: 'restore_user', email: 'nobody@acme.com' })).toThrow('no user nobody@acme.com');
  });

  it('says the window passed too when no read anonymized the user yet (issue 27 #8)', () => {
    const s = late();
    expect(() => performManualStep(s, { kind: 'restore_user', email: 'bob@acme.com' })).toThrow('the 72-hour restore window passed');
    expect(s.getUser('102').state).toBe('deleted');
  });
});
