import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';
import { fingerprintPlan } from '../../src/plan/fingerprint.js';
import type { Operation } from '../../src/plan/types.js';

const acme = join(ROOT, 'examples', 'acme');
const transfer = join(ROOT, 'test', 'integration', 'scenarios', 'license-transfer');

/** `plan --out` → review → `apply FILE`: exactly the reviewed operations, and only on the live state they were planned against. */
describe('saved plans', () => {

  it('shows and applies a saved plan, then converges', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-saved-'));
    const env = running.env;

    const plan = await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env });
    expect(plan.code).toBe(0);
    expect(plan.stderr).toContain('Plan written to plan.json');
    const saved = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8'));
    // show reads no Dialpad: each operation by what it does, none of the file's texts, no warning for the planner's own.
    const shown = await runCli(['show', 'plan.json'], { cwd, env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr).toBe('');
    for (const op of saved.operations) expect(shown.stdout).toContain(`${op.kind} `);
    expect(saved.format_version).toBe(1);

    // The plan file alone is not trusted: apply needs the config it was made from (issue 12 #2).
    const blind = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd, env });
    expect(blind.code).toBe(1);
    expect(blind.stderr).toContain('Refusing a saved plan without the config it was made from');

    const apply = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve'], { cwd, env });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain(`Apply complete: ${saved.operations.length} done`);

    const after = await runCli(['plan', '-c', acme, '--detailed-exitcode'], { cwd, env });
    expect(after.code, after.stdout).toBe(0);
  });

  it('refuses a stale plan after a change made in Dialpad, says what changed, and writes nothing', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-stale-'));
    const env = running.env;
    expect((await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env })).code).toBe(0);

    // Someone renames Alan in Dialpad's UI after the plan was reviewed.
    const alan = running.emulator.snapshot().users.find((u) => u.emails?.[0] === 'alan.turing@acme.com');
    const res = await fetch(`${running.url}/api/v2/users/${alan?.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${env.DIALPAD_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ first_name: 'Alan M.' }),
    });
    expect(res.status).toBe(200);
    const before = JSON.stringify(running.emulator.snapshot().users);

    const apply = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve'], { cwd, env });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('Dialpad changed since this plan was made');
    // The plan already updated Alan (his license); the update needed now also renames him back.
    expect(apply.stderr).toMatch(/now different: +update_user .*alan\.turing@acme\.com.*\(patch\.first_name: planned \(none\), now "Alan"\)/);
    expect(apply.stderr).toContain('Nothing was applied');
    expect(JSON.stringify(running.emulator.snapshot().users)).toBe(before);
  });

  it('resumes a saved plan after its manual step is done, but not past a change someone else made, nor without its config', async () => {
    const running = await startEmulatorForTest(join(transfer, 'fixture.json'));
    const emulator = running;
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-resume-'));
    const env = running.env;
    const config = ['-c', join(transfer, 'config.yaml')];
    const apply = (...extra: string[]) => runCli(['apply', 'plan.json', ...extra, '--auto-approve'], { cwd, env });
    const rename = (firstName: string) =>
      fetch(`${emulator.url}/api/v2/users/104`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${env.DIALPAD_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ first_name: firstName }),
      });
    expect((await runCli(['plan', ...config, '--out', 'plan.json'], { cwd, env })).code).toBe(0);

    // Ben's rename is done; Fay's hire waits for the license transfer.
    const first = await apply(...config);
    expect(first.code, first.stdout + first.stderr).toBe(4);

    const blind = await apply();
    expect(blind.code).toBe(1);
    expect(blind.stderr).toContain('Refusing a saved plan without the config it was made from');
    expect(blind.stderr).toContain('The plan was started before (1 operation(s) done)');

    // Someone renames Cat in Dialpad: the resumed plan is refused, naming that change only.
    expect((await rename('Catherine')).status).toBe(200);
    const stale = await apply(...config);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('beyond what its 1 done operation(s) did');
    expect(stale.stderr).toMatch(/now also needed: +update_user .*c@transfer\.example/);
    expect(stale.stderr).not.toContain('b@transfer.example');
    expect((await rename('Cat')).status).toBe(200);

    // The admin does the transfer: the plan resumes and finishes.
    await running.console('transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 });
    const second = await apply(...config);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stderr).toContain('Resuming a plan this journal has already started');
    expect(running.emulator.snapshot().users.some((u) => u.emails?.[0] === 'f@transfer.example')).toBe(true);
  });

  it('refuses a saved plan whose delete target id was edited to another user, naming both, and writes nothing (issue 12 #2)', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-edited-'));
    const env = running.env;
    expect((await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env })).code).toBe(0);
    const saved = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8'));
    const remove = saved.operations.find((op: { kind: string; target: { email?: string } }) => op.kind === 'delete_user' && op.target.email === 'bjarne.stroustrup@acme.com');
    const alan = running.emulator.snapshot().users.find((u) => u.emails?.[0] === 'alan.turing@acme.com');
    remove.target.id = String(alan?.id);
    await writeFile(join(cwd, 'plan.json'), JSON.stringify(saved));
    const before = JSON.stringify(running.emulator.snapshot().users);

    const apply = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve'], { cwd, env });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('refers by id to another object than the one it names');
    expect(apply.stderr).toContain(`names user bjarne.stroustrup@acme.com (id ${alan?.id}), but id ${alan?.id} is the live user alan.turing@acme.com`);
    expect(apply.stderr).toContain('Nothing was applied');
    expect(apply.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.stringify(running.emulator.snapshot().users)).toBe(before);
  });

  it('show never prints a plan file\'s own summary, and warns about one that contradicts its operation', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-show-edited-'));
    const plan = await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env: running.env });
    expect(plan.code, plan.stderr).toBe(0);
    const saved = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8'));
    const victim = saved.operations.find((op: { target: { type: string } }) => op.target.type === 'user');
    expect(victim).toBeDefined();
    victim.summary = 'rename someone nice: harmless';
    victim.notes = ['Nothing to worry about.'];
    await writeFile(join(cwd, 'plan.json'), JSON.stringify(saved));

    for (const format of ['text', 'markdown', 'json']) {
      const shown = await runCli(['show', 'plan.json', '--format', format], { cwd });
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).not.toContain('harmless');
      expect(shown.stdout).not.toContain('Nothing to worry about');
      // Markdown escapes the kind's underscore.
      expect(shown.stdout).toContain(format === 'markdown' ? `${victim.kind.replace('_', '\\_')} ${victim.target.email}` : `${victim.kind} ${victim.target.email}`);
      expect(shown.stderr).toContain(`warning: ${victim.id}: the file's summary ("rename someone nice: harmless") does not say what the operation does: ${victim.kind} ${victim.target.email}`);
    }
    const redacted = await runCli(['show', 'plan.json', '--redact'], { cwd });
    expect(redacted.stderr).toContain(`warning: ${victim.id}: the file's summary does not say what the operation does: ${victim.kind} `);
    expect(redacted.stderr).not.toContain(victim.target.email);
  });

  it('refuses a saved plan whose operations were put in another order, naming them, and writes nothing', async () => {
    const running = await startEmulatorForTest(join(acme, 'live.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-reordered-'));
    const plan = await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env: running.env });
    expect(plan.code, plan.stderr).toBe(0);
    const saved = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8'));
    // Two neighbours, the second not waiting for the first, swapped, ids and `after` renumbered as a file must have them.
    type Op = { id: string; kind: string; summary: string; after: string[] };
    const ops: Op[] = saved.operations;
    const at = ops.findIndex((op, i) => i + 1 < ops.length && !ops[i + 1]?.after.includes(op.id));
    const first = ops[at] as Op;
    const second = ops[at + 1] as Op;
    const rename = (id: string) => (id === first.id ? second.id : id === second.id ? first.id : id);
    const swapped = [...ops.slice(0, at), { ...second, id: first.id }, { ...first, id: second.id }, ...ops.slice(at + 2)].map((op) => ({ ...op, after: op.after.map(rename) }));
    // The file's fingerprint covers the order, but anyone can recompute it: it is no check of trust.
    await writeFile(join(cwd, 'plan.json'), JSON.stringify({ ...saved, operations: swapped, fingerprint: fingerprintPlan({ basis: saved.basis, operations: swapped as unknown as Operation[] }) }));
    const before = JSON.stringify(running.emulator.snapshot().users);
    const apply = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve'], { cwd, env: running.env });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("the plan's operations are not what its config asks for");
    expect(apply.stderr).toContain(`now in another order: ${first.kind} ${first.summary} (the saved plan runs it, as ${second.id}, after operations that must follow it)`);
    expect(apply.stderr).toContain('Nothing was applied');
    expect(JSON.stringify(running.emulator.snapshot().users)).toBe(before);
  });

  it('refuses a corrupted plan file with a clear message', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-corrupt-'));
    await writeFile(join(cwd, 'plan.json'), '{"format_version": 1, "operations": [');
    const show = await runCli(['show', 'plan.json'], { cwd });
    expect(show.code).toBe(1);
    expect(show.stderr).toContain('plan.json');
    expect(show.stderr).not.toMatch(/\n\s+at /);
  });
});
