import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { checkFreshness } from '../../src/apply/check-freshness.js';
import { memoryJournal } from '../../src/apply/journal.js';
import { readConfirmed } from '../../src/config/confirmed-record.js';
import { judgeApplied, verifyApplied } from '../../src/apply/verify-applied.js';
import { loadConfig } from '../../src/config/index.js';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { createEmulator, loadFixture } from '../../src/emulator/index.js';
import { planAgainstLive } from '../../src/plan-against-live.js';
import { operation } from '../../src/plan/operations.js';
import { ROOT } from '../support/cli.js';

const acme = join(ROOT, 'examples', 'acme');
const API_KEY = 'freshness-test-key';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** checkFreshness and verifyApplied wired to a real read: an in-process emulator over loopback. */
describe('checkFreshness and verifyApplied against the emulator', () => {
  it('fresh, applied and verified; then a change made in Dialpad makes the resumed plan stale and verification fail', async () => {
    const emulator = createEmulator({ fixture: await loadFixture(join(acme, 'live.json')), rateLimit: 0 });
    const running = await emulator.listen(0);
    closers.push(() => running.close());
    const client = createDialpadClient({ baseUrl: running.url, apiKey: API_KEY, rateLimit: 1000 });
    const desired = await loadConfig(acme);
    const { grants: confirmed } = await readConfirmed(acme);
    const journal = memoryJournal();

    const { plan } = await planAgainstLive({ desired, confirmed, client });
    expect(plan.operations.length).toBeGreaterThan(0);
    expect(await checkFreshness({ plan, journal, client, desired, confirmed })).toEqual({ status: 'fresh', done: 0 });

    const report = await applyPlan(plan, { api: createApplyApi(client), journal, confirmed });
    expect(report.status).toBe('complete');
    const done = plan.operations.length;
    expect(await checkFreshness({ plan, journal, client, desired, confirmed })).toEqual({ status: 'fresh', done });
    expect(await checkFreshness({ plan, journal, client })).toEqual({ status: 'uncheckable', done, reason: 'no_config' });
    expect(await verifyApplied({ desired, confirmed, client })).toEqual({ status: 'converged' });

    const alan = emulator.snapshot().users.find((u) => u.emails?.[0] === 'alan.turing@acme.com');
    const res = await fetch(`${running.url}/api/v2/users/${alan?.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ first_name: 'Alan M.' }),
    });
    expect(res.status).toBe(200);

    const stale = await checkFreshness({ plan, journal, client, desired, confirmed });
    expect(stale.status).toBe('stale');
    if (stale.status !== 'stale') return;
    expect(stale.drift?.added.map((op) => `${op.kind} ${op.target.type === 'user' ? op.target.email : ''}`)).toEqual(['update_user alan.turing@acme.com']);
    expect(stale.drift?.gone).toEqual([]);

    const verification = await verifyApplied({ desired, confirmed, client });
    expect(verification.status).toBe('differs');
    if (verification.status !== 'differs') return;
    expect(verification.remaining.map((op) => op.kind)).toEqual(['update_user']);
  });
});

describe('judgeApplied', () => {
  const empty = { format_version: 1 as const, created_at: '', basis: { config_digest: '', live_digest: '' }, fingerprint: '', summary: { create: 0, update: 0, delete: 0, move: 0, manual: 0, blocked: false }, violations: [], pool: [], unverifiable: [], offices: [] };

  it('converged when only manual steps are left (apply waits for them on its next run)', () => {
    expect(judgeApplied({ ...empty, operations: [] })).toEqual({ status: 'converged' });
    expect(judgeApplied({ ...empty, operations: [operation.grantAnalytics({ email: 'a@acme.com', source: 's' })] })).toEqual({ status: 'converged' });
  });

  it('differs, with the API operations still needed', () => {
    const suspend = operation.suspendUser({ email: 'b@acme.com', source: 's' });
    const plan = { ...empty, operations: [operation.grantProxy({ email: 'a@acme.com', source: 's' }), suspend] };
    expect(judgeApplied(plan)).toEqual({ status: 'differs', plan, remaining: [suspend] });
  });
});
