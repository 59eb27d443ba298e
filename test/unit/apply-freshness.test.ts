import { describe, expect, it } from 'vitest';
import { compareOperations, compareOrder, judgeFreshness } from '../../src/apply/check-freshness.js';
import { operation } from '../../src/plan/operations.js';
import type { LiveState, User } from '../../src/model/tenant.js';
import type { Operation, Plan } from '../../src/plan/types.js';
import { desiredState, liveOffice, liveState, liveUser, planOf, user } from '../support/builders.js';

/** The config: Ada and Bob as they should be, and Cleo, a new hire. */
const desired = desiredState({
  users: [user('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace' }), user('bob@acme.com'), user('cleo@acme.com')],
});

/** Live state before the plan: Ada's first name is wrong, Bob is right, Cleo does not exist. */
function liveWith(users: User[]): LiveState {
  return liveState({ users });
}
const ada = (over: Partial<User> = {}) => liveUser('ada@acme.com', { firstName: 'Augusta', lastName: 'Lovelace', ...over });
const bob = (over: Partial<User> = {}) => liveUser('bob@acme.com', over);
const cleo = () => liveUser('cleo@acme.com');

const before = liveWith([ada(), bob()]);
const saved = planOf(desired, before);
const SAVED_DIGEST = saved.basis.live_digest;

/** `judgeFreshness` against the live state the saved plan was made from, unless told otherwise. */
const judge = (input: Omit<Parameters<typeof judgeFreshness>[0], 'live'> & { live?: LiveState }) => judgeFreshness({ live: before, ...input });

/** `kind email` of operations, to assert on compactly. */
const named = (ops: Operation[]) => ops.map((op) => `${op.kind} ${op.target.type === 'user' ? op.target.email : ''}`);
const idOf = (plan: Plan, kind: Operation['kind']) => plan.operations.find((op) => op.kind === kind)?.id ?? '';

