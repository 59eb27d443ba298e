import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { findSurprise, watchAnswers, type WriteAnswer } from '../../src/apply/check-surprise.js';
import { memoryJournal } from '../../src/apply/journal.js';
import { writeSurpriseReport } from '../../src/apply/surprise-report.js';
import type { ApplyApi, UserAnswer } from '../../src/apply/types.js';
import { fingerprintPlan } from '../../src/plan/fingerprint.js';
import type { Operation, OperationOf, Plan } from '../../src/plan/types.js';

const HQ = { key: 'hq', id: '1', name: 'HQ' };
const LONDON = { key: 'london', id: '2', name: 'London' };

function base(id: string, email: string) {
  return {
    id,
    target: { type: 'user' as const, email, id: `id-${email}` },
    changes: [],
    manual: false,
    reversible: 'yes' as const,
    source: 'dialform.yaml:1',
    after: [],
    summary: `${id} for ${email}`,
    notes: [],
    office_key: 'hq',
  };
}

function planOf(operations: Operation[]): Plan {
  return {
    format_version: 1,
    created_at: '2026-11-26T18:00:00Z',
    basis: { config_digest: 'sha256:c', live_digest: 'sha256:l' },
    fingerprint: fingerprintPlan({ basis: { config_digest: 'sha256:c' }, operations }),
    summary: { create: 0, update: operations.length, delete: 0, move: 0, manual: 0, blocked: false },
    operations,
    violations: [],
    pool: [],
    unverifiable: [],
    offices: [{ key: 'hq', name: 'HQ' }],
  };
}

const relicense = (id: string, email: string): OperationOf<'update_user'> => ({ ...base(id, email), kind: 'update_user', patch: { license: 'agents', first_name: 'Ada' } });

/**
 * An ApplyApi answering user writes as `answer` says (the license and state Dialpad reports after
 * the write) and recording every request it is asked to send; any other method is a test bug.
 */
function answeringApi(answer: (id: string, patch: Record<string, unknown>) => UserAnswer) {
  const calls: string[] = [];
  const known: Partial<ApplyApi> = {
    async updateUser(id, patch) {
      calls.push(`updateUser ${id}`);
      return answer(id, patch);
    },
  };
  const api = new Proxy(known, {
    get(target, name) {
      if (name in target) return target[name as keyof ApplyApi];
      throw new Error(`unexpected call ${String(name)}`);
    },
  }) as ApplyApi;
  return { api, calls };
}

describe('findSurprise: a write answered otherwise than the plan predicted', () => {
  const write = (call: WriteAnswer['call'], args: unknown[], answer: WriteAnswer['answer']): WriteAnswer => ({ call, arguments: args, answer });

  it('names a license that did not change, and what the plan predicted', () => {
    const surprise = findSurprise(relicense('op-1', 'ada@acme.com'), [write('updateUser', ['id-ada'], { license: 'talk', state: 'active' })]);
    expect(surprise?.field).toBe('license');
    expect(surprise?.message).toBe('op-1 (op-1 for ada@acme.com): Dialpad did leave the license talk where the plan predicted the license agents');
  });

  it('finds none when the answer is the prediction, or carries no license', () => {
    expect(findSurprise(relicense('op-1', 'ada@acme.com'), [write('updateUser', ['id-ada'], { license: 'agents' })])).toBeUndefined();
    expect(findSurprise(relicense('op-1', 'ada@acme.com'), [write('updateUser', ['id-ada'], undefined)])).toBeUndefined();
  });

  it('names a user Dialpad created in another office, or with another license, than asked for', () => {
    const op: Operation = { ...base('op-5', 'ken@acme.com'), kind: 'create_user', email: 'ken@acme.com', office: HQ, first_name: 'Ken', last_name: 'Thompson', license: 'talk' };
    const asked = { email: 'ken@acme.com', officeId: '1', firstName: 'Ken', lastName: 'Thompson', license: 'talk' };
    expect(findSurprise(op, [write('createUser', [asked], { officeId: '2', license: 'talk' })])?.message).toContain('Dialpad did create the user in office 2 where the plan predicted office 1 (HQ)');
    expect(findSurprise(op, [write('createUser', [asked], { officeId: '1', license: 'lite_lines' })])?.field).toBe('license');
    expect(findSurprise(op, [write('createUser', [asked], { officeId: '1', license: 'talk' })])).toBeUndefined();
  });

  it('names a suspension Dialpad answered with the user still active', () => {
    const op: Operation = { ...base('op-2', 'ada@acme.com'), kind: 'suspend_user' };
    expect(findSurprise(op, [write('updateUser', ['id-ada', { state: 'suspended' }], { state: 'active' })])?.message).toContain('Dialpad did leave the user active where the plan predicted the user suspended');
  });

  it('names a user Dialpad put in another office than the move asked for', () => {
    const op: Operation = { ...base('op-3', 'ada@acme.com'), kind: 'move_user', from: HQ, to: LONDON, numbers_to_pool: [], via: 'move_office' };
    expect(findSurprise(op, [write('moveUser', ['id-ada', '2'], { officeId: '1' })])?.field).toBe('office');
    expect(findSurprise(op, [write('moveUser', ['id-ada', '2'], { officeId: '2' })])).toBeUndefined();
  });

  it('names a chosen number of another country than the destination office’s, not one of its own', () => {
    const op: Operation = { ...base('op-4', 'ada@acme.com'), kind: 'move_user', from: LONDON, to: HQ, numbers_to_pool: ['+442071234567'], via: 'office_id', new_number: { country: 'US', excluding: [] } };
    const surprise = findSurprise(op, [write('setUserOffice', ['id-ada', '1'], { officeId: '1', numbers: [] }), write('assignChosenNumber', ['id-ada', []], '+442071234599')]);
    expect(surprise?.message).toContain('Dialpad did choose +442071234599 (GB) where the plan predicted a number of US');
    expect(findSurprise(op, [write('assignChosenNumber', ['id-ada', []], '+14155550177')])).toBeUndefined();
  });
});

