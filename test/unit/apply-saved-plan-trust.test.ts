import { describe, expect, it } from 'vitest';
import { judgeFreshness } from '../../src/apply/check-freshness.js';
import { checkTargets } from '../../src/apply/check-targets.js';
import { listEmailAliases, matchUsers } from '../../src/model/match-users.js';
import { operation } from '../../src/plan/operations.js';
import type { Office } from '../../src/model/tenant.js';
import type { Operation, Plan } from '../../src/plan/types.js';
import { desiredState, digestedPlanOf, liveState, liveUser, planOf, poolNumber, user } from '../support/builders.js';

/**
 * Issue 12 #2: a saved plan is data anyone could edit. Each test edits a planner-made plan the
 * way the issue did and checks that `judgeFreshness` (what `apply FILE` runs first) refuses it,
 * naming the check that failed.
 */
const boss = { firstName: 'Grace', admin: { company: true, offices: [] } };
const desired = desiredState({
  users: [user('ada@acme.com'), user('boss@acme.com', boss)],
  policy: { unmanagedUsers: 'delete', protected: ['boss@acme.com'] },
  reserved: { keep: ['+14155550100'], releaseUnlisted: true },
});
const live = liveState({
  users: [liveUser('ada@acme.com'), liveUser('boss@acme.com', boss), liveUser('old@acme.com')],
  numbers: [poolNumber('+14155550100')],
});
const saved = planOf(desired, live);
/** `fresh`: a plan of the config against the read (`null`: no config given). */
const judge = (plan: Plan, fresh: Plan | null = planOf(desired, live)) =>
  judgeFreshness({ plan, done: new Set(), liveDigest: plan.basis.live_digest, live, ...(fresh === null ? {} : { fresh }) });

/** The saved plan with its operations replaced (the rest of the file as it was). */
const edited = (operations: Operation[], over: Partial<Plan> = {}): Plan => ({ ...saved, operations, ...over });

describe('a saved plan is not trusted as written (issue 12 #2)', () => {
  it('the saved plan is as reviewed: delete old@ only, not blocked', () => {
    expect(saved.operations.map((op) => `${op.kind} ${op.target.type === 'user' ? op.target.email : ''}`)).toEqual(['delete_user old@acme.com']);
    expect(saved.summary.blocked).toBe(false);
    expect(judge(saved)).toEqual({ status: 'fresh', done: 0 });
  });

  it('refuses a saved plan whose delete target id was edited to another user (issue 12 #2)', () => {
    const [remove] = saved.operations as [Operation];
    const tampered = edited([{ ...remove, target: { type: 'user', email: 'old@acme.com', id: 'u-boss' } } as Operation]);
    const result = judge(tampered);
    expect(result.status).toBe('mismatched');
    if (result.status !== 'mismatched') return;
    expect(result.mismatches.map((m) => [m.operation.id, m.at, m.names, m.found])).toEqual([
      ['op-1', '/target', 'user old@acme.com (id u-boss)', 'id u-boss is the live user boss@acme.com'],
    ]);
  });

  it('refuses a blocked saved plan edited to blocked: false with no violations (issue 12 #2)', () => {
    // The config no longer lists the only company admin, who is protected: deleting him is blocked.
    const without = desiredState({ ...desired, users: [user('ada@acme.com')], policy: desired.policy, reserved: desired.reservedNumbers });
    const blocked = planOf(without, live);
    expect(blocked.summary.blocked).toBe(true);
    const tampered: Plan = { ...blocked, summary: { ...blocked.summary, blocked: false }, violations: [] };
    const result = judge(tampered, planOf(without, live));
    expect(result.status).toBe('blocked');
    if (result.status !== 'blocked') return;
    expect(result.violations.map((v) => v.code)).toEqual(expect.arrayContaining(['protected_user', 'last_company_admin']));
  });

  it('refuses a saved plan with an added release_number of a kept number (issue 12 #2)', () => {
    const release = { ...operation.releaseNumber({ number: '+14155550100', source: 'unmanaged' }), id: 'op-2' };
    const result = judge(edited([...saved.operations, release]));
    expect(result.status).toBe('altered');
    if (result.status !== 'altered') return;
    expect(result.drift.gone.map((op) => op.kind)).toEqual(['release_number']);
    expect(result.drift.added).toEqual([]);
  });

  it('refuses a saved plan made from config A applied under config B (issue 12 #2)', () => {
    const configB = desiredState({ ...desired, users: [user('ada@acme.com'), user('boss@acme.com', boss), user('old@acme.com')], policy: desired.policy, reserved: desired.reservedNumbers });
    const fromA = digestedPlanOf(desired, live);
    expect(judge(fromA, digestedPlanOf(configB, live))).toEqual({ status: 'uncheckable', done: 0, reason: 'other_config' });
    expect(judge(fromA, null)).toEqual({ status: 'uncheckable', done: 0, reason: 'no_config' });
    expect(judge(fromA, digestedPlanOf(desired, live))).toEqual({ status: 'fresh', done: 0 });
  });
});

