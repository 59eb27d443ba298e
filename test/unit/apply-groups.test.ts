import { describe, expect, it } from 'vitest';
import { executeOperation, hasLanded, type ExecutionContext } from '../../src/apply/execute-operation.js';
import type { ApplyApi } from '../../src/apply/types.js';
import type { Operation } from '../../src/plan/types.js';
import { group, liveState, liveUser } from '../support/builders.js';
import { groupsPlan } from '../support/plan-samples.js';

const ops = groupsPlan().operations;
const byKind = (kind: Operation['kind'], email?: string): Operation => {
  const op = ops.find((o) => o.kind === kind && (email === undefined || (o.target.type === 'user' && o.target.email === email)));
  if (op === undefined) throw new Error(kind);
  return op;
};

/** A fresh read keyed by live ids, as `hasLanded` gets it. */
const read = (over: Parameters<typeof liveState>[0]) => liveState(over);

describe('group operations: whether a write in doubt landed (issue 19 #2)', () => {
  const sales = group('department:501', 'department', { id: '501', name: 'Sales' });
  const billing = group('call_center:602', 'call_center', { id: '602', name: 'Billing', office: 'id:5001' });
  it.each([
    ['create_group when a call center of that name exists', byKind('create_group'), read({ groups: [billing] }), true],
    ['create_group when none does', byKind('create_group'), read({ groups: [sales] }), false],
    ['create_group when one of that name is in another office', byKind('create_group'), read({ groups: [{ ...billing, office: 'id:5002' }] }), false],
    ['delete_group when the group is gone', byKind('delete_group'), read({ groups: [sales] }), true],
    ['delete_group when it is still there', byKind('delete_group'), read({ groups: [group('department:502', 'department', { id: '502', name: 'Old' })] }), false],
    [
      'add_operator when the user holds the membership with that role',
      byKind('add_operator', 'ada@acme.com'),
      read({ groups: [sales], users: [liveUser('ada@acme.com', { departments: [{ group: 'department:501', role: 'admin' }] })] }),
      true,
    ],
    [
      'add_operator when the user holds it with another role',
      byKind('add_operator', 'ada@acme.com'),
      read({ groups: [sales], users: [liveUser('ada@acme.com', { departments: [{ group: 'department:501', role: 'operator' }] })] }),
      false,
    ],
    ['remove_operator when the membership is gone', byKind('remove_operator', 'carol@acme.com'), read({ groups: [sales], users: [liveUser('carol@acme.com')] }), true],
    [
      'remove_operator when it is still there',
      byKind('remove_operator', 'carol@acme.com'),
      read({ groups: [sales], users: [liveUser('carol@acme.com', { departments: [{ group: 'department:501', role: 'operator' }] })] }),
      false,
    ],
  ] as const)('%s → %s', (_, op, state, expected) => {
    expect(hasLanded(op, state)).toBe(expected);
  });
});

describe('group operations: what apply sends (issue 19 #2)', () => {
  it('resolves a group created earlier in the run by its id, and sends the skill and license_type of a call-center add', async () => {
    const calls: string[] = [];
    const api = {
      async findOfficeByName() {
        return undefined;
      },
      async findUserByEmail(email: string) {
        return { id: `id-${email}`, state: 'active' };
      },
      async findGroupByName() {
        return undefined;
      },
      async createGroup(input: { type: string; name: string; officeId: string }) {
        calls.push(`createGroup ${input.type} ${input.name} ${input.officeId}`);
        return { id: '777' };
      },
      async addOperator(input: Record<string, unknown>) {
        calls.push(`addOperator ${JSON.stringify(input)}`);
      },
    } as unknown as ApplyApi;
    const ctx: ExecutionContext = { api, confirmed: [], officeIds: new Map(), userIds: new Map([['dave@acme.com', 'u-dave']]), groupIds: new Map() };
    await executeOperation(byKind('create_group'), ctx);
    await executeOperation(byKind('add_operator', 'dave@acme.com'), ctx);
    expect(calls).toEqual([
      'createGroup call_center Billing 5001',
      'addOperator {"type":"call_center","groupId":"777","userId":"u-dave","role":"supervisor","skillLevel":40,"licenseType":"agents"}',
    ]);
  });
});

describe('create_group never adopts a live group by name (issue 19 review #1)', () => {
  it('creates the group even when Dialpad has one of that name: a landed create is settled by the create_group kind\'s landed check, not by adoption', async () => {
    const calls: string[] = [];
    const api = {
      async findGroupByName(type: string, name: string) {
        calls.push(`findGroupByName ${type} ${name}`);
        return '601';
      },
      async createGroup(input: { type: string; name: string; officeId: string }) {
        calls.push(`createGroup ${input.type} ${input.name} ${input.officeId}`);
        return { id: '777' };
      },
    } as unknown as ApplyApi;
    const ctx: ExecutionContext = { api, confirmed: [], officeIds: new Map(), userIds: new Map(), groupIds: new Map() };
    await executeOperation(byKind('create_group'), ctx);
    expect(calls).toEqual(['createGroup call_center Billing 5001']);
    expect(ctx.groupIds.get('billing')).toBe('777');
  });
});
