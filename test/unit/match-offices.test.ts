import { describe, expect, it } from 'vitest';
import { keyLiveOffices, matchOffices } from '../../src/model/match-offices.js';
import type { LiveState, Office, User } from '../../src/model/tenant.js';

const office = (key: string, name: string, id?: string): Office => ({ key, name, country: 'US', licenses: {}, ...(id ? { id } : {}) });

describe('matchOffices', () => {
  it.each([
    {
      name: 'by name, trimmed and case-insensitive',
      desired: [office('hq', 'Acme HQ')],
      live: [{ id: '1', name: ' acme hq' }],
      want: [['1', 'hq']],
    },
    {
      name: 'explicit id beats a name match elsewhere',
      desired: [office('hq', 'Acme HQ', '2'), office('old', 'Acme HQ')],
      live: [{ id: '1', name: 'Acme HQ' }, { id: '2', name: 'Renamed' }],
      want: [['1', 'old'], ['2', 'hq']],
    },
    {
      name: 'a pinned id that is not live does not fall back to the name',
      desired: [office('hq', 'Acme HQ', '99')],
      live: [{ id: '1', name: 'Acme HQ' }],
      want: [['1', 'id:1']],
    },
    {
      name: 'unmatched live offices get id:<liveId>',
      desired: [],
      live: [{ id: '7', name: 'Lab' }],
      want: [['7', 'id:7']],
    },
    {
      name: 'two live offices with one name: the smaller id takes the key',
      desired: [office('hq', 'HQ')],
      live: [{ id: '10', name: 'HQ' }, { id: '9', name: 'HQ' }],
      want: [['10', 'id:10'], ['9', 'hq']],
    },
  ])('$name', ({ desired, live, want }) => {
    expect([...matchOffices(desired, live)].sort()).toEqual(want.sort());
  });
});

describe('keyLiveOffices', () => {
  const read: LiveState = {
    tenant: {
      company: {},
      offices: [
        { key: 'id:1', id: '1', name: 'Acme HQ', country: 'US', licenses: {} },
        { key: 'id:2', id: '2', name: 'Lab', country: 'GB', licenses: {} },
      ],
      users: [
        { email: 'ada@acme.com', firstName: 'Ada', lastName: 'L', office: 'id:1', license: 'talk', admin: { company: false, offices: ['id:1', 'id:2', 'id:9'] }, state: 'active' },
      ],
      numbers: [
        { number: '+14155550100', status: 'available', office: 'id:1' },
        { number: '+14155550101', status: 'available' },
      ],
    },
    incomplete: ['numbers after reading 2 item(s): boom'],
  };

  // Issue 31: 50,000 users, most administering no office, each had their rights rebuilt (a map, a set, a sort).
  it('shares the admin rights of a user who administers no office, and re-keys the others', () => {
    const bob: User = { email: 'bob@acme.com', firstName: 'Bob', lastName: 'K', office: 'id:1', license: 'talk', admin: { company: true, offices: [] }, state: 'active' };
    const withBob: LiveState = { ...read, tenant: { ...read.tenant, users: [...read.tenant.users, bob] } };
    const keyed = keyLiveOffices(withBob, [office('zz-hq', 'acme hq')]);
    expect(keyed.tenant.users[1]?.admin).toBe(bob.admin);
    expect(keyed.tenant.users[0]?.admin).not.toBe(read.tenant.users[0]?.admin);
  });

  it('re-keys matched offices and every reference to them, keeps the rest, and leaves the read alone', () => {
    const before = JSON.stringify(read);
    const keyed = keyLiveOffices(read, [office('zz-hq', 'acme hq')]);
    expect(keyed.tenant.offices.map((o) => [o.key, o.id])).toEqual([['id:2', '2'], ['zz-hq', '1']]);
    expect(keyed.tenant.users[0]?.office).toBe('zz-hq');
    expect(keyed.tenant.users[0]?.admin.offices).toEqual(['id:2', 'id:9', 'zz-hq']);
    expect(keyed.tenant.numbers.map((n) => n.office)).toEqual(['zz-hq', undefined]);
    expect(keyed.incomplete).toEqual(read.incomplete);
    expect(JSON.stringify(read)).toBe(before);
  });

  it('without config offices, is the read itself', () => {
    expect(keyLiveOffices(read, [])).toEqual(read);
  });
});
