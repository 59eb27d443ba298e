/**
 * Every error names its code (issue 25): `error <code>: message` on stderr, and under
 * `--format json` exactly one `{"error": {code, message, problems}}` document on stdout, with the
 * exit code unchanged (docs/errors.md).
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, scratchCopy, type CliResult } from '../support/cli.js';
import { startEmulatorForTest } from '../support/emulator.js';

interface ErrorDocument {
  error: { code: string; message: string; problems: { file: string; line: number; col: number; message: string }[] };
}

/** stdout as exactly one JSON document (JSON.parse refuses anything before or after it). */
function documentOf(result: CliResult): unknown {
  return JSON.parse(result.stdout);
}

/** A config with two problems in one file: an unknown policy value (line 3) and an office no entry defines (line 6). */
const BROKEN = [
  'version: 1',
  'policy:',
  '  unmanaged_users: sometimes',
  'offices: { hq: { name: HQ, country: US } }',
  'users:',
  '  - { email: ada@acme.com, first_name: Ada, last_name: L, office: paris }',
  '',
].join('\n');

async function brokenConfig(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-codes-'));
  await writeFile(join(cwd, 'broken.yaml'), BROKEN);
  return cwd;
}

function expectConfigInvalid(result: CliResult): void {
  expect(result.code, result.stderr).toBe(1);
  const doc = documentOf(result) as ErrorDocument;
  expect(doc.error.code).toBe('config_invalid');
  expect(doc.error.message).toBe('2 problems found');
  expect(doc.error.problems).toEqual([
    { file: 'broken.yaml', line: 3, col: expect.any(Number), message: expect.stringContaining('unmanaged_users') },
    { file: 'broken.yaml', line: 6, col: expect.any(Number), message: expect.stringContaining('paris') },
  ]);
  // The text form still goes to stderr, for the log; never a stack trace.
  expect(result.stderr).toMatch(/^error config_invalid: 2 problems found:\nbroken\.yaml:3:\d+: .*\nbroken\.yaml:6:\d+: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('error codes through the CLI', () => {
  it('plan --format json prints one error document for a bad config: config_invalid, each problem with file, line and col', async () => {
    const running = await startEmulatorForTest(join(ROOT, 'examples', 'acme', 'live.json'));
    const cwd = await brokenConfig();
    expectConfigInvalid(await runCli(['plan', '-c', 'broken.yaml', '--format', 'json'], { cwd, env: running.env }));
  });

  it('validate --format json prints one error document for a bad config, and one small document for a good one', async () => {
    const cwd = await brokenConfig();
    expectConfigInvalid(await runCli(['validate', '-c', 'broken.yaml', '--format', 'json'], { cwd }));

    const valid = await runCli(['validate', '-c', join(ROOT, 'examples', 'acme'), '--format', 'json', '--emulator'], { cwd });
    expect(valid.code, valid.stderr).toBe(0);
    expect(documentOf(valid)).toEqual({
      valid: true,
      files: 4,
      offices: 3,
      users: expect.any(Number),
      groups: 0,
      rooms: 0,
      warnings: [],
      emulator_fixture: { file: expect.stringMatching(/live\.json$/), users: expect.any(Number) },
    });
  });

  it('names the code on every text error line: error <code>: message', async () => {
    const cwd = await brokenConfig();
    const invalid = await runCli(['validate', '-c', 'broken.yaml'], { cwd });
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr.split('\n')[0]).toBe('error config_invalid: 2 problems found:');

    const missing = await runCli(['validate', '-c', 'nowhere.yaml'], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error usage: config not found: nowhere.yaml does not exist\n');

    // Commander's own errors are usage errors too, and a script asking for JSON still gets its document.
    const unknown = await runCli(['plan', '--format', 'json', '--no-such-option'], { cwd });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error usage: unknown option '--no-such-option'\n/);
    expect(documentOf(unknown)).toEqual({ error: { code: 'usage', message: "unknown option '--no-such-option'", problems: [] } });
  });

  it('refuses a saved plan with another config as plan_config_mismatch, and without one as plan_config_missing (not plan_stale); nothing is written', async () => {
    const running = await startEmulatorForTest(join(ROOT, 'examples', 'acme', 'live.json'));
    const cwd = await scratchCopy('acme');
    const env = running.env;
    expect((await runCli(['plan', '-c', 'acme', '--out', 'plan.json'], { cwd, env })).code).toBe(0);
    // Another config: a policy limit raised after review (its digest differs; the operations would not).
    const main = join(cwd, 'acme', 'dialform.yaml');
    await writeFile(main, (await readFile(main, 'utf8')).replace('max_deletions: 3', 'max_deletions: 4'));
    const company = () => {
      const { offices, users, numbers } = running.emulator.snapshot();
      return JSON.stringify({ offices, users, numbers });
    };
    const before = company();

    const other = await runCli(['apply', 'plan.json', '-c', 'acme', '--auto-approve'], { cwd, env });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^error plan_config_mismatch: Refusing a saved plan with a config other than the one it was made from/);
    const otherJson = await runCli(['apply', 'plan.json', '-c', 'acme', '--auto-approve', '--format', 'json'], { cwd, env });
    expect(otherJson.code).toBe(1);
    expect(documentOf(otherJson)).toMatchObject({ error: { code: 'plan_config_mismatch', problems: [] } });
    expect((documentOf(otherJson) as ErrorDocument).error.message).toContain('Nothing was applied.');

    const blind = await runCli(['apply', 'plan.json', '--auto-approve', '--format', 'json'], { cwd, env });
    expect(blind.code).toBe(1);
    expect(documentOf(blind)).toMatchObject({ error: { code: 'plan_config_missing' } });
    expect(blind.stderr).toMatch(/^error plan_config_missing: Refusing a saved plan without the config it was made from/m);
    expect(company()).toBe(before);
  });

  it('apply --format json prints its outcome as one document on stdout, and the plan and progress on stderr', async () => {
    const running = await startEmulatorForTest(join(ROOT, 'examples', 'acme', 'live.json'));
    const cwd = await scratchCopy('acme');
    const applied = await runCli(['apply', '-c', 'acme', '--auto-approve', '--format', 'json'], { cwd, env: running.env });
    expect(applied.code, applied.stderr).toBe(0);
    const doc = documentOf(applied) as { apply: { status: string; operations: { id: string; kind: string; status: string }[] } };
    expect(doc.apply.status).toBe('complete');
    expect(doc.apply.operations.length).toBeGreaterThan(0);
    expect(doc.apply.operations.every((op) => /^op-\d+$/.test(op.id) && op.status === 'done')).toBe(true);
    expect(applied.stderr).toContain('Apply complete:');

    const again = await runCli(['apply', '-c', 'acme', '--auto-approve', '--format', 'json'], { cwd, env: running.env });
    expect(again.code, again.stderr).toBe(0);
    expect(documentOf(again)).toEqual({ apply: { status: 'no_changes', operations: [] } });
  });

  it('apply refuses a blocked plan as plan_blocked (exit 3), naming the rule, under --format json as one document', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-blocked-'));
    await cp(join(ROOT, 'test', 'golden', 'pending-user-with-number-deleted'), cwd, { recursive: true });
    const blocked = await runCli(['apply', '-c', 'config.yaml', '--emulator', 'fixture.json', '--auto-approve', '--format', 'json'], { cwd });
    expect(blocked.code, blocked.stderr).toBe(3);
    const doc = documentOf(blocked) as ErrorDocument;
    expect(doc.error.code).toBe('plan_blocked');
    expect(doc.error.message).toMatch(/^Refusing to apply: the plan is blocked by a rule:\n {2}pending_user_number_loss: /);
    // The plan itself, with its violations, goes to stderr under --format json.
    expect(blocked.stderr).toContain('error pending_user_number_loss');
    expect(blocked.stderr).toMatch(/^error plan_blocked: Refusing to apply/m);
  });
});
