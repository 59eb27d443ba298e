import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasLanded } from '../../src/apply/execute-operation.js';
import { identifyPlan, memoryJournal, openJournal } from '../../src/apply/journal.js';
import { liveState, liveUser } from '../support/builders.js';
import type { ApplyApi } from '../../src/apply/types.js';
import { BugError, DialformError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import type { Operation, Plan } from '../../src/plan/types.js';
import { fingerprintPlan } from '../../src/plan/fingerprint.js';

const HQ = { key: 'hq', id: '1', name: 'HQ' };
const LONDON = { key: 'london', id: '2', name: 'London' };

function base(id: string, email: string, after: string[] = []) {
  return {
    id,
    target: { type: 'user' as const, email, id: `id-${email}` },
    changes: [],
    manual: false,
    reversible: 'yes' as const,
    source: 'dialform.yaml:1',
    after,
    summary: `${id} for ${email}`,
    notes: [],
    office_key: 'hq',
  };
}

function planOf(operations: Operation[], blocked = false): Plan {
  return {
    format_version: 1,
    created_at: '2026-11-26T18:00:00Z',
    basis: { config_digest: 'sha256:c', live_digest: 'sha256:l' },
    fingerprint: fingerprintPlan({ basis: { config_digest: 'sha256:c' }, operations }),
    summary: { create: 0, update: 0, delete: 0, move: 0, manual: 0, blocked },
    operations,
    violations: [],
    pool: [],
    unverifiable: [],
    offices: [{ key: 'hq', name: 'Acme HQ' }],
  };
}

/** A fake API recording calls; `failOn` names a call that throws an API-style error. */
function fakeApi(opts: { failOn?: string; purchased?: number } = {}) {
  const calls: string[] = [];
  const record = (call: string) => {
    calls.push(call);
    if (call === opts.failOn) throw new DialformError('api_error', `${call} failed: 400 no free license`);
  };
  const api: ApplyApi = {
    async createOffice(input) {
      record(`createOffice ${input.name}`);
      return { id: 'new-office' };
    },
    async findOfficeByName() {
      return undefined;
    },
    async createUser(input) {
      record(`createUser ${input.email} ${input.officeId}`);
      return { id: `new-${input.email}` };
    },
    async findUserByEmail(email) {
      return { id: `found-${email}`, state: 'active' };
    },
    async updateUser(id, patch) {
      record(`updateUser ${id} ${JSON.stringify(patch)}`);
    },
    async moveUser(id, officeId) {
      record(`moveUser ${id} ${officeId}`);
    },
    async readUserNumbers(id) {
      record(`readUserNumbers ${id}`);
      return { officeId: 'id-hq', numbers: [] };
    },
    async setUserOffice(id, officeId) {
      record(`setUserOffice ${id} ${officeId}`);
    },
    async assignChosenNumber(userId) {
      record(`assignChosenNumber ${userId}`);
      return '+14155550177';
    },
    async deleteUser(id) {
      record(`deleteUser ${id}`);
    },
    async assignNumber(userId, number) {
      record(`assignNumber ${userId} ${number}`);
    },
    async unassignNumber(userId, number) {
      record(`unassignNumber ${userId} ${number}`);
    },
    async releaseNumber(number) {
      record(`releaseNumber ${number}`);
    },
    async officeName(officeId) {
      record(`officeName ${officeId}`);
      return '';
    },
    async accountType() {
      record('accountType');
      return 'pro';
    },
    async purchasedLicenses(officeId, line) {
      record(`purchasedLicenses ${officeId} ${line}`);
      return opts.purchased ?? 0;
    },
    async createGroup(input) {
      record(`createGroup ${input.type} ${input.name} ${input.officeId}`);
      return { id: `new-${input.name}` };
    },
    async findGroupByName() {
      return undefined;
    },
    async renameGroup(type, id, name) {
      record(`renameGroup ${type} ${id} ${name}`);
    },
    async deleteGroup(type, id) {
      record(`deleteGroup ${type} ${id}`);
    },
    async addOperator(input) {
      record(`addOperator ${input.type} ${input.groupId} ${input.userId} ${input.role}`);
    },
    async removeOperator(type, groupId, userId) {
      record(`removeOperator ${type} ${groupId} ${userId}`);
    },
    async setOfficeE911(officeId, address) {
      record(`setOfficeE911 ${officeId} ${address.zip}`);
    },
    async setUserE911(userId, address) {
      record(`setUserE911 ${userId} ${address.zip}`);
    },
    async setCallerId(userId, callerId) {
      record(`setCallerId ${userId} ${callerId}`);
    },
    async updateGroupSettings(type, groupId, body) {
      record(`updateGroupSettings ${type} ${groupId} ${Object.keys(body).join(',')}`);
    },
    async createRoom(input) {
      record(`createRoom ${input.name} ${input.officeId}`);
      return { id: 'new-room' };
    },
    async findRoomByName() {
      return undefined;
    },
    async renameRoom(id, name) {
      record(`renameRoom ${id} ${name}`);
    },
    async deleteRoom(id) {
      record(`deleteRoom ${id}`);
    },
    async assignRoomNumber(roomId, number, primary) {
      record(`assignRoomNumber ${roomId} ${number} ${primary}`);
    },
    async unassignRoomNumber(roomId, number) {
      record(`unassignRoomNumber ${roomId} ${number}`);
    },
    async setSkill(callCenterId, userId, skillLevel) {
      record(`setSkill ${callCenterId} ${userId} ${skillLevel}`);
    },
  };
  return { api, calls };
}

const ops: Operation[] = [
  { ...base('op-1', 'old@acme.com'), kind: 'delete_user' },
  {
    ...base('op-2', 'new@acme.com'),
    target: { type: 'user', email: 'new@acme.com' },
    kind: 'create_user',
    email: 'new@acme.com',
    office: HQ,
    first_name: 'New',
    last_name: 'Hire',
    license: 'talk',
  },
  { ...base('op-3', 'new@acme.com', ['op-2']), target: { type: 'user', email: 'new@acme.com' }, kind: 'assign_number', number: '+14155550108', primary: true },
];

describe('applyPlan', () => {
  it('executes operations in plan order and resolves ids of users it created', async () => {
    const { api, calls } = fakeApi();
    const report = await applyPlan(planOf(ops), { api, journal: memoryJournal() });
    expect(report.status).toBe('complete');
    expect(calls).toEqual([
      'deleteUser id-old@acme.com',
      'createUser new@acme.com 1',
      'assignNumber new-new@acme.com +14155550108',
    ]);
  });

  it('overlaps independent operations, up to its concurrency, so latency does not idle the rate limit (issue 15 #2)', async () => {
    const { api } = fakeApi();
    let inFlight = 0;
    let most = 0;
    const updated: string[] = [];
    const slow: ApplyApi = {
      ...api,
      async updateUser(id) {
        most = Math.max(most, ++inFlight);
        // One turn of the event loop stands for the round trip; anything started meanwhile overlaps it.
        await new Promise<void>((resolve) => setImmediate(resolve));
        inFlight--;
        updated.push(id);
      },
    };
    const renames: Operation[] = Array.from({ length: 6 }, (_, i) => ({
      ...base(`op-${i + 1}`, `u${i}@acme.com`),
      kind: 'update_user' as const,
      patch: { last_name: 'Renamed' },
    }));
    const report = await applyPlan(planOf(renames), { api: slow, journal: memoryJournal(), concurrency: 3 });
    expect(report.results.map((r) => `${r.id} ${r.outcome.status}`)).toEqual(renames.map((op) => `${op.id} done`));
    expect(most).toBe(3);
    expect(updated).toHaveLength(6);
  });

  it('starts an operation only after the operations it follows have finished (issue 15 #2)', async () => {
    const { api } = fakeApi();
    const events: string[] = [];
    const slow: ApplyApi = {
      ...api,
      async createUser(input) {
        events.push(`create ${input.email} start`);
        await new Promise<void>((resolve) => setImmediate(resolve));
        events.push(`create ${input.email} end`);
        return { id: `new-${input.email}` };
      },
      async assignNumber(userId, number) {
        events.push(`assign ${number} to ${userId}`);
      },
    };
    const report = await applyPlan(planOf(ops), { api: slow, journal: memoryJournal() });
    expect(report.status).toBe('complete');
    expect(events).toEqual(['create new@acme.com start', 'create new@acme.com end', 'assign +14155550108 to new-new@acme.com']);
  });

  it('overlaps only operations of one kind in a row: another kind waits for everything before it, edges or not (issue 15 review #2)', async () => {
    const { api } = fakeApi();
    const events: string[] = [];
    const slow: ApplyApi = {
      ...api,
      async updateUser(id) {
        events.push(`update ${id} start`);
        await new Promise<void>((resolve) => setImmediate(resolve));
        events.push(`update ${id} end`);
      },
      async createUser(input) {
        events.push(`create ${input.email}`);
        return { id: `new-${input.email}` };
      },
    };
    // No `after` edges: what orders them is the plan's order (its phases), which apply keeps.
    const update = (id: string, email: string): Operation => ({ ...base(id, email), kind: 'update_user', patch: { last_name: 'Renamed' } });
    const create: Operation = { ...base('op-3', 'new@acme.com'), target: { type: 'user', email: 'new@acme.com' }, kind: 'create_user', email: 'new@acme.com', office: HQ, license: 'talk', first_name: 'New', last_name: 'Hire' };
    const report = await applyPlan(planOf([update('op-1', 'a@acme.com'), update('op-2', 'b@acme.com'), create]), { api: slow, journal: memoryJournal(), concurrency: 4 });
    expect(report.status).toBe('complete');
    expect(events.slice(0, 2)).toEqual(['update id-a@acme.com start', 'update id-b@acme.com start']);
    expect(events.at(-1)).toBe('create new@acme.com');
    expect(events.indexOf('create new@acme.com')).toBeGreaterThan(events.indexOf('update id-b@acme.com end'));
  });

  it('reads Dialpad once for every operation a kill left in doubt (issue 15 review #6)', async () => {
    const renames: Operation[] = Array.from({ length: 3 }, (_, i) => ({ ...base(`op-${i + 1}`, `u${i}@acme.com`), kind: 'update_user' as const, patch: { last_name: 'Renamed' } }));
    const plan = planOf(renames);
    const at = '2026-11-26T18:00:00Z';
    const journal = memoryJournal(renames.map((op) => ({ plan: identifyPlan(plan), op: op.id, kind: op.kind, status: 'started' as const, at })));
    let reads = 0;
    const report = await applyPlan(plan, { api: fakeApi().api, journal, readLive: async () => (reads++, liveState({})), concurrency: 4 });
    expect(report.status).toBe('complete');
    expect(reads).toBe(1);
  });

  it('stops at the first failure and lists what did not run', async () => {
    const { api, calls } = fakeApi({ failOn: 'createUser new@acme.com 1' });
    const report = await applyPlan(planOf(ops), { api, journal: memoryJournal() });
    expect(report.status).toBe('failed');
    expect(report.results.map((r) => r.outcome.status)).toEqual(['done', 'failed', 'not_run']);
    expect(calls).toHaveLength(2);
  });

  it('skips operations the journal records as done, so a rerun repeats nothing', async () => {
    const journal = memoryJournal();
    const first = fakeApi({ failOn: 'createUser new@acme.com 1' });
    await applyPlan(planOf(ops), { api: first.api, journal });
    const second = fakeApi();
    const report = await applyPlan(planOf(ops), { api: second.api, journal });
    expect(report.status).toBe('complete');
    expect(report.results.map((r) => r.outcome.status)).toEqual(['already_done', 'done', 'done']);
    expect(second.calls).toEqual(['createUser new@acme.com 1', 'assignNumber new-new@acme.com +14155550108']);
  });

  it('runs what does not depend on a pending manual transfer, then waits', async () => {
    const transfer: Operation = {
      ...base('op-1', 'x@acme.com'),
      target: { type: 'office', key: 'london', id: '2', name: 'London' },
      manual: true,
      kind: 'transfer_licenses',
      line: 'talk',
      count: 2,
      from: HQ,
      to: LONDON,
      to_purchased_after: 8,
    };
    const create: Operation = { ...(ops[1] as Operation), id: 'op-2', after: ['op-1'] };
    const unrelated: Operation = { ...base('op-3', 'old@acme.com'), kind: 'delete_user' };
    const { api, calls } = fakeApi({ purchased: 6 });
    const report = await applyPlan(planOf([transfer, create, unrelated]), { api, journal: memoryJournal() });
    expect(report.status).toBe('waiting');
    expect(report.results.map((r) => r.outcome.status)).toEqual(['waiting', 'not_run', 'done']);
    expect(calls).toEqual(['purchasedLicenses 2 talk', 'deleteUser id-old@acme.com']);

    const after = fakeApi({ purchased: 8 });
    const rerun = await applyPlan(planOf([transfer, create, unrelated]), { api: after.api, journal: memoryJournal() });
    expect(rerun.status).toBe('complete');
  });

  it('Ctrl-C during apply: starts nothing once interrupted, lets what is in flight finish, and reports interrupted (issue 27 #11)', async () => {
    const renames: Operation[] = ['a', 'b', 'c'].map((n, i) => ({ ...base(`op-${i + 1}`, `${n}@acme.com`), kind: 'update_user', patch: { first_name: 'New' } }));
    const { api, calls } = fakeApi();
    const stop = new AbortController();
    const report = await applyPlan(planOf(renames), {
      api,
      journal: memoryJournal(),
      concurrency: 1,
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'result') stop.abort();
      },
    });
    expect(report.status).toBe('interrupted');
    expect(report.results.map((r) => r.outcome.status)).toEqual(['done', 'not_run', 'not_run']);
    expect(calls).toEqual([`updateUser id-a@acme.com ${JSON.stringify({ firstName: 'New' })}`]);
  });

  it('refuses a blocked plan before any write', async () => {
    const { api, calls } = fakeApi();
    await expect(applyPlan(planOf(ops, true), { api, journal: memoryJournal() })).rejects.toMatchObject({
      code: 'plan_blocked',
      exitCode: EXIT.blocked,
    });
    expect(calls).toEqual([]);
  });

  it('rejects with a BugError from the API instead of journalling it as the operation failing', async () => {
    const { api, calls } = fakeApi();
    const bug = new BugError('createUser was handed an office id it should never see');
    const broken: ApplyApi = {
      ...api,
      async createUser() {
        throw bug;
      },
    };
    const journal = memoryJournal();
    await expect(applyPlan(planOf(ops), { api: broken, journal })).rejects.toBe(bug);
    expect(calls).toEqual(['deleteUser id-old@acme.com']);
    // op-1 and op-2 are independent, so they overlap: their entries may interleave.
    expect(journal.entries.map((e) => `${e.op} ${e.status}`).sort()).toEqual(['op-1 done', 'op-1 started', 'op-2 started']);
    expect(journal.entries.some((e) => e.status === 'failed')).toBe(false);
  });

  it('resumed after a kill mid-write, reads Dialpad and does not re-send a create that landed (issue 12 #4)', async () => {
    const plan = planOf(ops);
    const planId = identifyPlan(plan);
    const at = '2026-11-26T18:00:00Z';
    // The first run deleted old@, journalled the intent to create new@, and was killed before the answer.
    const journal = memoryJournal([
      { plan: planId, op: 'op-1', kind: 'delete_user', status: 'started', at },
      { plan: planId, op: 'op-1', kind: 'delete_user', status: 'done', at },
      { plan: planId, op: 'op-2', kind: 'create_user', status: 'started', at },
    ]);
    const landed = liveState({ users: [liveUser('new@acme.com', { id: '77' })] });
    const { api, calls } = fakeApi();
    const reads: string[] = [];
    const readLive = async () => (reads.push('read'), landed);
    const report = await applyPlan(plan, { api, journal, readLive });
    expect(report.results.map((r) => r.outcome.status)).toEqual(['already_done', 'already_done', 'done']);
    expect(calls).toEqual(['assignNumber found-new@acme.com +14155550108']);
    expect(reads).toEqual(['read']);
    expect(journal.entries.slice(3).map((e) => [e.op, e.status])).toEqual([['op-2', 'done'], ['op-3', 'started'], ['op-3', 'done']]);

    // Had it not landed, it is sent again.
    const again = memoryJournal([{ plan: planId, op: 'op-2', kind: 'create_user', status: 'started', at }]);
    const second = fakeApi();
    await applyPlan(plan, { api: second.api, journal: again, readLive: async () => liveState({}) });
    expect(second.calls).toContain('createUser new@acme.com 1');
  });

  it('journals a started entry before each API write, so a kill between write and done leaves it in doubt (issue 12 #4)', async () => {
    const journal = memoryJournal();
    const { api } = fakeApi();
    await applyPlan(planOf(ops.slice(0, 1)), { api, journal });
    expect(journal.entries.map((e) => e.status)).toEqual(['started', 'done']);
    expect(await journal.progress(identifyPlan(planOf(ops.slice(0, 1))))).toEqual({ done: new Set(['op-1']), inDoubt: new Set(), waiting: new Set() });
  });

  it('a delete_user marked manual: true still journals its started line: the kind decides, not the field (issue 26 #9)', async () => {
    const journal = memoryJournal();
    const { api, calls } = fakeApi();
    const deletion = { ...base('op-1', 'old@acme.com'), kind: 'delete_user' as const, manual: true };
    await applyPlan(planOf([deletion]), { api, journal });
    expect(calls).toEqual(['deleteUser id-old@acme.com']);
    expect(journal.entries.map((e) => [e.op, e.status])).toEqual([['op-1', 'started'], ['op-1', 'done']]);
  });

  it('refuses before the first write when the journal path is a directory or a device (issue 12 #4)', async () => {
    for (const path of [await mkdtemp(join(tmpdir(), 'dialform-journal-dir-')), '/dev/null']) {
      const { api, calls } = fakeApi();
      await expect(applyPlan(planOf(ops), { api, journal: openJournal(path) })).rejects.toMatchObject({
        code: 'journal_unusable',
        message: expect.stringContaining(path),
      });
      expect(calls).toEqual([]);
    }
  });
});

