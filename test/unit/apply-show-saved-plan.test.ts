import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkStoredTexts, showSavedPlan } from '../../src/apply/show-saved-plan.js';
import type { Operation, Plan } from '../../src/plan/types.js';
import { desiredState, liveState, liveUser, planOf, user } from '../support/builders.js';

const desired = desiredState({ users: [user('ada@acme.com')], policy: { unmanagedUsers: 'delete' } });
const live = liveState({ users: [liveUser('ada@acme.com'), liveUser('old@acme.com')] });
const fresh = planOf(desired, live);
/** The saved plan with every text of its operations rewritten (its structure, and fingerprint, as planned). */
const lying: Plan = {
  ...fresh,
  summary: { ...fresh.summary, delete: 0, update: 1 },
  operations: fresh.operations.map((op) => ({ ...op, summary: 'update old@acme.com: first_name', notes: ['Harmless.'], source: 'people.yaml:3', reversible: 'until the attacker says so' }) as Operation),
};

describe('showSavedPlan (issue 26 #9)', () => {
  it("takes every text from the fresh plan's operation of the same identity, and the plan's own texts from the fresh plan", () => {
    const shown = showSavedPlan(lying, fresh);
    expect(shown.operations).toEqual(fresh.operations);
    expect(shown.summary).toEqual(fresh.summary);
    expect(shown.fingerprint).toBe(lying.fingerprint);
  });

  it('describes an operation the fresh plan no longer has (done before a resume) by its structure, with none of its texts', () => {
    const done = planOf(desired, liveState({ users: [liveUser('ada@acme.com')] }));
    const [op] = showSavedPlan(lying, done).operations as [Operation];
    expect(op).toMatchObject({ kind: 'delete_user', summary: 'delete_user old@acme.com', notes: [], source: 'the saved plan', reversible: 'no' });
  });
});

describe('showSavedPlan without a fresh plan (dialform show)', () => {
  it('describes every operation by its structure and counts the totals from the kinds, whatever the file says', () => {
    const shown = showSavedPlan(lying);
    expect(shown.operations.map((op) => [op.summary, op.notes, op.source])).toEqual([['delete_user old@acme.com', [], 'the saved plan']]);
    expect(shown.summary).toEqual(fresh.summary);
    expect(shown.summary.delete).toBe(1);
    expect(shown.fingerprint).toBe(lying.fingerprint);
  });
});

describe('checkStoredTexts', () => {
  it("names an operation whose stored summary says another action or another target than it does (\"rename Ann\" on Ann's deletion)", () => {
    const [deletion] = fresh.operations as [Operation];
    const renamed: Plan = { ...fresh, operations: [{ ...deletion, summary: 'rename Old: first_name' }] };
    expect(checkStoredTexts(renamed).map((m) => [m.operation.id, m.does])).toEqual([[deletion.id, 'delete_user old@acme.com']]);
    const otherTarget: Plan = { ...fresh, operations: [{ ...deletion, summary: 'delete ada@acme.com' }] };
    expect(checkStoredTexts(otherTarget).map((m) => m.operation.id)).toEqual([deletion.id]);
  });

  it('accepts every summary the planner writes: no warning for any golden plan', async () => {
    const dir = fileURLToPath(new URL('../golden/', import.meta.url));
    const scenarios = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory());
    let operations = 0;
    for (const scenario of scenarios) {
      const plan = JSON.parse(await readFile(join(dir, scenario.name, 'plan.json'), 'utf8')) as Plan;
      operations += plan.operations.length;
      expect(checkStoredTexts(plan).map((m) => `${scenario.name}: ${m.operation.summary}`)).toEqual([]);
    }
    expect(operations).toBeGreaterThan(100);
  });
});
