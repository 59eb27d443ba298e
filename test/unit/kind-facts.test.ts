import { describe, expect, it } from 'vitest';
import { KINDS, OPERATION_KINDS, type KindFacts, type KindSpec } from '../../src/plan/kinds/index.js';
import { checkTooManyDeletions, countDeletions } from '../../src/plan/rules/too-many-deletions.js';
import type { RuleContext } from '../../src/plan/rules/index.js';
import type { OperationKind } from '../../src/plan/types.js';
import { desiredState, liveState, liveUser, planOf, user } from '../support/builders.js';
import { hasLanded } from '../../src/apply/execute-operation.js';
import { operation } from '../../src/plan/operations.js';

describe('the kind table decides what a kind is (manual, deletes)', () => {
  it('does not compile a kind that has not decided whether it deletes', () => {
    const { deletes, ...undecided } = KINDS.delete_user;
    // @ts-expect-error a kind's entry must say what it deletes (`false` for nothing)
    const entry: KindSpec<'delete_user'> = undecided;
    // @ts-expect-error nor does the table take such an entry
    const table = { ...KINDS, delete_user: undecided } satisfies { [K in OperationKind]: KindSpec<K> };
    // @ts-expect-error a made-up kind's facts must decide it too
    const madeUp: KindFacts = { bucket: 'delete', suspends: false };
    expect([deletes, entry, table, madeUp]).toHaveLength(4);
  });

  it('does not compile an API kind that does not say how to tell its write landed, nor a manual kind that says it', () => {
    const { landed, ...unsaid } = KINDS.create_user;
    // @ts-expect-error an API kind's entry must say whether its write shows in a fresh read
    const entry: KindSpec<'create_user'> = unsaid;
    // @ts-expect-error nor does the table take such an entry
    const table = { ...KINDS, create_user: unsaid } satisfies { [K in OperationKind]: KindSpec<K> };
    // @ts-expect-error a manual kind never writes, so it has no landed check
    const manual: KindSpec<'restore_user'> = { ...KINDS.restore_user, landed: () => true };
    expect([landed, entry, table, manual]).toHaveLength(4);
  });

  it('has a landed check exactly for the kinds that are not manual, and hasLanded never asks a manual one', () => {
    const automatic = OPERATION_KINDS.filter((kind) => KINDS[kind].manual === false);
    expect(automatic.length).toBeGreaterThan(10);
    for (const kind of OPERATION_KINDS) expect([kind, typeof (KINDS[kind] as { landed?: unknown }).landed]).toEqual([kind, KINDS[kind].manual === false ? 'function' : 'undefined']);
    const restore = operation.restoreUser({ email: 'ada@acme.com', source: 's' });
    expect(hasLanded(restore, liveState({ users: [liveUser('ada@acme.com')] }))).toBe(false);
  });

  it('counts a made-up kind that deletes users under max_deletions, with no other edit', () => {
    const live = liveState({ users: ['a', 'b', 'c'].map((n) => liveUser(`${n}@acme.com`)) });
    const desired = desiredState({ users: [user('a@acme.com')], policy: { unmanagedUsers: 'delete', maxDeletions: 2 } });
    const plan = planOf(desired, live);
    const deletion = plan.operations.find((op) => op.kind === 'delete_user');
    if (deletion === undefined) throw new Error('the plan deletes b and c');
    // The operation a new kind would produce: only its kind is new.
    const purge = { ...deletion, id: 'op-3', kind: 'purge_user' };
    const operations = [...plan.operations, purge] as RuleContext['operations'];
    const table = { ...KINDS, purge_user: { bucket: 'delete', deletes: { counts: 'user' }, suspends: false } satisfies KindFacts };
    // Only the fields the rule reads: the policy, the live users and groups, the operations.
    const ctx = { desired, live, operations } as RuleContext;

    expect(countDeletions(operations, table).user.map((op) => op.id)).toEqual(['op-1', 'op-2', 'op-3']);
    expect(checkTooManyDeletions(ctx, table)).toEqual([
      expect.objectContaining({ code: 'too_many_deletions', operation_ids: ['op-1', 'op-2', 'op-3'] }),
    ]);
    expect(checkTooManyDeletions(ctx, table)[0]?.message).toContain('deletes 3 users and releases 0 numbers (3)');
    // The same operations without the made-up kind's entry: two deletions, within the limit.
    expect(checkTooManyDeletions({ ...ctx, operations: plan.operations })).toEqual([]);
  });

  it('gives every kind a manual and a deletes decision, and the operations carry manual as their kind says', () => {
    for (const kind of OPERATION_KINDS) {
      expect(KINDS[kind]).toHaveProperty('manual');
      expect(KINDS[kind]).toHaveProperty('deletes');
      expect(KINDS[kind]).toHaveProperty('suspends');
    }
    expect(OPERATION_KINDS.filter((k) => KINDS[k].suspends)).toEqual(['suspend_user']);
    expect(OPERATION_KINDS.filter((k) => KINDS[k].deletes !== false)).toEqual(['delete_user', 'release_number', 'delete_group', 'remove_operator', 'delete_room']);
    expect(OPERATION_KINDS.filter((k) => KINDS[k].manual !== false)).toEqual([
      'transfer_licenses',
      'buy_licenses',
      'cancel_licenses',
      'rename_office',
      'change_account_type',
      'restore_user',
      'grant_analytics',
      'revoke_analytics',
      'grant_proxy',
      'revoke_proxy',
    ]);
  });
});
