import { readdir, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { startEmulator, type RunningEmulator } from '../support/emulator.js';

const acme = join(ROOT, 'examples', 'acme');

/**
 * Every person's name in the example company, the config's users and the live fixture's: full
 * names, and first and last names on their own (JSON holds them in separate fields).
 */
async function namesOfAcme(): Promise<string[]> {
  const names = new Set<string>();
  for (const file of await readdir(join(acme, 'users'))) {
    const doc = parse(await readFile(join(acme, 'users', file), 'utf8')) as { users: { first_name: string; last_name: string }[] };
    for (const u of doc.users) names.add(`${u.first_name} ${u.last_name}`).add(u.first_name).add(u.last_name);
  }
  const live = JSON.parse(await readFile(join(acme, 'live.json'), 'utf8')) as {
    users: { first_name?: string; last_name?: string; display_name?: string }[];
  };
  for (const u of live.users) {
    if (u.display_name) names.add(u.display_name);
    if (u.first_name && u.last_name) names.add(`${u.first_name} ${u.last_name}`).add(u.first_name).add(u.last_name);
  }
  return [...names];
}

/** What a redacted rendering must never contain. */
function personalData(text: string, names: string[]): string[] {
  const emails = text.match(/[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [];
  const numbers = text.match(/\+\d(?:[ -]?\d){6,}/g) ?? [];
  const named = names.filter((n) => new RegExp(`(?<![\\p{L}])${n}(?![\\p{L}])`, 'u').test(text));
  return [...emails, ...numbers, ...named];
}

describe('a redacted plan of the example company (issue 16 #3)', () => {
  let running: RunningEmulator;
  let cwd: string;
  let names: string[];
  beforeAll(async () => {
    running = await startEmulator(join(acme, 'live.json'));
    cwd = await mkdtemp(join(tmpdir(), 'dialform-redact-'));
    names = await namesOfAcme();
    const plan = await runCli(['plan', '-c', acme, '--out', 'plan.json'], { cwd, env: running.env });
    expect(plan.code, plan.stderr).toBe(0);
  });
  afterAll(() => running.close());

  it('has personal data to hide when not redacted', async () => {
    const saved = await readFile(join(cwd, 'plan.json'), 'utf8');
    expect(saved).toContain('Guido');
    const shown = await runCli(['show', 'plan.json', '--format', 'markdown'], { cwd });
    expect(personalData(shown.stdout, names)).toContain('Guido van Rossum');
  });

  it.each(['markdown', 'text', 'json'])('contains no email, number or full name as %s (issue 16 #3)', async (format) => {
    const shown = await runCli(['show', 'plan.json', '--format', format, '--redact'], { cwd });
    expect(shown.code, shown.stderr).toBe(0);
    expect(personalData(shown.stdout, names)).toEqual([]);
    expect(shown.stdout).toContain('v. R.');
  });

  it('plan --redact hides names in its own output too (issue 16 #3)', async () => {
    const plan = await runCli(['plan', '-c', acme, '--format', 'json', '--redact'], { cwd, env: running.env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(personalData(plan.stdout, names)).toEqual([]);
  });

  // Last: it applies the plan to the emulator the tests above plan against.
  it('apply --redact masks its plan, progress and report as plan --redact does, with the same tags; the journal keeps what it needs', async () => {
    const planned = await runCli(['plan', '-c', acme, '--redact'], { cwd, env: running.env });
    expect(planned.code, planned.stderr).toBe(0);
    const tags = planned.stdout.match(/[a-z]•••@•••~[0-9a-f]{4}/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    const applied = await runCli(['apply', 'plan.json', '-c', acme, '--auto-approve', '--redact', '--journal', 'journal.jsonl'], { cwd, env: running.env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Apply complete');
    expect(applied.stderr).toMatch(/\[\s*1\/\d+\] op-1 /);
    expect(personalData(applied.stdout + applied.stderr, names)).toEqual([]);
    for (const tag of new Set(tags)) expect(applied.stdout).toContain(tag);
    const journal = await readFile(join(cwd, 'journal.jsonl'), 'utf8');
    expect(journal).toMatch(/"subject":"[^"•]+@acme\.com"/);
  });
});