describe('judgeFreshness', () => {
  it('the saved plan is as expected: rename Ada, create Cleo', () => {
    expect(named(saved.operations).sort()).toEqual(['create_user cleo@acme.com', 'update_user ada@acme.com']);
  });

  it('fresh: nothing done, the live digest is the plan basis and the config asks for exactly its operations', () => {
    expect(judge({ plan: saved, done: new Set(), liveDigest: SAVED_DIGEST, fresh: planOf(desired, before) })).toEqual({ status: 'fresh', done: 0 });
  });

  it('stale: says what is needed now, no longer needed and needed differently, by identity rather than summary', () => {
    // Someone created Cleo, gave Ada another wrong last name, and renamed Bob in Dialpad.
    const now = liveWith([ada({ lastName: 'Byron' }), bob({ lastName: 'Other' }), cleo()]);
    const fresh = planOf(desired, now);
    const result = judge({ plan: saved, done: new Set(), liveDigest: 'sha256:now', fresh });
    expect(result.status).toBe('stale');
    if (result.status !== 'stale') return;
    expect(result).toMatchObject({ done: 0, savedDigest: SAVED_DIGEST, liveDigest: 'sha256:now' });
    expect(named(result.drift?.added ?? [])).toEqual(['update_user bob@acme.com']);
    expect(named(result.drift?.gone ?? [])).toEqual(['create_user cleo@acme.com']);
    expect(result.drift?.changed.map(({ saved: s, fresh: f }) => [named([s]), (s as { patch: unknown }).patch, (f as { patch: unknown }).patch])).toEqual([
      [['update_user ada@acme.com'], { first_name: 'Ada' }, { first_name: 'Ada', last_name: 'Lovelace' }],
    ]);
  });

  it('stale with the same operations against other live data: an empty drift', () => {
    const now = liveState({ users: [ada(), bob({ numbers: ['+14155550100'] })] });
    const result = judge({ plan: saved, done: new Set(), liveDigest: 'sha256:now', fresh: planOf(desired, now) });
    expect(result).toMatchObject({ status: 'stale', drift: { added: [], gone: [], changed: [] } });
  });

  it('refuses a saved plan without a config, or with a config other than the one it was made from, even when Dialpad is unchanged (issue 12 #2)', () => {
    expect(judge({ plan: saved, done: new Set(), liveDigest: SAVED_DIGEST })).toEqual({ status: 'uncheckable', done: 0, reason: 'no_config' });
    const other: Plan = { ...planOf(desired, before), basis: { ...saved.basis, config_digest: 'sha256:other-config' } };
    expect(judge({ plan: saved, done: new Set(), liveDigest: SAVED_DIGEST, fresh: other })).toEqual({ status: 'uncheckable', done: 0, reason: 'other_config' });
  });

  it('resumed: its own writes changed Dialpad, what is left is what a fresh plan needs → fresh', () => {
    const done = new Set([idOf(saved, 'update_user')]);
    const afterOwnWrites = liveWith([ada({ firstName: 'Ada' }), bob()]);
    const fresh = planOf(desired, afterOwnWrites);
    expect(judge({ plan: saved, done, liveDigest: 'sha256:after-own-writes', fresh })).toEqual({ status: 'fresh', done: 1 });
  });

  it('resumed: someone else also changed Dialpad → stale, naming only their change', () => {
    const done = new Set([idOf(saved, 'update_user')]);
    const afterBoth = liveWith([ada({ firstName: 'Ada' }), bob({ firstName: 'Robert' })]);
    const result = judge({ plan: saved, done, liveDigest: 'sha256:after-both', fresh: planOf(desired, afterBoth) });
    expect(result.status).toBe('stale');
    if (result.status !== 'stale') return;
    expect(result.done).toBe(1);
    expect(named(result.drift?.added ?? [])).toEqual(['update_user bob@acme.com']);
    expect(result.drift?.gone).toEqual([]);
    expect(result.drift?.changed).toEqual([]);
  });

  it('resumed: someone else undid one of its writes → stale (a fresh plan needs it again)', () => {
    const done = new Set([idOf(saved, 'update_user')]);
    const result = judge({ plan: saved, done, liveDigest: SAVED_DIGEST, fresh: planOf(desired, before) });
    expect(result.status === 'stale' && named(result.drift?.added ?? [])).toEqual(['update_user ada@acme.com']);
  });

  it('resumed: someone else did one of its remaining operations → stale', () => {
    const done = new Set([idOf(saved, 'update_user')]);
    const now = liveWith([ada({ firstName: 'Ada' }), bob(), cleo()]);
    const result = judge({ plan: saved, done, liveDigest: 'sha256:now', fresh: planOf(desired, now) });
    expect(result.status === 'stale' && named(result.drift?.gone ?? [])).toEqual(['create_user cleo@acme.com']);
  });

  it('resumed after a kill mid-write: the write in doubt that landed is not drift, so the rerun is not refused forever (issue 12 #4)', () => {
    // Killed after sending the create, before journalling it done: nothing is done, Cleo exists.
    const inDoubt = new Set([idOf(saved, 'create_user')]);
    const now = liveWith([ada(), bob(), cleo()]);
    expect(judge({ plan: saved, done: new Set(), inDoubt, liveDigest: 'sha256:now', fresh: planOf(desired, now), live: now })).toEqual({ status: 'fresh', done: 0 });
    // Without the journal's started entry, the same state is someone else's doing.
    expect(judge({ plan: saved, done: new Set(), liveDigest: 'sha256:now', fresh: planOf(desired, now), live: now })).toMatchObject({ status: 'stale' });
  });

  it('resumed without a config, or with a config other than the plan’s: uncheckable', () => {
    const done = new Set([idOf(saved, 'update_user')]);
    expect(judge({ plan: saved, done, liveDigest: 'sha256:x' })).toEqual({ status: 'uncheckable', done: 1, reason: 'no_config' });
    const other: Plan = { ...saved, operations: [], basis: { ...saved.basis, config_digest: 'sha256:other-config' } };
    expect(judge({ plan: saved, done, liveDigest: 'sha256:x', fresh: other })).toEqual({ status: 'uncheckable', done: 1, reason: 'other_config' });
  });

  it('resumed: a manual step a person has since done is not drift', () => {
    const hq = { key: 'hq', id: '1', name: 'HQ' };
    const ldn = { key: 'ldn', id: '2', name: 'London' };
    const rename = operation.updateUser({ email: 'ada@acme.com', id: '10', source: 's', patch: { first_name: 'Ada' } });
    const move = operation.transferLicenses({ line: 'talk', count: 1, from: hq, to: ldn, toPurchasedAfter: 2, source: 's' });
    const hire = operation.createUser({ email: 'cleo@acme.com', source: 's', office: ldn, firstName: 'Cleo', lastName: 'T', license: 'talk' });
    const plan: Plan = { ...saved, operations: [{ ...rename, id: 'op-1' }, { ...move, id: 'op-2' }, { ...hire, id: 'op-3', after: ['op-2'] }] };
    const fresh: Plan = { ...saved, operations: [{ ...hire, id: 'op-1' }] };
    const live = liveState({ offices: [liveOffice('hq', { id: '1', name: 'HQ' }), liveOffice('ldn', { id: '2', name: 'London' })] });
    expect(judge({ plan, done: new Set(['op-1']), liveDigest: 'sha256:x', fresh, live })).toEqual({ status: 'fresh', done: 1 });
    // An API operation no longer needed is someone else's doing.
    const noHire: Plan = { ...saved, operations: [{ ...move, id: 'op-1' }] };
    expect(judge({ plan, done: new Set(['op-1']), liveDigest: 'sha256:x', fresh: noHire, live })).toMatchObject({ status: 'stale' });
  });
});

