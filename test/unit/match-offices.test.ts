import { describe, expect, it } from 'vitest';
import { matchOffices } from '../../src/model/match-offices.js';
import type { Office } from '../../src/model/tenant.js';

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
