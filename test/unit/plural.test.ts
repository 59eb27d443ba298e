import { describe, expect, it } from 'vitest';
import { agreeing, countOf, nounOf } from '../../src/plan/plural.js';
import { formatUnmanagedLine } from '../../src/render/rows.js';

describe('plural.ts: the one home of plurals', () => {
  it.each([
    [0, '0 users', 'users', 'were'],
    [1, '1 user', 'user', 'was'],
    [2, '2 users', 'users', 'were'],
  ])('%i', (n, count, noun, verb) => {
    expect(countOf(n, 'user')).toBe(count);
    expect(nounOf(n, 'user')).toBe(noun);
    expect(agreeing(n, 'was', 'were')).toBe(verb);
  });

  it('is what the renderers use: the unmanaged-users line agrees with its count', () => {
    expect(formatUnmanagedLine({ policy: 'delete', count: 1 })).toMatch(/^1 live user is not/);
    expect(formatUnmanagedLine({ policy: 'delete', count: 3 })).toMatch(/^3 live users are not/);
  });
});
