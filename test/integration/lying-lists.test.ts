/**
 * Lists that end early (issue 26 #1), through the emulator over loopback: a list whose second
 * page is an empty `{}` without a cursor (`--faults truncate=`) looks like a list of exactly one
 * page size. The cross-checks tell the two apart: the plan withholds the creates and apply writes
 * nothing; a consistent list of exactly 100 users (the emulator's page size) plans as usual.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFixture, officeId, userId, type GenerateOptions } from '../../bench/generate-fixture.js';
import { writeMatchingConfig } from '../../bench/write-config.js';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { openJournal } from '../../src/apply/journal.js';
import { loadConfig } from '../../src/config/index.js';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { createEmulator, parseFixture, type Fixture } from '../../src/emulator/index.js';
import { DEFAULT_PAGE_SIZE } from '../../src/emulator/pagination.js';
import { planAgainstLive } from '../../src/plan-against-live.js';
import { addUsers, API_KEY, duplicateEmails } from '../support/chaos-company.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/**
 * A generated company of `users` users in one office (no deleted ones, so the list holds exactly
 * that many), with `departments` departments; unless `operators: false`, the ten after the first
 * page each have one operator, which the users' `group_details` show. The config matches it exactly (`import`).
 */
async function makeCompany(opts: { users: number; departments?: number; operators?: boolean; hires?: GenerateOptions['hires'] }) {
  const generated = generateFixture({ users: opts.users, offices: 1, seed: 5, deletedFraction: 0, ...(opts.hires ? { hires: opts.hires } : {}) });
  const departments = Array.from({ length: opts.departments ?? 0 }, (_, i) => ({
    id: String(6500000000000001 + i),
    name: `Team ${String(i).padStart(3, '0')}`,
    office_id: officeId(0),
    operators: opts.operators !== false && i >= DEFAULT_PAGE_SIZE && i < DEFAULT_PAGE_SIZE + 10 ? [{ user_id: userId(i - DEFAULT_PAGE_SIZE), role: 'operator' }] : [],
  }));
  const fixture = parseFixture(JSON.stringify({ ...generated, departments }), 'generated.json');
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-lying-lists-'));
  const configDir = await writeMatchingConfig(fixture, join(cwd, 'dialform'));
  // Departments matched by name, as a hand-written config has them (import pins ids, and a pinned
  // id the read lacks is `group_id_not_found`, never a create).
  const main = join(configDir, 'dialform.yaml');
  await writeFile(main, (await readFile(main, 'utf8')).replace(/^ {4}id: "65\d+"\n/gm, ''));
  return { fixture, cwd, configDir };
}

async function serve(fixture: Fixture, faults?: string) {
  const emulator = createEmulator({ fixture, rateLimit: 0, ...(faults === undefined ? {} : { faults }) });
  const running = await emulator.listen(0);
  closers.push(() => running.close());
  const client = createDialpadClient({ baseUrl: running.url, apiKey: API_KEY, rateLimit: 1000 });
  return { emulator, client };
}

async function journalFile(): Promise<ReturnType<typeof openJournal>> {
  return openJournal(join(await mkdtemp(join(tmpdir(), 'dialform-lying-lists-journal-')), 'journal.jsonl'));
}

describe('a list that ends early is trusted (issue 26 #1)', () => {
  it('a department list truncated after its first page plans no create_group, and apply creates no duplicate departments (issue 26 #1)', async () => {
    const company = await makeCompany({ users: 20, departments: 150 });
    const { emulator, client } = await serve(company.fixture, 'rate=0,truncate=GET:/api/v2/departments:paged');
    const desired = await loadConfig(company.configDir);
    const { plan, read } = await planAgainstLive({ desired, client });
    expect(read.partialLists).toEqual(['departments']);
    expect(read.incomplete.join('\n')).toMatch(/^departments: cross-check failed: the list did not bring department 6500000000000101 \(named by user 7200000000000001's group_details\)/);
    expect(plan.operations.filter((o) => o.kind === 'create_group')).toEqual([]);
    expect(plan.violations.find((v) => v.code === 'incomplete_live_read')?.message).toMatch(/50 creates \(department Team 100, .* and 45 more\) were left out/);
    await expect(applyPlan(plan, { api: createApplyApi(client), journal: await journalFile() })).rejects.toMatchObject({ code: 'plan_blocked' });
    expect(emulator.snapshot().departments).toHaveLength(150);
  }, 60_000);

  it('a department list truncated where no user operates in the lost departments is caught by name lookups of the would-be creates (issue 26 #1)', async () => {
    const company = await makeCompany({ users: 20, departments: 150, operators: false });
    const { emulator, client } = await serve(company.fixture, 'rate=0,truncate=GET:/api/v2/departments:paged');
    const { plan, read } = await planAgainstLive({ desired: await loadConfig(company.configDir), client });
    expect(read.partialLists).toEqual(['departments']);
    expect(read.incomplete.join('\n')).toMatch(/^departments: cross-check failed: the list did not bring department 6500000000000101 \(named by a lookup of "Team 100"\)/);
    expect(plan.operations.filter((o) => o.kind === 'create_group')).toEqual([]);
    expect(emulator.stats().requests['GET /api/v2/departments']).toBe(2 + 3);
  }, 60_000);

  it('a users list truncated after its first page plans no create_user, and apply creates no duplicate users (issue 26 #1)', async () => {
    const company = await makeCompany({ users: 150 });
    const { emulator, client } = await serve(company.fixture, 'rate=0,truncate=GET:/api/v2/users:paged');
    const desired = await loadConfig(company.configDir);
    const { plan, read } = await planAgainstLive({ desired, client });
    expect(read.partialLists).toEqual(['users']);
    expect(read.incomplete.join('\n')).toMatch(/^users: cross-check failed: the list did not bring user \d+ \(named by a lookup of user\d+@bigco.example\)/);
    expect(plan.operations.filter((o) => o.kind === 'create_user')).toEqual([]);
    expect(plan.violations.find((v) => v.code === 'incomplete_live_read')?.message).toMatch(/50 creates \(user user000100@bigco.example, .* and 45 more\) were left out/);
    await expect(applyPlan(plan, { api: createApplyApi(client), journal: await journalFile() })).rejects.toMatchObject({ code: 'plan_blocked' });
    expect(emulator.snapshot().users).toHaveLength(150);
    expect(emulator.stats().requests['POST /api/v2/users']).toBeUndefined();
  }, 60_000);

  it('a consistent list of exactly 100 users (one page, then an empty page) is complete: a new hire is planned and created once (issue 26 #1, no false alarm)', async () => {
    const company = await makeCompany({ users: DEFAULT_PAGE_SIZE, hires: { office: 0, count: 1 } });
    const [hire] = await addUsers(company.configDir, 1);
    const { emulator, client } = await serve(company.fixture);
    const desired = await loadConfig(company.configDir);
    const { plan, read } = await planAgainstLive({ desired, client });
    expect(read.incomplete).toEqual([]);
    expect(plan.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(plan.operations.filter((o) => o.kind === 'create_user').map((o) => (o as { email: string }).email)).toEqual([hire]);
    // The list ended on an empty page, and the new hire was looked up by email once.
    expect(emulator.stats().requests['GET /api/v2/users']).toBe(3);
    await applyPlan(plan, { api: createApplyApi(client), journal: await journalFile() });
    const state = emulator.snapshot();
    expect(state.users).toHaveLength(DEFAULT_PAGE_SIZE + 1);
    expect(duplicateEmails(state)).toEqual([]);
  }, 60_000);
});
