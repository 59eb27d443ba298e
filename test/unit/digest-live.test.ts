import { describe, expect, it } from 'vitest';
import type { LiveState } from '../../src/model/tenant.js';
import { planFromRead } from '../../src/plan-against-live.js';
import { digestLive } from '../../src/plan/digest.js';
import { desiredState, NOW, office } from '../support/builders.js';

/** A live company as `fetchLive` returns it: offices and references keyed by live id. */
function read(order: 'hq-first' | 'ldn-first' = 'hq-first'): LiveState {
  const offices = [
    { key: 'id:1', id: '1', name: 'HQ', country: 'US', licenses: { talk: 2 } },
    { key: 'id:2', id: '2', name: 'London', country: 'GB', licenses: { talk: 1 } },
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
          office: 'id:2',
          license: 'talk',
          admin: { company: false, offices: ['id:1', 'id:2'] },
          state: 'active',
          numbers: ['+442071234567'],
        },
      ],
      numbers: [{ number: '+442071234567', status: 'user', office: 'id:2', userEmail: 'ada@acme.com' }],
    },
    incomplete: [],
  };
}

describe('digestLive', () => {
  it('does not depend on the order of offices', () => {
    expect(digestLive(read('ldn-first'))).toBe(digestLive(read()));
  });

  it('is the digest of the read, whichever config keys the offices in the plan', () => {
    const byName = desiredState({ offices: [office('hq', { name: 'HQ' }), office('ldn', { name: 'London', country: 'GB' })] });
    const swapped = desiredState({ offices: [office('aa', { name: 'London', country: 'GB' }), office('zz', { name: 'HQ' })] });
    const none = desiredState({ offices: [] });
    const digests = [byName, swapped, none].map((desired) => planFromRead({ desired, read: read(), now: NOW }).basis.live_digest);
    expect(new Set(digests)).toEqual(new Set([digestLive(read())]));
  });

  it('changes when the live state does', () => {
    const before = read();
    const moved = read();
    (moved.tenant.users[0] as { office: string }).office = 'id:1';
    expect(digestLive(moved)).not.toBe(digestLive(before));
    const renamed = read();
    (renamed.tenant.users[0] as { firstName: string }).firstName = 'Augusta';
    expect(digestLive(renamed)).not.toBe(digestLive(before));
  });

  it('is a sha256 digest', () => {
    expect(digestLive(read())).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