describe('compareOperations', () => {
  const assign = (number: string, primary: boolean, email = 'ada@acme.com') => operation.assignNumber({ email, source: 's', number, primary });

  it('matches operations as multisets, equal identities first, then by slot, in plan order', () => {
    const saved = [assign('+1', true), assign('+2', false), assign('+3', false)];
    const fresh = [assign('+3', false), assign('+1', false), assign('+4', false)];
    const drift = compareOperations(saved, fresh);
    expect(drift.changed.map((c) => [(c.saved as { primary: boolean }).primary, (c.fresh as { primary: boolean }).primary])).toEqual([[true, false]]);
    expect(drift.gone.map((op) => (op as { number: string }).number)).toEqual(['+2']);
    expect(drift.added.map((op) => (op as { number: string }).number)).toEqual(['+4']);
  });

  it('counts repeated operations', () => {
    const op = operation.suspendUser({ email: 'bob@acme.com', source: 's' });
    expect(compareOperations([op], [op, op]).added).toHaveLength(1);
    expect(compareOperations([op, op], [op]).gone).toHaveLength(1);
  });
});

/** A plan whose only operation is manual: Ada gets analytics (the fresh plan without it: confirmed meanwhile). */
describe('judgeFreshness and manual steps (issue 14 #1, #3)', () => {
  const withAnalytics = desiredState({ users: [user('ada@acme.com', { analytics: true })] });
  const live = liveState({ users: [liveUser('ada@acme.com')] });
  const plan = planOf(withAnalytics, live);
  const judgeManual = (input: { liveDigest: string; fresh: Plan; waiting?: Set<string> }) =>
    judgeFreshness({ plan, done: new Set(), live, ...input, ...(input.waiting === undefined ? {} : { waiting: input.waiting }) });

  it('resumes a plan whose manual step a person did before its first apply, though the digest moved (issue 14 #1)', () => {
    const fresh = { ...planOf(withAnalytics, live), operations: [] };
    expect(plan.operations.map((op) => op.kind)).toEqual(['grant_analytics']);
    expect(judgeManual({ liveDigest: 'sha256:moved', fresh })).toEqual({ status: 'fresh', done: 0 });
  });

  it('a plan the journal shows waiting for a manual step is under way: a moved digest is judged by its operations (issue 14 #1)', () => {
    expect(judgeManual({ liveDigest: 'sha256:moved', fresh: planOf(withAnalytics, live), waiting: new Set(['op-1']) })).toEqual({ status: 'fresh', done: 0 });
    expect(judgeManual({ liveDigest: 'sha256:moved', fresh: planOf(withAnalytics, live) }).status).toBe('stale');
  });

  it('calls a restore the fresh plan replaces by a create no longer possible (issue 14 #3)', () => {
    const back = desiredState({ users: [user('ada@acme.com')] });
    const deleted = liveState({ users: [liveUser('ada@acme.com', { state: 'deleted' })] });
    const restore = planOf(back, deleted);
    expect(restore.operations.map((op) => op.kind)).toEqual(['restore_user']);
    const fresh = planOf(back, liveState({ users: [] }));
    const verdict = judgeFreshness({ plan: restore, done: new Set(), liveDigest: 'sha256:moved', fresh, live: liveState({ users: [] }) });
    expect(verdict.status).toBe('stale');
    if (verdict.status !== 'stale') return;
    expect(named(verdict.drift.impossible)).toEqual(['restore_user ada@acme.com']);
    expect(verdict.drift.gone).toEqual([]);
  });
});

