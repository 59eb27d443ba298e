import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { memoryJournal, readPendingRestores, readProgress } from '../../src/apply/journal.js';
import type { JournalEntry } from '../../src/journal-types.js';
import type { OperationKind } from '../../src/plan/types.js';
import type { ApplyApi } from '../../src/apply/types.js';
import { CONFIRMED_FILE, mergeConfirmed, readConfirmed, writeConfirmed } from '../../src/config/confirmed-record.js';
import { DialformError } from '../../src/errors.js';
import type { ConfirmedGrant } from '../../src/model/confirmed-grants.js';
import { confirmSteps, listPendingConfirmations } from '../../src/plan/confirm-steps.js';
import { desiredState, liveState, liveUser, planOf, user } from '../support/builders.js';

const AT = '2026-11-20T00:00:00.000Z';
const grant = (email: string, attribute: 'analytics' | 'proxy', value: boolean): ConfirmedGrant => ({ email, attribute, value, step: `${value ? 'grant' : 'revoke'}_${attribute}`, at: AT });

describe('the confirmations file (dialform-confirmed.json)', () => {
  it('is no record when absent, and reads back what was written, one entry per user and attribute, sorted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dialform-confirmed-'));
    const config = join(dir, 'dialform.yaml');
    await writeFile(config, 'version: 1\n');
    expect(await readConfirmed(config)).toEqual({ path: join(dir, CONFIRMED_FILE), grants: undefined });
    const merged = mergeConfirmed([grant('b@acme.com', 'analytics', true), grant('a@acme.com', 'proxy', true)], [grant('b@acme.com', 'analytics', false)]);
    expect(merged.map((g) => `${g.email} ${g.attribute} ${g.value}`)).toEqual(['a@acme.com proxy true', 'b@acme.com analytics false']);
    await writeConfirmed(join(dir, CONFIRMED_FILE), merged);
    expect((await readConfirmed(config)).grants).toEqual(merged);
    expect((await readFile(join(dir, CONFIRMED_FILE), 'utf8')).split('\n').filter((l) => l.includes('"email"'))).toHaveLength(2);
  });

  it('refuses a malformed file naming it and the entry (confirmed_invalid)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dialform-confirmed-'));
    await writeFile(join(dir, CONFIRMED_FILE), JSON.stringify({ format_version: 1, confirmed: [{ email: 'a@acme.com', attribute: 'admin', value: true }] }));
    const error = await readConfirmed(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DialformError);
    expect((error as DialformError).code).toBe('confirmed_invalid');
    expect((error as Error).message).toMatch(/dialform-confirmed\.json: \/confirmed\/0 must have/);
  });
});

describe('dialform confirm (confirmSteps)', () => {
  const desired = desiredState({ users: [user('a@acme.com', { analytics: true }), user('b@acme.com', { analytics: true, proxy: false })] });
  const confirmed = [grant('b@acme.com', 'proxy', true)];

  it('lists the bulk steps waiting, with their users', () => {
    expect(listPendingConfirmations(desired, confirmed)).toEqual([
      { step: 'grant_analytics', emails: ['a@acme.com', 'b@acme.com'] },
      { step: 'revoke_proxy', emails: ['b@acme.com'] },
    ]);
  });

  it('confirms a whole bulk step, or one user of it', () => {
    const now = new Date(AT);
    expect(confirmSteps({ desired, confirmed, names: ['grant_analytics'], at: now }).map((g) => g.email)).toEqual(['a@acme.com', 'b@acme.com']);
    expect(confirmSteps({ desired, confirmed, names: ['revoke_proxy:B@acme.com'], at: now })).toEqual([grant('b@acme.com', 'proxy', false)]);
  });

  it('refuses a step that is not waiting, or one the API verifies, saying what is waiting', () => {
    const refuse = (name: string) => () => confirmSteps({ desired, confirmed, names: [name], at: new Date(AT) });
    expect(refuse('grant_proxy')).toThrow(/grant_proxy is not a step waiting for confirmation.*Waiting for confirmation: grant_analytics \(a@acme.com, b@acme.com\)/);
    expect(refuse('transfer_licenses:talk:hq:sf')).toThrow(/verified through Dialpad's API/);
  });
});

describe("the journal keeps a manual step's lifecycle (issue 14 #1, #3)", () => {
  it('journals a waiting manual step, so the plan counts as started, and a restore still waited for', async () => {
    const desired = desiredState({ users: [user('a@acme.com', { analytics: true })] });
    const plan = planOf(desired, liveState({ users: [liveUser('a@acme.com')] }));
    const journal = memoryJournal();
    const report = await applyPlan(plan, { api: {} as ApplyApi, journal, now: () => new Date(AT) });
    expect(report.status).toBe('waiting');
    expect(journal.entries.map((e) => [e.op, e.kind, e.status])).toEqual([['op-1', 'grant_analytics', 'waiting']]);
    const id = journal.entries[0]?.plan ?? '';
    expect(readProgress(journal.entries, id).waiting).toEqual(new Set(['op-1']));

    const done = await applyPlan(plan, { api: {} as ApplyApi, journal, confirmed: [grant('a@acme.com', 'analytics', true)] });
    expect(done.status).toBe('complete');
    expect(journal.entries.at(-1)?.status).toBe('done');
  });

  it('remembers restores waited for and never seen done, across plans, until the user is restored or created anew', () => {
    const entry = (op: string, status: JournalEntry['status'], subject: string, plan = 'p1', kind: OperationKind = 'restore_user'): JournalEntry => ({ plan, op, kind, status, at: AT, subject });
    const entries = [
      entry('op-1', 'waiting', 'Ada@acme.com'),
      entry('op-2', 'waiting', 'bob@acme.com'),
      entry('op-3', 'waiting', 'cy@acme.com'),
      entry('op-1', 'done', 'bob@acme.com', 'p2'),
      entry('op-1', 'started', 'cy@acme.com', 'p3', 'create_user'),
      entry('op-1', 'done', 'cy@acme.com', 'p3', 'create_user'),
    ];
    expect(readPendingRestores(entries)).toEqual([{ email: 'ada@acme.com', since: AT }]);
  });
});
