import { describe, expect, it } from 'vitest';
import { normalizeLive } from '../../src/dialpad/normalize-live.js';
import { compareIds } from '../../src/model/ids.js';

describe('compareIds', () => {
  it.each([
    { a: '9', b: '10', want: -1 },
    { a: '5000000000000000001', b: '500000000000000002', want: 1 },
    { a: '42', b: '42', want: 0 },
    { a: '07', b: '7', want: -1 },
    { a: 'b', b: 'a', want: 1 },
    { a: '10', b: 'a', want: -1 },
  ])('$a vs $b → $want', ({ a, b, want }) => {
    expect(Math.sign(compareIds(a, b))).toBe(want);
  });
});

describe('normalizeLive orders accounts sharing an email by numeric id', () => {
  it('puts deleted account 9 before deleted account 10 (was lexical: 10 first)', () => {
    const deleted = (id: string) => ({ id, emails: ['ada@acme.com'], office_id: '1', state: 'deleted' as const, license: 'talk' as const });
    const tenant = normalizeLive({ offices: [], users: [deleted('10'), deleted('9')], numbers: [] });
    expect(tenant.users.map((u) => u.id)).toEqual(['9', '10']);
  });
});
