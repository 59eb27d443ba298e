import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { openJournal } from '../../src/apply/journal.js';
import { loadConfig } from '../../src/config/index.js';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { createEmulator } from '../../src/emulator/index.js';
import { planAgainstLive } from '../../src/plan-against-live.js';
import { addUsers, API_KEY, deleteUnmanaged, duplicateEmails, liveEmails, makeCompany, renameUsers } from '../support/chaos-company.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('apply under injected faults', () => {
  it('converges on a 500-operation plan through 10% 500/503/reset/slow faults and 429 bursts, without duplicates or lost numbers', async () => {
    const company = await makeCompany({ users: 600, offices: 10 });
    const renamed = await renameUsers(company.configDir, 450);
    const added = await addUsers(company.configDir, 5);
    const desired = await loadConfig(company.configDir);
    // The emulator limits at 80 req/s and the client sends up to 400: real 429 bursts with
    // Retry-After, on top of the injected faults.
    const emulator = createEmulator({ fixture: company.fixture, rateLimit: 80, faults: 'seed=11,rate=0.1,kinds=500+503+reset+slow,slow_ms=150' });
    const running = await emulator.listen(0);
    closers.push(() => running.close());
    const client = createDialpadClient({ baseUrl: running.url, apiKey: API_KEY, rateLimit: 400, retry: { baseMs: 20, maxAttempts: 8 } });
    const journal = openJournal(join(await mkdtemp(join(tmpdir(), 'dialform-chaos-journal-')), 'journal.jsonl'));

    const first = await planAgainstLive({ desired, client });
    expect(first.plan.violations.filter((v) => v.severity === "error"), first.read.incomplete.join("\n")).toEqual([]);
    expect(first.plan.operations).toHaveLength(500);
    // A failing operation stops apply; like an operator, plan again and rerun until nothing is left.
    let passes = 0;
    for (let plan = first.plan; plan.operations.length > 0 && passes < 8; passes++) {
      await applyPlan(plan, { api: createApplyApi(client), journal });
      const next = await planAgainstLive({ desired, client });
      plan = next.plan;
      expect(plan.violations.filter((v) => v.severity === "error").map((v) => v.message)).toEqual([]);
      if (plan.operations.length === 0) break;
    }
    const final = await planAgainstLive({ desired, client });
    expect(final.read.incomplete).toEqual([]);
    expect(final.plan.operations).toEqual([]);

    const state = emulator.snapshot();
    expect(duplicateEmails(state)).toEqual([]);
    expect(liveEmails(state)).toEqual(expect.arrayContaining(added));
    const lastNames = new Map(state.users.map((u) => [String(u.emails[0]), String(u.last_name ?? '')]));
    for (const email of renamed) expect(lastNames.get(email)).toMatch(/ Renamed$/);
    // Renames and creates never touch numbers: every number is still the company's, as it was.
    const numbersNow = new Map(state.numbers.map((n) => [n.number, n]));
    for (const n of company.fixture.numbers) expect(numbersNow.get(n.number)?.status, n.number).toBe(n.status);
    const stats = emulator.stats();
    expect(stats.faults_injected).toBeGreaterThan(20);
    expect(stats.rate_limited + client.stats().throttled429).toBeGreaterThan(0);
  }, 60_000);

  it('never plans deletions from a list read that failed part way', async () => {
    const company = await makeCompany({ users: 350, offices: 4 });
    await deleteUnmanaged(company.configDir);
    const desired = await loadConfig(company.configDir);
    // Every GET /api/v2/users page after the first fails, for good.
    const broken = await createEmulator({ fixture: company.fixture, rateLimit: 0, faults: 'rate=0,fail=GET:/api/v2/users:paged' }).listen(0);
    closers.push(() => broken.close());
    const client = createDialpadClient({
      baseUrl: broken.url,
      apiKey: API_KEY,
      rateLimit: 1000,
      retry: { baseMs: 5, maxAttempts: 3 },
    });

    const { plan, read } = await planAgainstLive({ desired, client });
    expect(read.incomplete.join('\n')).toMatch(/users after reading 100 item/);
    expect(plan.summary.blocked).toBe(true);
    expect(plan.violations.map((v) => v.code)).toContain('incomplete_live_read');
    expect(plan.operations.filter((op) => op.kind === 'delete_user')).toEqual([]);
    await expect(applyPlan(plan, { api: createApplyApi(client), journal: openJournal(join(company.cwd, 'j.jsonl')) })).rejects.toThrow(/blocked/);
    // Control: the same config against the same company, unbroken, plans nothing (the config matches).
    const running = await createEmulator({ fixture: company.fixture, rateLimit: 0 }).listen(0);
    closers.push(() => running.close());
    const direct = createDialpadClient({ baseUrl: running.url, apiKey: API_KEY, rateLimit: 1000 });
    expect((await planAgainstLive({ desired, client: direct })).plan.operations).toEqual([]);
  }, 30_000);
});
