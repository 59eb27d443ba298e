/**
 * Phase 2 of a plan's read (issue 15 #1): which office license reads and single number reads
 * `choosePlanReads` picks from the config and phase 1 (offices keyed `id:<live id>`, as read).
 */
import { describe, expect, it } from 'vitest';
import { chooseDeclaredOfficeReads, choosePlanReads } from '../../src/plan/choose-live-reads.js';
import type { Office, User } from '../../src/model/tenant.js';
import { desiredState, liveOffice, liveState, liveUser, office, user } from '../support/builders.js';

/** A phase-1 office: keyed by live id, licenses not read. */
function readOffice(name: string): Office {
  return liveOffice(`id:${name}`, { id: name, name: `Acme ${name}`, licenses: {} });
}

function readUser(email: string, over: Partial<User> = {}): User {
  return liveUser(email, { office: 'id:hq', ...over });
}

const OFFICES = ['hq', 'nyc', 'ldn', 'sfo'].map(readOffice);

describe('choosePlanReads (issue 15 #1)', () => {
  it('reads nothing per office when no office declares licenses and nobody takes a line', () => {
    const desired = desiredState({
      offices: OFFICES.map((o) => office(o.id!)),
      users: [user('ada@acme.com', { lastName: 'Renamed' }), user('bob@acme.com', { state: 'suspended' })],
    });
    const live = liveState({ offices: OFFICES, users: [readUser('ada@acme.com'), readUser('bob@acme.com')] });
    expect(choosePlanReads(desired, live)).toEqual({ offices: [], numbers: [] });
  });

  it('reads both license reads where a line may be taken: a create, a move in, a license change, a reactivation, a restore', () => {
    const desired = desiredState({
      offices: OFFICES.map((o) => office(o.id!)),
      users: [
        user('new@acme.com', { office: 'nyc' }),
        user('mover@acme.com', { office: 'ldn' }),
        user('agent@acme.com', { license: 'agents' }),
        user('back@acme.com', { office: 'sfo' }),
        user('gone@acme.com', { office: 'sfo' }),
      ],
    });
    const live = liveState({
      offices: OFFICES,
      users: [
        readUser('mover@acme.com'),
        readUser('agent@acme.com'),
        readUser('back@acme.com', { office: 'id:sfo', state: 'suspended' }),
        readUser('gone@acme.com', { office: 'id:sfo', state: 'deleted' }),
      ],
    });
    expect(choosePlanReads(desired, live).offices).toEqual([
      { id: 'hq', available: true },
      { id: 'ldn', available: true },
      { id: 'nyc', available: true },
      { id: 'sfo', available: true },
    ]);
  });

  it('reads the office a deleted account is restored in, when config then moves it, and one config does not list (issue 15 review #1)', () => {
    const desired = desiredState({
      offices: [office('hq'), office('ldn')],
      users: [user('gone@acme.com', { office: 'ldn' })],
    });
    const offices = [...OFFICES, readOffice('old')];
    const live = liveState({ offices, users: [readUser('gone@acme.com', { office: 'id:old', state: 'deleted' })] });
    // The restore takes a line in `old` (not in config), then the move takes one in `ldn`.
    expect(choosePlanReads(desired, live).offices).toEqual([
      { id: 'ldn', available: true },
      { id: 'old', available: true },
    ]);
  });

  it('reads the plan of an office that declares licenses, and its available licenses only if it has more than declared', () => {
    const desired = desiredState({
      offices: [office('hq', { licenses: { talk: 5 } }), office('nyc'), office('ldn', { licenses: { talk: 2, fax: 0 } })],
      users: [user('ada@acme.com')],
    });
    const live = liveState({ offices: OFFICES, users: [readUser('ada@acme.com')] });
    expect(choosePlanReads(desired, live).offices).toEqual([
      { id: 'hq', available: { talk: 5 } },
      { id: 'ldn', available: { talk: 2, fax: 0 } },
    ]);
    // The same reads from the offices alone, before any user is read.
    expect(chooseDeclaredOfficeReads(desired, liveState({ offices: OFFICES })).offices).toEqual(choosePlanReads(desired, live).offices);
  });

  it('reads one by one only the numbers config wants that no user read and the pool do not hold', () => {
    const desired = desiredState({
      offices: [office('hq')],
      users: [user('ada@acme.com', { numbers: ['+14155550101', '+14155550100', '+14155550199'] }), user('bob@acme.com', { numbers: ['+14155550102'] })],
    });
    const live = liveState({
      offices: [readOffice('hq')],
      users: [readUser('ada@acme.com', { numbers: ['+14155550101'] }), readUser('bob@acme.com', { numbers: ['+14155550102'] })],
      numbers: [{ number: '+14155550100', status: 'available' }],
    });
    expect(choosePlanReads(desired, live).numbers).toEqual(['+14155550199']);
  });
});
