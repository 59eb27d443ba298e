import { describe, expect, it } from 'vitest';
import type { Office, User } from '../../src/model/tenant.js';
import { choosePlanReads } from '../../src/plan/choose-live-reads.js';
import { desiredState, liveOffice, liveState, liveUser, office, user } from '../support/builders.js';

const HQ: Office = liveOffice('id:hq', { id: 'hq', name: 'Acme hq', licenses: {} });

function readUser(email: string, id: string, over: Partial<User> = {}): User {
  return liveUser(email, { id, office: 'id:hq', ...over });
}

describe('caller-ID reads (issue 29)', () => {
  it('reads the caller ID only of the matched users whose config declares one', () => {
    const desired = desiredState({
      offices: [office('hq')],
      users: [user('ada@acme.com', { callerId: '+14155550177' }), user('bob@acme.com'), user('new@acme.com', { callerId: 'blocked' })],
    });
    const live = liveState({ offices: [HQ], users: [readUser('ada@acme.com', '11'), readUser('bob@acme.com', '12')] });
    expect(choosePlanReads(desired, live).callerIds).toEqual(['11']);
  });

  it('reads none when config declares none', () => {
    const desired = desiredState({ offices: [office('hq')], users: [user('ada@acme.com'), user('bob@acme.com')] });
    const live = liveState({ offices: [HQ], users: [readUser('ada@acme.com', '11'), readUser('bob@acme.com', '12')] });
    expect(choosePlanReads(desired, live)).not.toHaveProperty('callerIds');
  });
});