/** Bob's number moves to Ada: the unassign from Bob frees what the assign to Ada claims. */
describe('judgeFreshness and the order of operations', () => {
  const NUMBER = '+14155550100';
  const wanted = desiredState({ users: [user('ada@acme.com', { numbers: [NUMBER] }), user('bob@acme.com', { numbers: [] })] });
  const live = liveState({ users: [liveUser('ada@acme.com'), liveUser('bob@acme.com', { numbers: [NUMBER] })] });
  const plan = planOf(wanted, live);
  const judgeOrder = (saved: Plan, done = new Set<string>()) =>
    judgeFreshness({ plan: saved, done, live, liveDigest: saved.basis.live_digest, fresh: planOf(wanted, live) });
  const [unassign, assign] = plan.operations;

  it('the plan unassigns before it assigns, and the assign follows the unassign', () => {
    expect(plan.operations.map((op) => op.kind)).toEqual(['unassign_number', 'assign_number']);
    expect(assign?.after).toEqual([unassign?.id]);
    expect(judgeOrder(plan)).toEqual({ status: 'fresh', done: 0 });
  });

  it('refuses the same operations in another order: the assign before the unassign it needs', () => {
    if (unassign === undefined || assign === undefined) throw new Error('two operations expected');
    const swapped: Plan = { ...plan, operations: [{ ...assign, id: 'op-1', after: [] }, { ...unassign, id: 'op-2', after: [] }] };
    const result = judgeOrder(swapped);
    expect(result.status).toBe('altered');
    if (result.status !== 'altered') return;
    expect(result.drift).toMatchObject({ added: [], gone: [], changed: [] });
    expect(result.drift.reordered.map((r) => [r.saved.id, r.saved.kind, r.reason])).toEqual([
      ['op-1', 'assign_number', 'after'],
      ['op-2', 'unassign_number', 'order'],
    ]);
  });

  it('refuses the same order with a dependency dropped: the assign would run though the unassign waits or failed', () => {
    if (unassign === undefined || assign === undefined) throw new Error('two operations expected');
    const loose: Plan = { ...plan, operations: [unassign, { ...assign, after: [] }] };
    const result = judgeOrder(loose);
    expect(result.status === 'altered' && result.drift.reordered.map((r) => [r.saved.kind, r.reason])).toEqual([['assign_number', 'after']]);
  });

  it('resumed: the operations left keep their order, and a dependency on a done one is not drift', () => {
    if (unassign === undefined) throw new Error('two operations expected');
    const afterUnassign = liveState({ users: [liveUser('ada@acme.com'), liveUser('bob@acme.com')], numbers: [{ number: NUMBER, status: 'available' }] });
    const fresh = planOf(wanted, afterUnassign);
    expect(fresh.operations.map((op) => op.kind)).toEqual(['assign_number']);
    const result = judgeFreshness({ plan, done: new Set([unassign.id]), live: afterUnassign, liveDigest: fresh.basis.live_digest, fresh });
    expect(result).toEqual({ status: 'fresh', done: 1 });
  });
});

describe('compareOrder', () => {
  const suspend = (email: string) => operation.suspendUser({ email, source: 's' });

  it('names each operation the saved plan runs after one its twin precedes, matching repeated operations in order', () => {
    const [a, b, c] = [suspend('a@acme.com'), suspend('b@acme.com'), suspend('c@acme.com')].map((op, i) => ({ ...op, id: `op-${i + 1}` }));
    if (a === undefined || b === undefined || c === undefined) throw new Error('three operations expected');
    expect(compareOrder([a, b, c], [a, b, c])).toEqual([]);
    expect(compareOrder([c, a, b], [a, b, c]).map((r) => [r.saved.id, r.reason])).toEqual([
      ['op-1', 'order'],
      ['op-2', 'order'],
    ]);
  });
});
