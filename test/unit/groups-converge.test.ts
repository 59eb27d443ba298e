import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(import.meta.dirname, '..', 'golden');

/** `email → { group name: role/skill }` from the emulator's state snapshot (the fixture format). */
function memberships(state: Fixture): Record<string, Record<string, string>> {
  const emailOf = new Map(state.users.map((u) => [u.id, u.emails[0]]));
  const out: Record<string, Record<string, string>> = {};
  for (const g of [...(state.departments ?? []), ...(state.call_centers ?? [])]) {
    for (const op of g.operators) {
      const email = emailOf.get(op.user_id) ?? op.user_id;
      const skill = 'skill_level' in op && op.skill_level !== undefined ? `/${String(op.skill_level)}` : '';
      (out[email] ??= {})[g.name] = `${op.role}${skill}`;
    }
  }
  return out;
}

/** Applies `config` against the fixture through the CLI over loopback, then plans again: nothing left. */
async function applyAndReplan(fixture: string, config: string) {
  const running = await startEmulatorForTest(fixture);
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-'));
  const args = ['-c', config];
  const applied = await runCli(['apply', ...args, '--auto-approve'], { cwd, env: running.env });
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  const again = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env: running.env });
  expect(again.code, again.stdout + again.stderr).toBe(0);
  return running.emulator.snapshot();
}