describe('applyPlan stops at the first surprise', () => {
  it('stops before the next write, journals the write done with the surprise, and reports it', async () => {
    const { api, calls } = answeringApi(() => ({ license: 'talk', state: 'active' }));
    const journal = memoryJournal();
    const plan = planOf([relicense('op-1', 'ada@acme.com'), relicense('op-2', 'grace@acme.com')]);
    const report = await applyPlan(plan, { api, journal, concurrency: 1 });
    expect(report.status).toBe('failed');
    expect(report.surprise?.operation.id).toBe('op-1');
    expect(calls).toEqual(['updateUser id-ada@acme.com']);
    expect(report.results.map((r) => r.outcome.status)).toEqual(['failed', 'not_run']);
    const entry = journal.entries.find((e) => e.op === 'op-1' && e.status === 'done');
    expect(entry?.surprise).toContain('Dialpad did leave the license talk');
  });

  it('journals each surprising write in flight at once with its own surprise; the report names the first', async () => {
    const { api } = answeringApi(() => ({ license: 'talk' }));
    const journal = memoryJournal();
    const plan = planOf([relicense('op-1', 'ada@acme.com'), relicense('op-2', 'grace@acme.com')]);
    const report = await applyPlan(plan, { api, journal, concurrency: 2 });
    expect(report.surprise?.operation.id).toBe('op-1');
    const surprises = journal.entries.filter((e) => e.status === 'done').map((e) => [e.op, e.surprise?.startsWith(`${e.op} `)]);
    expect(surprises.sort()).toEqual([['op-1', true], ['op-2', true]]);
  });

  it('sends no request of its own: a plan without surprises makes one request per write, as before', async () => {
    const { api, calls } = answeringApi((_, patch) => ({ license: String(patch['license']), state: 'active' }));
    const plan = planOf([relicense('op-1', 'ada@acme.com'), relicense('op-2', 'grace@acme.com'), relicense('op-3', 'alan@acme.com')]);
    const report = await applyPlan(plan, { api, journal: memoryJournal() });
    expect(report).toMatchObject({ status: 'complete' });
    expect(report.surprise).toBeUndefined();
    expect(calls).toHaveLength(plan.operations.length);
  });

  it('delegates every method it does not watch to the api it wraps', async () => {
    const { api } = watchAnswers({ findUserByEmail: async (email: string) => ({ id: `x-${email}`, state: 'active' }) } as unknown as ApplyApi);
    expect(await api.findUserByEmail('a@b.c')).toEqual({ id: 'x-a@b.c', state: 'active' });
  });
});

describe('the fidelity report', () => {
  it('holds the operation, the request, the answer and the prediction, with emails, numbers and names masked', async () => {
    const op: Operation = { ...base('op-4', 'ada.lovelace@acme.com'), kind: 'move_user', from: LONDON, to: HQ, numbers_to_pool: ['+442071234567'], via: 'office_id', new_number: { country: 'US', excluding: [] } };
    const plan = planOf([op, relicense('op-5', 'ada.lovelace@acme.com')]);
    const surprise = findSurprise(op, [write('assignChosenNumber', ['id-ada', ['+442071234567']], '+442071234599')]);
    if (surprise === undefined) throw new Error('expected a surprise');
    const dir = await mkdtemp(join(tmpdir(), 'dialform-surprise-'));
    const path = await writeSurpriseReport(dir, surprise, plan, new Date('2026-12-05T21:00:00.123Z'));
    expect(await readdir(dir)).toEqual(['surprise-20261205T210000Z.json']);
    const text = await readFile(path, 'utf8');
    for (const secret of ['ada.lovelace@acme.com', '+442071234599', '+442071234567', 'Ada']) expect(text).not.toContain(secret);
    const report = JSON.parse(text) as Record<string, unknown>;
    expect(report).toMatchObject({ field: 'number country', plan_predicted: 'a number of US', request: { call: 'assignChosenNumber' }, operation: { id: 'op-4', kind: 'move_user' }, assumption: 'docs/fidelity.md#numbers-and-the-reserved-pool' });
    expect(report['answer']).toMatch(/^\+44•+99$/);
  });

  function write(call: WriteAnswer['call'], args: unknown[], answer: WriteAnswer['answer']): WriteAnswer {
    return { call, arguments: args, answer };
  }
});
