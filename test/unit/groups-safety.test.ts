/**
 * Safety of the departments/call-centers feature against the emulator over loopback: a stale
 * pinned id, an absent section under the delete policy, duplicate names, a partial read.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const SCHEMAS = join(import.meta.dirname, '..', '..', 'schemas');
/** One office (hq), three users; call center "Support" 6600000000000001 with two operators. */
const FIXTURE = join(import.meta.dirname, '..', 'golden', 'call-center-skill-change', 'fixture.json');

const HEAD = `# yaml-language-server: $schema=${SCHEMAS}/dialform.schema.json
version: 1
company: { account_type: pro }
offices:
  hq: { name: Acme HQ, country: US, price_level: premium }
`;
const USERS = `users:
  - { email: grace.hopper@acme.com, first_name: Grace, last_name: Hopper, office: hq, license: talk, admin: company }
  - { email: alan.turing@acme.com, first_name: Alan, last_name: Turing, office: hq, license: agents }
  - { email: ada.lovelace@acme.com, first_name: Ada, last_name: Lovelace, office: hq, license: agents }
`;

/** The skill-change fixture with extra groups: `departments` and further `call_centers`. */
async function writeFixture(dir: string, extra: { departments?: unknown[]; call_centers?: unknown[] }): Promise<string> {
  const fixture = JSON.parse(await readFile(FIXTURE, 'utf8')) as Record<string, unknown[]>;
  fixture.departments = extra.departments ?? [];
  fixture.call_centers = [...(fixture.call_centers ?? []), ...(extra.call_centers ?? [])];
  const path = join(dir, 'fixture.json');
  await writeFile(path, JSON.stringify(fixture));
  return path;
}

const dept = (id: string, name: string) => ({ id, name, office_id: '6100000000000001', operators: [] });

async function planJson(config: string, cwd: string, env: Record<string, string>) {
  const out = await runCli(['plan', '-c', config, '--format', 'json'], { cwd, env });
  return { out, plan: JSON.parse(out.stdout) as { operations: { kind: string }[]; violations: { code: string; message: string }[]; summary: { blocked: boolean } } };
}

describe('groups safety (issue 19 review)', () => {
  it('a pinned id Dialpad no longer has blocks the plan with group_id_not_found instead of creating it and deleting the live group (issue 19 review #1)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-stale-id-'));
    const running = await startEmulatorForTest(FIXTURE);
    const config = join(cwd, 'dialform.yaml');
    await writeFile(config, `${HEAD}policy: { unmanaged_groups: delete }\ncall_centers:\n  support: { name: Support, office: hq, id: "999" }\n${USERS}`);
    const { out, plan } = await planJson(config, cwd, running.env);
    expect(plan.operations.map((o) => o.kind), out.stderr).not.toContain('delete_group');
    expect(plan.operations.map((o) => o.kind)).not.toContain('create_group');
    expect(plan.summary.blocked).toBe(true);
    const error = plan.violations.find((v) => v.code === 'group_id_not_found');
    expect(error?.message).toMatch(/call center "support" pins id 999.*6600000000000001.*Fix the id \(call_centers.support.id\), or unpin it/);
    const applied = await runCli(['apply', '-c', config, '--auto-approve'], { cwd, env: running.env });
    expect(applied.code).not.toBe(0);
    expect(running.emulator.snapshot().call_centers?.map((g) => g.name)).toEqual(['Support']);
  });

  it('with unmanaged_groups: delete, a config without call_centers: deletes no call center (issue 19 review #2)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-absent-'));
    const fixture = await writeFixture(cwd, {
      departments: [dept('6500000000000001', 'Sales'), dept('6500000000000002', 'Marketing'), dept('6500000000000003', 'Legal')],
      call_centers: [dept('6600000000000002', 'Billing')],
    });
    const running = await startEmulatorForTest(fixture);
    const config = join(cwd, 'dialform.yaml');
    const departments = 'departments:\n  sales: { name: Sales, office: hq }\n  marketing: { name: Marketing, office: hq }\n  legal: { name: Legal, office: hq }\n';
    await writeFile(config, `${HEAD}policy: { unmanaged_groups: delete }\n${departments}${USERS}`);
    const { out, plan } = await planJson(config, cwd, running.env);
    expect(plan.operations.filter((o) => o.kind === 'delete_group'), out.stdout).toEqual([]);
    // An empty section is declared: then every live call center is unmanaged, and deleted.
    await writeFile(config, `${HEAD}policy: { unmanaged_groups: delete }\n${departments}call_centers: {}\n${USERS}`);
    const declared = await planJson(config, cwd, running.env);
    expect(declared.plan.operations.filter((o) => o.kind === 'delete_group')).toHaveLength(2);
  });

  it('imports two departments of one name in one office, validates and plans no changes (issue 19 review #3)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-twins-'));
    await writeFixture(cwd, { departments: [dept('6500000000000001', 'Sales'), dept('6500000000000002', 'Sales')] });
    const imported = await runCli(['import', '-o', 'company', '--emulator', 'fixture.json'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    const validate = await runCli(['validate', '-c', 'company'], { cwd });
    expect(validate.code, validate.stderr).toBe(0);
    const plan = await runCli(['plan', '-c', 'company', '--emulator', '--detailed-exitcode'], { cwd });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it('a failed /callcenters read names the group deletions it holds back (issue 19 review #4)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-partial-'));
    const fixture = await writeFixture(cwd, { departments: [dept('6500000000000001', 'Sales'), dept('6500000000000002', 'Marketing')] });
    const running = await startEmulatorForTest(fixture, { faults: 'rate=0,fail=GET:/api/v2/callcenters' });
    const config = join(cwd, 'dialform.yaml');
    await writeFile(config, `${HEAD}policy: { unmanaged_groups: delete }\ndepartments: {}\ncall_centers: {}\n${USERS}`);
    const { out, plan } = await planJson(config, cwd, running.env);
    const error = plan.violations.find((v) => v.code === 'incomplete_live_read');
    expect(error?.message, out.stdout + out.stderr).toMatch(/2 group deletions \(department Marketing, department Sales\) were left out/);
    expect(plan.operations.map((o) => o.kind)).not.toContain('delete_group');
  });
});