describe('hasLanded (issue 12 #4)', () => {
  const live = liveState({
    users: [liveUser('old@acme.com', { id: 'id-old@acme.com', state: 'deleted' }), liveUser('new@acme.com', { numbers: ['+14155550108'] })],
  });
  const [remove, create, assign] = ops as [Operation, Operation, Operation];
  const release: Operation = { ...base('op-9', 'pool'), target: { type: 'number', number: '+14155550108' }, kind: 'release_number', number: '+14155550108' };
  it.each([
    ['delete_user of a deleted user', remove, live, true],
    ['delete_user of a live user', remove, liveState({ users: [liveUser('old@acme.com', { id: 'id-old@acme.com' })] }), false],
    ['create_user of an existing user', create, live, true],
    ['create_user of a missing user', create, liveState({}), false],
    ['assign_number held by the user', assign, live, true],
    ['assign_number not held', assign, liveState({ users: [liveUser('new@acme.com')] }), false],
    ['release_number of a number out of the pool and held by no one', release, liveState({}), true],
    // The read holds the pool and users' numbers: a number that left the pool for a user was not released (issue 15 review #8).
    ['release_number of a number a user now holds', release, live, false],
  ] as const)('%s → %s', (_, op, state, expected) => {
    expect(hasLanded(op, state)).toBe(expected);
  });
});

describe('the journal carries whom each operation acted on (issue 27 #6)', () => {
  it('status forgets what dialform did: the journal carries the subject and the numbers pooled from whom (issue 27 #6)', async () => {
    const op: Operation = { ...base('op-1', 'Old@acme.com'), kind: 'delete_user' };
    const plan: Plan = { ...planOf([op]), pool: [{ number: '+14155550102', direction: 'in', user: 'Old@acme.com', office: 'hq', operation_id: 'op-1' }] };
    const journal = memoryJournal();
    const report = await applyPlan(plan, { api: fakeApi().api, journal, now: () => new Date('2026-11-26T10:00:00Z') });
    expect(report.status).toBe('complete');
    expect(journal.entries.map((e) => ({ status: e.status, subject: e.subject, to_pool: e.to_pool, at: e.at }))).toEqual([
      { status: 'started', subject: 'Old@acme.com', to_pool: undefined, at: '2026-11-26T10:00:00.000Z' },
      { status: 'done', subject: 'Old@acme.com', to_pool: [{ number: '+14155550102', from: 'Old@acme.com' }], at: '2026-11-26T10:00:00.000Z' },
    ]);
  });
});
