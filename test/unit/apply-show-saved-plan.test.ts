import { describe, expect, it } from 'vitest';
import { showSavedPlan } from '../../src/apply/show-saved-plan.js';
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
