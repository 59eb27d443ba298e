/**
 * `plan --scope office:KEY` (issue 30) on a generated 10,000-user company in 40 offices, through
 * the emulator over loopback: the scoped plan makes no per-office read of another office (counted
 * in the emulator's request log) and plans exactly the London operations a full plan does.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFixture, officeId } from '../../bench/generate-fixture.js';
import { writeMatchingConfig } from '../../bench/write-config.js';
import { loadConfig } from '../../src/config/index.js';
import { createDialpadClient, fetchLive } from '../../src/dialpad/index.js';
import { createEmulator, parseFixture, type Fixture } from '../../src/emulator/index.js';
import { reachOf } from '../../src/owners/blast-radius.js';
import { parseScope } from '../../src/owners/scope-plan.js';
import { planFromRead, readForPlan } from '../../src/plan-against-live.js';
import type { Operation } from '../../src/plan/types.js';
import { API_KEY } from '../support/chaos-company.js';
import { runCli } from '../support/cli.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve(fixture: Fixture) {
  const emulator = createEmulator({ fixture, rateLimit: 0 });
  const running = await emulator.listen(0);
  closers.push(() => running.close());
  return { emulator, url: running.url, client: createDialpadClient({ baseUrl: running.url, apiKey: API_KEY, rateLimit: 1000 }) };
}

/** What identifies an operation across two plans (ids and ordering may differ). */
function identify(op: Operation): string {
  return `${op.kind} ${JSON.stringify(op.target)} ${op.summary}`;
}

describe('plan --scope office:london on 10,000 users in 40 offices', () => {
  it('reads no other office per office and plans the same London operations as the full plan', async () => {
    const fixture = parseFixture(JSON.stringify(generateFixture({ users: 10_000, offices: 40, seed: 11 })), 'generated.json');
    const dir = await writeMatchingConfig(fixture, join(await mkdtemp(join(tmpdir(), 'dialform-scope-')), 'dialform'));
    // Office 02 (GB) is London; office 03 changes too, outside the scope.
    for (const file of ['dialform.yaml', ...(await readdir(join(dir, 'users'))).map((f) => join('users', f))]) {
      const path = join(dir, file);
      await writeFile(path, (await readFile(path, 'utf8')).replaceAll('office-02-gb', 'london'));
    }
    const edit = async (file: string, change: (lines: string[]) => void) => {
      const lines = (await readFile(join(dir, 'users', file), 'utf8')).split('\n');
      change(lines);
      await writeFile(join(dir, 'users', file), lines.join('\n'));
    };
    await edit('office-02-gb.yaml', (lines) => {
      const users = lines.flatMap((l, i) => (l.startsWith('  - {') ? [i] : []));
      lines[users[0] as number] = (lines[users[0] as number] as string).replace(/first_name: \w+/, 'first_name: Renamed');
      lines[users[1] as number] = (lines[users[1] as number] as string).replace(/ }$/, ', state: suspended }');
    });
    await edit('office-03-de.yaml', (lines) => {
      const first = lines.findIndex((l) => l.startsWith('  - {'));
      lines[first] = (lines[first] as string).replace(/first_name: \w+/, 'first_name: Elsewhere');
    });
    const desired = await loadConfig(dir);
    const now = new Date();

    const full = await serve(fixture);
    const fullRead = await fetchLive(full.client, readForPlan(desired));
    const fullPlan = planFromRead({ desired, read: fullRead, now });

    const scope = parseScope(['office:london'], desired);
    const scoped = await serve(fixture);
    const scopedRead = await fetchLive(scoped.client, readForPlan(desired, scope));
    const scopedPlan = planFromRead({ desired, read: scopedRead, now, scope });

    const perOffice = scoped.emulator.requestLog().filter((r) => /^\/api\/v2\/offices\/\{/.test(r.route));
    expect(perOffice.length).toBeGreaterThan(0);
    expect([...new Set(perOffice.map((r) => r.path.split('/')[4]))]).toEqual([officeId(1)]);
    // The full plan did read the other offices (the count above could not pass by reading nothing).
    expect(new Set(full.emulator.requestLog().filter((r) => /^\/api\/v2\/offices\/\{/.test(r.route)).map((r) => r.path.split('/')[4])).size).toBe(40);

    const london = (ops: readonly Operation[]) => ops.filter((op) => reachOf(op).offices.includes('london')).map(identify).sort();
    expect(london(scopedPlan.operations)).toEqual(london(fullPlan.operations));
    expect(london(fullPlan.operations)).toHaveLength(2);
    expect(fullPlan.operations.some((op) => op.office_key === 'office-03-de')).toBe(true);
    expect(scopedPlan.operations.filter((op) => !reachOf(op).offices.includes('london'))).toEqual([]);
    expect(scopedPlan.summary.blocked).toBe(false);
  });
});

describe('a scoped plan is never applied', () => {
  it('plan --scope refuses --out, so no scoped plan file can reach apply', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-scope-out-'));
    await writeFile(join(cwd, 'dialform.yaml'), 'version: 1\noffices:\n  london: { name: London, country: GB }\n');
    const result = await runCli(['plan', '--scope', 'office:london', '--out', 'plan.json', '--emulator'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error usage: --scope with --out: a scoped plan leaves other offices out and cannot be applied/);
    expect(existsSync(join(cwd, 'plan.json'))).toBe(false);
  });
});

describe('a scoped plan printed as JSON is refused by apply', () => {
  it('apply of `plan --scope … --format json` writes nothing: its basis is not the whole config', async () => {
    const fixture = parseFixture(JSON.stringify(generateFixture({ users: 20, offices: 4, seed: 5, deletedFraction: 0 })), 'generated.json');
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-scope-apply-'));
    const dir = await writeMatchingConfig(fixture, join(cwd, 'dialform'));
    // A change in office 02 only: the scoped plan and the full plan have the same operations.
    const path = join(dir, 'users', 'office-02-gb.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace(/first_name: \w+/, 'first_name: Renamed'));
    const { emulator, url } = await serve(fixture);
    const env = { DIALPAD_API_URL: url, DIALPAD_API_KEY: API_KEY };

    const planned = await runCli(['plan', '-c', 'dialform', '--scope', 'office:office-02-gb', '--format', 'json'], { cwd, env });
    expect(planned.code, planned.stderr).toBe(0);
    expect(JSON.parse(planned.stdout).operations).toHaveLength(1);
    // JSON keeps stdout one plan document: the scope trailer goes to stderr.
    expect(planned.stderr).toContain('Scoped plan: office office-02-gb only; it cannot be applied');
    expect(planned.stderr).toContain('Every operation stays inside the scope.');
    await writeFile(join(cwd, 'scoped.json'), planned.stdout);
    const applied = await runCli(['apply', 'scoped.json', '-c', 'dialform', '--auto-approve'], { cwd, env });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/^error plan_config_mismatch:/m);
    expect(emulator.requestLog().filter((r) => r.method !== 'GET')).toEqual([]);
  }, 120_000);
});
