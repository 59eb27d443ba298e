import { describe, expect, it } from 'vitest';
import { identifyOperation, slotOfOperation } from '../../src/plan/operation-identity.js';
import { operation } from '../../src/plan/operations.js';
import type { Operation } from '../../src/plan/types.js';

const HQ = { key: 'hq', id: '1', name: 'Acme HQ' };
const LDN = { key: 'ldn', id: '2', name: 'Acme London' };

const assign = (over: { number?: string; primary?: boolean; id?: string } = {}): Operation =>
  operation.assignNumber({ email: 'ada@acme.com', id: over.id ?? '10', source: 'users.yaml:3', number: over.number ?? '+14155550100', primary: over.primary ?? true });
const transfer = (over: { count?: number; line?: 'talk' | 'sell'; to?: typeof LDN } = {}): Operation =>
  operation.transferLicenses({ line: over.line ?? 'talk', count: over.count ?? 1, from: HQ, to: over.to ?? LDN, toPurchasedAfter: 3, source: 'dialform.yaml:4' });

describe('identifyOperation', () => {
  it('ignores what only places, explains or schedules an operation', () => {
    const op = assign();
    const restyled: Operation = {
      ...op,
      id: 'op-9',
      after: ['op-1'],
      summary: 'something else entirely',
      notes: ['a note'],
      office_key: 'ldn',
      source: 'elsewhere.yaml:1',
      changes: [{ field: 'numbers', from: [], to: ['x'] }],
      reversible: 'no',
      manual: true,
    };
    expect(identifyOperation(restyled)).toBe(identifyOperation(op));
  });

  it('ignores live ids in the target and in office refs', () => {
    expect(identifyOperation(assign({ id: '99' }))).toBe(identifyOperation(assign()));
    const created = operation.createUser({ email: 'g@acme.com', source: 's', office: { key: 'new', name: 'New' }, firstName: 'G', lastName: 'H', license: 'talk' });
    const known = operation.createUser({ email: 'g@acme.com', source: 's', office: { key: 'new', id: '7', name: 'New' }, firstName: 'G', lastName: 'H', license: 'talk' });
    expect(identifyOperation(known)).toBe(identifyOperation(created));
  });

  it.each<[string, Operation, Operation]>([
    ['number', assign(), assign({ number: '+14155550199' })],
    ['primary', assign(), assign({ primary: false })],
    ['kind', assign(), operation.unassignNumber({ email: 'ada@acme.com', id: '10', source: 's', number: '+14155550100' })],
    ['count', transfer(), transfer({ count: 2 })],
    ['line', transfer(), transfer({ line: 'sell' })],
    ['to.key', transfer(), transfer({ to: { ...LDN, key: 'paris' } })],
    [
      'patch contents',
      operation.updateUser({ email: 'ada@acme.com', id: '10', source: 's', patch: { first_name: 'Ada' } }),
      operation.updateUser({ email: 'ada@acme.com', id: '10', source: 's', patch: { first_name: 'Augusta' } }),
    ],
    [
      'license',
      operation.createUser({ email: 'g@acme.com', source: 's', office: HQ, firstName: 'G', lastName: 'H', license: 'talk' }),
      operation.createUser({ email: 'g@acme.com', source: 's', office: HQ, firstName: 'G', lastName: 'H', license: 'agents' }),
    ],
    ['target', operation.suspendUser({ email: 'a@acme.com', source: 's' }), operation.suspendUser({ email: 'b@acme.com', source: 's' })],
  ])('tells apart a different %s', (_field, a, b) => {
    expect(identifyOperation(a)).not.toBe(identifyOperation(b));
  });
});

describe('slotOfOperation', () => {
  it('is kind, target and the distinguishing number or line: contents aside', () => {
    const rename = (first: string) => operation.updateUser({ email: 'ada@acme.com', id: '10', source: 's', patch: { first_name: first } });
    expect(slotOfOperation(rename('Ada'))).toBe(slotOfOperation(rename('Augusta')));
    expect(slotOfOperation(transfer())).toBe(slotOfOperation(transfer({ count: 2 })));
    expect(slotOfOperation(assign())).toBe(slotOfOperation(assign({ primary: false })));
    expect(slotOfOperation(assign())).not.toBe(slotOfOperation(assign({ number: '+14155550199' })));
    expect(slotOfOperation(transfer())).not.toBe(slotOfOperation(transfer({ line: 'sell' })));
  });
});
