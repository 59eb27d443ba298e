import { describe, expect, it } from 'vitest';
import { digestTenant, jsonOf } from '../../src/model/digest-tenant.js';
import type { Tenant } from '../../src/model/tenant.js';

/** Users and numbers with every kind of string a line writes: escaped characters, non-ASCII, lone surrogates. */
const TENANT = {
  company: { id: '9', name: 'Ac"me' },
  offices: [{ key: 'hq', name: 'HQ', country: 'US', licenses: {} }],
  users: [
    {
      email: 'ada@acme.com',
      id: '10',
      firstName: 'Ada "the" \\ first',
      lastName: 'Lo\tve\u0000lace\u001f\u007f',
      office: 'hq',
      license: 'talk',
      admin: { company: true, offices: ['zz', 'hq'] },
      state: 'active',
      numbers: ['+14155550100', '+14155550101'],
      previousEmails: ['a@acme.com'],
    },
    {
      email: 'zoë@acme.com',
      firstName: 'Zoë 😀',
      lastName: 'bad \ud800 surrogate \udc00',
      office: 'hq',
      license: 'agents',
      admin: { company: false, offices: [] },
      state: 'suspended',
      analytics: true,
      proxy: false,
      allowNumberChange: true,
      deletedAt: '2026-01-01T00:00:00Z',
    },
    { email: 'sep@acme.com', firstName: 'line\u2028sep', lastName: '', office: 'hq', license: 'talk', admin: { company: false, offices: ['hq'] }, state: 'pending', numbers: [] },
  ],
  numbers: [
    { number: '+14155550100', status: 'user', office: 'hq', userEmail: 'ada@acme.com', targetType: 'user', targetId: '10', type: 'local' },
    { number: '+14155550199', status: 'available' },
  ],
} as Tenant;

describe('the digest lines of users and numbers', () => {
  it.each([
    ['plain'],
    ['a "quote"'],
    ['back\\slash'],
    ['tab\tnew\nline\r'],
    ['\u0000\u0001\u001f\u007f'],
    ['é ü ß'],
    ['😀 paired'],
    ['lone \ud800'],
    ['lone \udc00 low'],
    ['\u2028\u2029'],
    [''],
    [true],
    [false],
    [null],
    [undefined],
    [42],
    [-0],
    [1.5e300],
    [Number.NaN],
    [[]],
    [['a', ['b"', undefined, null, 3]]],
    [{ b: 1, a: ['x\ty'], c: undefined }],
    [[{ office: 'hq', role: 'op' }]],
  ])('writes %j as JSON.stringify writes it in a row', (value) => {
    expect(jsonOf(value)).toBe(JSON.stringify([value]).slice(1, -1));
  });

  it('hash to the digest they always had (saved plans carry it)', () => {
    // Pinned from the digest of before the lines were written member by member (issue 31).
    expect(digestTenant(TENANT)).toBe('sha256:4fe7ed5ca26aa2132a8510a902e47b5ceeaae70ed9c7624178411bc9104b2e68');
    expect(digestTenant(TENANT, { office: (key) => `id:${key}` })).toBe('sha256:f8475f83f1ffd20043ea1548bd149e6c93c750780fa3fb85f022c195a054d961');
  });
});
