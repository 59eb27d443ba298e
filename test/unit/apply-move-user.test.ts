import { describe, expect, it } from 'vitest';
import { executeOperation } from '../../src/apply/execute-operation.js';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { memoryJournal } from '../../src/apply/journal.js';
import type { Plan } from '../../src/plan/types.js';
import type { ApplyApi } from '../../src/apply/types.js';
import { operation } from '../../src/plan/operations.js';

const FROM = { key: 'gb', id: 'o-gb', name: 'Acme GB' };
const TO = { key: 'us', id: 'o-us', name: 'Acme US' };

/** A fake Dialpad that offers `offers` in turn to assign_number without a number, recording every call. */
function fakeApi(offers: string[], held: string[] = ['+442071234567'], officeId = 'o-gb') {
  const calls: string[] = [];
  const queue = [...offers];
  const api = {
    async readUserNumbers() {
      return { officeId, numbers: held };
    },
    async unassignNumber(_id: string, n: string) {
      calls.push(`unassign ${n}`);
    },
    async setUserOffice(_id: string, office: string) {
      calls.push(`office_id ${office}`);
    },
    async assignChosenNumber() {
      const n = queue.shift();
      if (n === undefined) throw new Error('no more offers');
      calls.push(`assign -> ${n}`);
      return n;
    },
    async assignNumber(_id: string, n: string, primary: boolean) {
      calls.push(`assign ${n}${primary ? ' (primary)' : ''}`);
    },
    async moveUser(_id: string, office: string) {
      calls.push(`move_office ${office}`);
    },
  } as unknown as ApplyApi;
  return { api, calls };
}

function moveOp(excluding: string[], number?: string) {
  return operation.moveUser({
    email: 'ada@acme.com',
    id: 'u-ada',
    source: 'users.yaml:3',
    from: FROM,
    to: TO,
    numbersToPool: ['+442071234567'],
    international: true,
    via: 'office_id',
    newNumber: { country: 'US', ...(number === undefined ? {} : { number }), excluding },
  });
}

const ctx = (api: ApplyApi) => ({ api, officeIds: new Map<string, string>(), userIds: new Map<string, string>(), groupIds: new Map<string, string>(), confirmed: [] });

describe('move_user via office_id', () => {
  it('pools the numbers, moves, then assigns exactly the pool number the plan names, never one Dialpad chooses (issue 27 #1)', async () => {
    const { api, calls } = fakeApi(['+14155550199']);
    await expect(executeOperation(moveOp(['+14155550199'], '+14155550188'), ctx(api))).resolves.toEqual({ status: 'done' });
    expect(calls).toEqual(['unassign +442071234567', 'office_id o-us', 'assign +14155550188 (primary)']);
  });

  it('asks Dialpad for a number once when the plan names none (the pool held none of the country), with nothing to give back (issue 27 #1)', async () => {
    const { api, calls } = fakeApi(['+14155550100']);
    await expect(executeOperation(moveOp(['+14155550199']), ctx(api))).resolves.toEqual({ status: 'done' });
    expect(calls).toEqual(['unassign +442071234567', 'office_id o-us', 'assign -> +14155550100']);
  });

  it('puts back a kept number Dialpad gave only because the pool changed since the plan, and names the user left without a number (issue 27 #1)', async () => {
    const { api, calls } = fakeApi(['+14155550199']);
    await expect(executeOperation(moveOp(['+14155550199']), ctx(api))).rejects.toThrow(
      /ada@acme\.com is now in Acme US without a number: .*\+14155550199.*list it under numbers: in their entry and apply again/,
    );
    expect(calls.slice(-2)).toEqual(['assign -> +14155550199', 'unassign +14155550199']);
  });

  it('a rerun after the move landed assigns only the named number, once (issue 27 #1)', async () => {
    const { api, calls } = fakeApi([], [], 'o-us');
    await executeOperation(moveOp([], '+14155550188'), ctx(api));
    expect(calls).toEqual(['assign +14155550188 (primary)']);
  });

  it('uses move_office, which keeps them, for a user with only internal numbers', async () => {
    const { api, calls } = fakeApi([]);
    const op = operation.moveUser({ email: 'ada@acme.com', id: 'u-ada', source: 's', from: FROM, to: TO, numbersToPool: [], international: true, via: 'move_office' });
    await executeOperation(op, ctx(api));
    expect(calls).toEqual(['move_office o-us']);
  });
});

describe('apply of moves that let Dialpad provision a number', () => {
  it('runs them one at a time, though they are of one kind: each relies on the pool holding no number of the country (issue 15 review #4)', async () => {
    let inFlight = 0;
    let most = 0;
    const api = {
      async readUserNumbers() {
        return { officeId: 'o-gb', numbers: [] };
      },
      async unassignNumber() {},
      async setUserOffice() {
        most = Math.max(most, ++inFlight);
        await new Promise<void>((resolve) => setImmediate(resolve));
      },
      async assignChosenNumber() {
        inFlight--;
        return '+14155550100';
      },
    } as unknown as ApplyApi;
    const move = (email: string, id: string) => ({
      ...operation.moveUser({ email, id: `u-${email}`, source: 'users.yaml:3', from: FROM, to: TO, numbersToPool: [], international: true, via: 'office_id', newNumber: { country: 'US', excluding: [] } }),
      id,
    });
    const plan = { format_version: 1, created_at: '2026-11-26T18:00:00Z', basis: { config_digest: 'sha256:c', live_digest: 'sha256:l' }, fingerprint: 'sha256:f', summary: { create: 0, update: 0, delete: 0, move: 2, manual: 0, blocked: false }, operations: [move('ada@acme.com', 'op-1'), move('bob@acme.com', 'op-2')], violations: [], pool: [], unverifiable: [], offices: [] } as Plan;
    const report = await applyPlan(plan, { api, journal: memoryJournal(), concurrency: 4 });
    expect(report.status).toBe('complete');
    expect(most).toBe(1);
  });
});

