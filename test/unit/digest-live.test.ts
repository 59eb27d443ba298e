import { describe, expect, it } from 'vitest';
import type { LiveState } from '../../src/model/tenant.js';
import { digestLive } from '../../src/plan/digest.js';

/** The same live company, keyed by a config (`hq`, `ldn`) or by live ids (`id:1`, `id:2`). */
function live(keys: { hq: string; ldn: string }, order: 'hq-first' | 'ldn-first' = 'hq-first'): LiveState {
  const offices = [
    { key: keys.hq, id: '1', name: 'HQ', country: 'US', licenses: { talk: 2 } },
    { key: keys.ldn, id: '2', name: 'London', country: 'GB', licenses: { talk: 1 } },
  ];
  return {
    tenant: {
      company: { id: '9', accountType: 'pro' },
      offices: order === 'hq-first' ? offices : offices.reverse(),
      users: [
        {
          email: 'ada@acme.com',
          id: '10',
          firstName: 'Ada',
          lastName: 'L',
          office: keys.ldn,
          license: 'talk',
          admin: { company: false, offices: [keys.ldn, keys.hq].sort() },
          state: 'active',
          numbers: ['+442071234567'],
        },
      ],
      numbers: [{ number: '+442071234567', status: 'user', office: keys.ldn, userEmail: 'ada@acme.com' }],
    },
    incomplete: [],
    readAt: '2026-11-26T18:00:00Z',
  };
}

describe('digestLive', () => {
  it('does not depend on which config keyed the offices, nor on their order', () => {
    const byConfig = digestLive(live({ hq: 'hq', ldn: 'ldn' }));
    expect(digestLive(live({ hq: 'id:1', ldn: 'id:2' }))).toBe(byConfig);
    expect(digestLive(live({ hq: 'zz', ldn: 'aa' }, 'ldn-first'))).toBe(byConfig);
  });

  it('changes when the live state does', () => {
    const before = live({ hq: 'hq', ldn: 'ldn' });
    const after = live({ hq: 'hq', ldn: 'ldn' });
    (after.tenant.users[0] as { office: string }).office = 'hq';
    expect(digestLive(after)).not.toBe(digestLive(before));
    const renamed = live({ hq: 'hq', ldn: 'ldn' });
    (renamed.tenant.users[0] as { firstName: string }).firstName = 'Augusta';
    expect(digestLive(renamed)).not.toBe(digestLive(before));
  });

  it('is a sha256 digest', () => {
    expect(digestLive(live({ hq: 'hq', ldn: 'ldn' }))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
