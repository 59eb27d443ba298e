import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { openJournal } from '../../src/apply/journal.js';
import { loadConfig } from '../../src/config/index.js';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { createEmulator, type Fixture } from '../../src/emulator/index.js';
import { planAgainstLive } from '../../src/plan-against-live.js';
import { addUsers, API_KEY, deleteUnmanaged, expectEdited, makeCompany, removeUsers, renameUsers } from '../support/chaos-company.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Numbers listed by more than one live user or office. */
function doubleOwnedNumbers(state: Fixture): string[] {
  const owners = new Map<string, number>();
  const holders = [...state.users.filter((u) => u.state !== 'deleted'), ...state.offices];
  for (const h of holders) for (const n of h.phone_numbers ?? []) owners.set(n, (owners.get(n) ?? 0) + 1);
  return [...owners].filter(([, count]) => count > 1).map(([n]) => n);
}

describe('apply when Dialpad answers 5xx after a write landed', () => {
  it('converges in at most 3 applies under 500_after/503_after faults, with no duplicate user and no lost or double-owned number (issue 12)', async () => {
    const company = await makeCompany({ users: 200, offices: 4 });
    const renamed = await renameUsers(company.configDir, 80);
    await deleteUnmanaged(company.configDir);
    const removed = await removeUsers(company.configDir, 12);
    const added = await addUsers(company.configDir, 4);
    const desired = await loadConfig(company.configDir);
    // Every faulted write is applied before its 5xx: the answer is lost, the change is not.
    const emulator = createEmulator({ fixture: company.fixture, rateLimit: 0, faults: 'seed=12,rate=0.2,kinds=500_after+503_after' });
    const running = await emulator.listen(0);
    closers.push(() => running.close());
    const client = createDialpadClient({ baseUrl: running.url, apiKey: API_KEY, rateLimit: 1000, retry: { baseMs: 5, maxAttempts: 8 } });
    const journal = openJournal(join(await mkdtemp(join(tmpdir(), 'dialform-chaos-journal-')), 'journal.jsonl'));

    const first = await planAgainstLive({ desired, client });
    expect(first.plan.violations.filter((v) => v.severity === 'error').map((v) => v.message), first.read.incomplete.join('\n')).toEqual([]);
    const kinds = new Set(first.plan.operations.map((op) => op.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['create_user', 'delete_user']));
    expect(first.plan.operations.length).toBeGreaterThanOrEqual(renamed.length + added.length + removed.length);

    let applies = 0;
    for (let plan = first.plan; plan.operations.length > 0 && applies < 3; ) {
      applies++;
      await applyPlan(plan, { api: createApplyApi(client), journal });
      plan = (await planAgainstLive({ desired, client })).plan;
    }
    const final = await planAgainstLive({ desired, client });
    expect(final.read.incomplete).toEqual([]);
    expect(final.plan.operations).toEqual([]);
    expect(applies).toBeLessThanOrEqual(3);

    const state = emulator.snapshot();
    expectEdited(state, { added, removed, renamed, numbers: company.fixture.numbers });
    expect(doubleOwnedNumbers(state)).toEqual([]);
    expect(emulator.stats().faults_injected).toBeGreaterThan(20);
    // No write was sent twice on a 5xx: each create and delete reached Dialpad once, settled by reading.
    expect(emulator.stats().requests['POST /api/v2/users']).toBe(added.length);
    expect(emulator.stats().requests['DELETE /api/v2/users/{id}']).toBe(removed.length);
  }, 30_000);
});
