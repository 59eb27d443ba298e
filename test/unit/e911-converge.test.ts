import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(import.meta.dirname, '..', 'golden');
const schemas = join(import.meta.dirname, '..', '..', 'schemas');

/** A copy of a golden config in `cwd`, its `$schema` made absolute, with `extra` appended. */
async function configFrom(scenario: string, cwd: string, extra = ''): Promise<string> {
  const base = await readFile(join(golden, scenario, 'config.yaml'), 'utf8');
  const path = join(cwd, 'dialform.yaml');
  await writeFile(path, base.replace('../../../schemas', schemas) + extra);
  return path;
}

/** `address, city` of the office's and each user's address in the emulator's state. */
function addresses(state: Fixture): Record<string, string | undefined> {
  const line = (a: unknown) => (a === undefined ? undefined : `${(a as Record<string, string>)['address']}, ${(a as Record<string, string>)['city']}`);
  return {
    office: line(state.offices[0]?.['e911_address']),
    ...Object.fromEntries(state.users.map((u) => [u.emails[0], line(u['e911_address'])])),
  };
}

describe('E911 addresses against the emulator (issue 29)', () => {
  it.each([
    ['office-e911-change', { office: '500 Howard St, San Francisco', 'alan.turing@acme.com': undefined }],
    ['user-e911-override', { office: '1 Market St, San Francisco', 'alan.turing@acme.com': '77 Mass Ave, Cambridge', 'grace.hopper@acme.com': undefined }],
  ])('%s: plan → apply → plan is empty, and Dialpad holds the addresses config gives', async (scenario, want) => {
    const running = await startEmulatorForTest(join(golden, scenario, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-e911-'));
    const args = ['-c', join(golden, scenario, 'config.yaml')];
    const applied = await runCli(['apply', ...args, '--auto-approve'], { cwd, env: running.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const again = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env: running.env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(addresses(running.emulator.snapshot())).toMatchObject(want);
  });

  it('a new hire working from home is created, then given their own address, in one apply that converges', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-e911-new-'));
    const config = await configFrom(
      'office-e911-change',
      cwd,
      '  - { email: edsger.dijkstra@acme.com, first_name: Edsger, last_name: Dijkstra, office: hq, license: talk, e911: { address: 3 Pine Ln, city: Austin, state: TX, zip: "73301", country: US } }\n',
    );
    const fixture = JSON.parse(await readFile(join(golden, 'office-e911-change', 'fixture.json'), 'utf8')) as Fixture;
    (fixture.offices[0] as unknown as { licenses: Record<string, string> }).licenses = { talk_lines: '3' };
    await writeFile(join(cwd, 'fixture.json'), JSON.stringify(fixture));
    const running = await startEmulatorForTest(join(cwd, 'fixture.json'));
    const planned = await runCli(['plan', '-c', config, '--format', 'json'], { cwd, env: running.env });
    const plan = JSON.parse(planned.stdout) as { operations: { id: string; kind: string; after: string[] }[] };
    const create = plan.operations.find((op) => op.kind === 'create_user');
    expect(plan.operations.find((op) => op.kind === 'update_user_e911')?.after).toContain(create?.id);
    const applied = await runCli(['apply', '-c', config, '--auto-approve'], { cwd, env: running.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const again = await runCli(['plan', '-c', config, '--detailed-exitcode'], { cwd, env: running.env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(addresses(running.emulator.snapshot())['edsger.dijkstra@acme.com']).toBe('3 Pine Ln, Austin');
  });

  it.each([
    // Config declares none: no E911 read at all.
    ['office-country-mismatch', 0],
    // The office's address: one read.
    ['office-e911-change', 1],
    // The office's and Alan's (Grace's is incomplete, so never sent nor read).
    ['user-e911-override', 2],
  ])('%s: reads an E911 address only where config declares one (%i)', async (scenario, reads) => {
    const running = await startEmulatorForTest(join(golden, scenario, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-e911-cost-'));
    await runCli(['plan', '-c', join(golden, scenario, 'config.yaml')], { cwd, env: running.env });
    const paths = running.emulator.requestLog().map((r) => `${r.method} ${r.path}`);
    expect(paths.filter((p) => p.endsWith('/e911'))).toHaveLength(reads);
  });

  it('plan --redact masks the addresses, old and new, in every format', async () => {
    const running = await startEmulatorForTest(join(golden, 'office-e911-change', 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-e911-redact-'));
    for (const format of ['text', 'markdown', 'json']) {
      const planned = await runCli(['plan', '-c', join(golden, 'office-e911-change', 'config.yaml'), '--redact', '--format', format], { cwd, env: running.env });
      expect(planned.code, planned.stderr).toBe(0);
      expect(planned.stdout).toContain('E911');
      for (const secret of ['Howard', 'Market St', 'Floor 3', 'San Francisco', '94105']) expect(planned.stdout, `${format}: ${secret}`).not.toContain(secret);
    }
  });

  it('import --with e911 writes the office\'s address and a user\'s own where it differs; planning the import is empty', async () => {
    const fixture = JSON.parse(await readFile(join(golden, 'user-e911-override', 'fixture.json'), 'utf8')) as Fixture;
    const alan = fixture.users.find((u) => u.emails[0] === 'alan.turing@acme.com');
    if (alan === undefined) throw new Error('fixture without Alan');
    alan['e911_address'] = { address: '77 Mass Ave', address2: 'Apt 4', city: 'Cambridge', state: 'ma', zip: '02139', country: 'us' };
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-e911-import-'));
    await writeFile(join(cwd, 'fixture.json'), JSON.stringify(fixture));
    const running = await startEmulatorForTest(join(cwd, 'fixture.json'));
    const imported = await runCli(['import', '-o', 'company', '--with', 'e911'], { cwd, env: running.env });
    expect(imported.code, imported.stderr).toBe(0);
    const main = await readFile(join(cwd, 'company', 'dialform.yaml'), 'utf8');
    expect(main).toMatch(/e911:\n +address: 1 Market St\n +city: San Francisco\n +state: ca\n +zip: "94105"\n +country: US\n/);
    const users = await readFile(join(cwd, 'company', 'users', 'acme-hq.yaml'), 'utf8');
    expect(users).toContain('e911: { address: 77 Mass Ave, address2: Apt 4, city: Cambridge, state: ma, zip: "02139", country: US }');
    expect(users.match(/ e911: /g)).toHaveLength(1);
    const plan = await runCli(['plan', '-c', 'company', '--detailed-exitcode'], { cwd, env: running.env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const without = await runCli(['import', '-o', 'plain'], { cwd, env: running.env });
    expect(without.code).toBe(0);
    expect(await readFile(join(cwd, 'plain', 'dialform.yaml'), 'utf8')).not.toContain(' e911:');
  });

  it('import --with e911,caller_id writes both the E911 addresses and the caller IDs; planning the import is empty', async () => {
    const fixture = JSON.parse(await readFile(join(golden, 'user-e911-override', 'fixture.json'), 'utf8')) as Fixture;
    const alan = fixture.users.find((u) => u.emails[0] === 'alan.turing@acme.com');
    if (alan === undefined) throw new Error('fixture without Alan');
    alan['e911_address'] = { address: '77 Mass Ave', city: 'Cambridge', state: 'MA', zip: '02139', country: 'US' };
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-e911-callerid-import-'));
    await writeFile(join(cwd, 'fixture.json'), JSON.stringify(fixture));
    const running = await startEmulatorForTest(join(cwd, 'fixture.json'));
    const imported = await runCli(['import', '-o', 'company', '--with', 'e911,caller_id'], { cwd, env: running.env });
    expect(imported.code, imported.stderr).toBe(0);
    const users = await readFile(join(cwd, 'company', 'users', 'acme-hq.yaml'), 'utf8');
    expect(users).toContain('e911: { address: 77 Mass Ave, city: Cambridge, state: MA, zip: "02139", country: US }');
    const withNumbers = fixture.users.filter((u) => Array.isArray(u['phone_numbers']) && (u['phone_numbers'] as unknown[]).length > 0);
    expect(withNumbers.length).toBeGreaterThan(0);
    expect(users.match(/ caller_id: /g)).toHaveLength(withNumbers.length);
    const plan = await runCli(['plan', '-c', 'company', '--detailed-exitcode'], { cwd, env: running.env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it('import --with refuses what it does not know', async () => {
    const running = await startEmulatorForTest(join(golden, 'user-e911-override', 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-e911-with-'));
    const refused = await runCli(['import', '-o', 'company', '--with', 'e911,fax'], { cwd, env: running.env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('e911');
  });
});