describe('departments and call centers, applied against the emulator (issue 19 #5)', () => {
  it('a supervisor role change re-adds with the skill the operator had, and converges', async () => {
    const dir = join(golden, 'call-center-supervisor-role-change');
    const state = await applyAndReplan(join(dir, 'fixture.json'), join(dir, 'config.yaml'));
    expect(memberships(state)['alan.turing@acme.com']).toEqual({ Support: 'supervisor/70' });
  });

  it('a saved plan with a skill change and a role change applies with its config (which reads the same skill levels), then converges', async () => {
    const dir = join(golden, 'call-center-supervisor-role-change');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-saved-'));
    const args = ['-c', join(dir, 'config.yaml')];
    const saved = await runCli(['plan', ...args, '--out', 'plan.json'], { cwd, env: running.env });
    expect(saved.code, saved.stderr).toBe(0);
    const applied = await runCli(['apply', 'plan.json', ...args, '--auto-approve'], { cwd, env: running.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const again = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env: running.env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it('a saved plan is refused as stale, not as edited, when a skill it changes moved in Dialpad since (issue 15 review #5)', async () => {
    const dir = join(golden, 'call-center-skill-change');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-stale-'));
    const args = ['-c', join(dir, 'config.yaml')];
    expect((await runCli(['plan', ...args, '--out', 'plan.json'], { cwd, env: running.env })).code).toBe(0);
    // An admin sets Alan's skill in Dialpad's UI after the plan was reviewed.
    const res = await fetch(`${running.url}/api/v2/callcenters/6600000000000001/operators/7200000000000002/skill`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${running.env.DIALPAD_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ skill_level: 60 }),
    });
    expect(res.status).toBe(200);
    const applied = await runCli(['apply', 'plan.json', ...args, '--auto-approve'], { cwd, env: running.env });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('Dialpad changed since this plan was made');
  });

  it('a skill change converges', async () => {
    const dir = join(golden, 'call-center-skill-change');
    const state = await applyAndReplan(join(dir, 'fixture.json'), join(dir, 'config.yaml'));
    expect(memberships(state)['alan.turing@acme.com']).toEqual({ Support: 'operator/85' });
  });

  it('a leaver is removed from their groups, then deleted, and the plan converges', async () => {
    const dir = join(golden, 'leaver-removed-from-groups-before-deletion');
    const state = await applyAndReplan(join(dir, 'fixture.json'), join(dir, 'config.yaml'));
    expect(memberships(state)).toEqual({ 'alan.turing@acme.com': { Sales: 'operator' } });
  });

  it('creates a call center and adds a new hire (an agent) to it in one apply, and converges', async () => {
    const dir = join(golden, 'call-center-skill-change');
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-new-'));
    const base = await readFile(join(dir, 'config.yaml'), 'utf8');
    const config = join(cwd, 'dialform.yaml');
    await writeFile(
      config,
      base.replace('../../../schemas', join(import.meta.dirname, '..', '..', 'schemas')).replace(
        'call_centers:\n  support: { name: Support, office: hq }',
        'call_centers:\n  support: { name: Support, office: hq }\n  billing: { name: Billing, office: hq }',
      ) +
        '  - { email: edsger.dijkstra@acme.com, first_name: Edsger, last_name: Dijkstra, office: hq, license: agents, call_centers: { billing: { role: supervisor, skill: 40 } } }\n',
    );
    // The fixture's HQ has 2 Sell lines, both held: give it one more for the new agent.
    const fixture = JSON.parse(await readFile(join(dir, 'fixture.json'), 'utf8')) as Fixture & { offices: { licenses: Record<string, string> }[] };
    (fixture.offices[0] as { licenses: Record<string, string> }).licenses = { talk_lines: '1', sell_lines: '3' };
    await writeFile(join(cwd, 'fixture.json'), JSON.stringify(fixture));
    const state = await applyAndReplan(join(cwd, 'fixture.json'), config);
    expect(memberships(state)['edsger.dijkstra@acme.com']).toEqual({ Billing: 'supervisor/40' });
    expect(state.users.find((u) => u.emails[0] === 'edsger.dijkstra@acme.com')?.license).toBe('agents');
  });

  it('a saved plan that swaps an operator of a full department has the add run after the removal, and applies (issue 19 review #1)', async () => {
    const dir = join(golden, 'department-full-refuses-26th-operator');
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-full-'));
    const base = await readFile(join(dir, 'config.yaml'), 'utf8');
    const config = join(cwd, 'dialform.yaml');
    // Op Number0 leaves Sales (25 operators) as Alan joins it.
    await writeFile(
      config,
      base.replace('../../../schemas', join(import.meta.dirname, '..', '..', 'schemas')) +
        '  - { email: op.number0@acme.com, first_name: Op, last_name: Number0, office: hq, license: talk, departments: {} }\n',
    );
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const args = ['-c', config];
    const saved = await runCli(['plan', ...args, '--out', 'plan.json'], { cwd, env: running.env });
    expect(saved.code, saved.stdout + saved.stderr).toBe(0);
    const plan = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8')) as { operations: { id: string; kind: string; after: string[] }[] };
    const remove = plan.operations.find((op) => op.kind === 'remove_operator');
    expect(plan.operations.find((op) => op.kind === 'add_operator')?.after).toContain(remove?.id);
    const applied = await runCli(['apply', 'plan.json', ...args, '--auto-approve'], { cwd, env: running.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const again = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env: running.env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const state = running.emulator.snapshot();
    expect(memberships(state)['alan.turing@acme.com']).toEqual({ Sales: 'operator' });
    expect(memberships(state)['op.number0@acme.com']).toBeUndefined();
  });
});

describe('read cost of groups (issue 19 #3)', () => {
  it.each([
    // Alan declares a skill; Ada does not: one skill read.
    ['call-center-skill-change', 1],
    // Alan's role changes (his skill is kept on the re-add), Ada declares hers: two.
    ['call-center-supervisor-role-change', 2],
    // No config declares a skill and no role changes: none.
    ['leaver-removed-from-groups-before-deletion', 0],
  ])('%s: two group lists, and a skill read only where the plan needs one (%i)', async (scenario, skills) => {
    const dir = join(golden, scenario);
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-cost-'));
    const planned = await runCli(['plan', '-c', join(dir, 'config.yaml')], { cwd, env: running.env });
    expect(planned.code, planned.stderr).toBe(0);
    const paths = running.emulator.requestLog().map((r) => `${r.method} ${r.path}`);
    expect(paths.filter((p) => p === 'GET /api/v2/departments' || p === 'GET /api/v2/callcenters').sort()).toEqual(['GET /api/v2/callcenters', 'GET /api/v2/departments']);
    expect(paths.filter((p) => p.endsWith('/skill'))).toHaveLength(skills);
    expect(paths.filter((p) => /\/operators$/.test(p))).toEqual([]);
  });
});

describe('import of a company with groups (issue 19 #4)', () => {
  it('writes the groups and memberships, and planning the import against the same company is empty', async () => {
    const dir = join(golden, 'leaver-removed-from-groups-before-deletion');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-groups-import-'));
    const imported = await runCli(['import', '-o', 'company'], { cwd, env: running.env });
    expect(imported.code, imported.stderr).toBe(0);
    const main = await readFile(join(cwd, 'company', 'dialform.yaml'), 'utf8');
    expect(main).toContain('departments:\n  sales:');
    expect(main).toContain('call_centers:\n  support:');
    const users = await readFile(join(cwd, 'company', 'users', 'acme-hq.yaml'), 'utf8');
    expect(users).toContain('departments: { sales: operator }, call_centers: { support: operator }');
    const validate = await runCli(['validate', '-c', 'company'], { cwd });
    expect(validate.stdout).toBe('Configuration is valid: 1 office, 3 users, 2 groups in 2 files.\n');
    const plan = await runCli(['plan', '-c', 'company', '--detailed-exitcode'], { cwd, env: running.env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });
});