describe('checkTargets (issue 12 #2)', () => {
  it('refuses an office ref whose id is another live office than its config key, naming both', () => {
    const offices = liveState({}).tenant.offices;
    const [hq] = offices as [Office];
    const state = liveState({ users: [liveUser('ada@acme.com')], offices: [...offices, { ...hq, key: 'ldn', id: 'id-ldn', name: 'London' }] });
    const move = operation.moveUser({ email: 'ada@acme.com', id: 'u-ada', source: 's', from: { key: 'hq', id: 'id-hq', name: 'Acme hq' }, to: { key: 'ldn', id: 'id-hq', name: 'London' }, numbersToPool: [], international: false, via: 'move_office' });
    expect(checkTargets([move], state).map((m) => [m.at, m.names, m.found])).toEqual([
      ['/to', 'office "London" (id id-hq)', 'id id-hq is the live office "Acme hq"; "London" is office id-ldn'],
    ]);
  });
});

describe('a saved plan that changes an email (previous_emails)', () => {
  const renamed = desiredState({ users: [user('ada@acme.com'), user('new@acme.com', { previousEmails: ['old@acme.com'] })] });
  const before = liveState({ users: [liveUser('ada@acme.com'), liveUser('old@acme.com')] });
  const plan = planOf(renamed, before);
  const aliases = listEmailAliases(matchUsers(renamed, before));
  const judgeRenamed = (p: Plan) =>
    judgeFreshness({ plan: p, done: new Set(), liveDigest: plan.basis.live_digest, live: before, fresh: plan, emailAliases: aliases });

  it('names the user by the new email and the live id of the old account, and is fresh', () => {
    expect(plan.operations.map((op) => [op.kind, 'target' in op ? op.target : undefined])).toEqual([
      ['update_user', { type: 'user', email: 'new@acme.com', id: 'u-old' }],
    ]);
    expect(judgeRenamed(plan)).toEqual({ status: 'fresh', done: 0 });
  });

  it('is still refused when its target id is edited to another user', () => {
    const [change] = plan.operations as [Operation];
    const tampered = { ...plan, operations: [{ ...change, target: { type: 'user', email: 'new@acme.com', id: 'u-ada' } } as Operation] };
    const result = judgeRenamed(tampered);
    expect(result.status).toBe('mismatched');
    if (result.status !== 'mismatched') return;
    expect(result.mismatches.map((m) => [m.at, m.names, m.found])).toEqual([['/target', 'user new@acme.com (id u-ada)', 'id u-ada is the live user ada@acme.com']]);
  });

  it('checkTargets: a user ref matches its live id by the live email or the config email aliased to it, nothing else', () => {
    const ref = (email: string, id: string) => operation.updateUser({ email, id, source: 's', patch: { first_name: 'X' } });
    const found = (email: string, id: string) => checkTargets([ref(email, id)], before, aliases).length;
    expect([found('new@acme.com', 'u-old'), found('old@acme.com', 'u-old'), found('new@acme.com', 'u-ada'), found('ada@acme.com', 'u-old')]).toEqual([0, 0, 1, 1]);
    expect(checkTargets([ref('new@acme.com', 'u-old')], before)).toHaveLength(1);
  });
});
