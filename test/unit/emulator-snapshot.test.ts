import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFixture } from '../../bench/generate-fixture.js';
import { createEmulator, loadFixture, type Emulator, type Fixture, type RunningEmulator } from '../../src/emulator/index.js';
import { countryOfNumber, isValidE164 } from '../../src/model/countries.js';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';

const KEY = 'snapshot-test-key-41d7';

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** A scratch directory holding a copy of examples/acme, and an emulator serving `fixture` as the live company. */
async function serveCompany(fixture: Fixture): Promise<{ cwd: string; env: Record<string, string>; emulator: Emulator }> {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-snapshot-'));
  await cp(join(ROOT, 'examples', 'acme'), join(cwd, 'acme'), { recursive: true });
  const emulator = createEmulator({ fixture, rateLimit: 0 });
  running = await emulator.listen(0);
  return { cwd, env: { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: KEY }, emulator };
}

/** Every phone number a fixture names, wherever. */
function numbersOf(f: Fixture): string[] {
  return [...(f.numbers ?? []).map((n) => n.number), ...f.users.flatMap((u) => u.phone_numbers ?? []), ...f.offices.flatMap((o) => o.phone_numbers ?? [])];
}

/** A saved plan's operations, with the clock-dated part of `reversible` left out (the twin keeps time from now). */
function operationsOf(planJson: string): unknown[] {
  const plan = JSON.parse(planJson) as { operations: { reversible: string }[] };
  return plan.operations.map((op) => ({ ...op, reversible: op.reversible.replace(/^until .*/, 'until …') }));
}

describe('dialform emulator snapshot (issue 28)', () => {
  it('twins examples/acme: read with GETs only, its imported config plans empty on the twin, and the example plans the same on both', async () => {
    const live = await loadFixture(join(ROOT, 'examples', 'acme', 'live.json'));
    const { cwd, env, emulator } = await serveCompany(live);

    const snap = await runCli(['emulator', 'snapshot', '-c', 'acme', '-o', 'twin.json'], { cwd, env });
    expect(snap.code, snap.stderr).toBe(0);
    expect(snap.stderr).toContain('3 office(s), 18 user(s)');
    expect(snap.stderr).not.toContain('price level of');
    expect(emulator.requestLog().filter((r) => r.method !== 'GET')).toEqual([]);
    const twin = JSON.parse(await readFile(join(cwd, 'twin.json'), 'utf8')) as Fixture;
    // What the API cannot show comes from the config: price levels (every acme office declares one).
    expect(twin.offices.map((o) => o.price_level)).toEqual(live.offices.map((o) => o.price_level));

    const imported = await runCli(['import', '-o', 'company'], { cwd, env });
    expect(imported.code, imported.stderr).toBe(0);
    const empty = await runCli(['plan', '-c', 'company', '--emulator', 'twin.json', '--detailed-exitcode'], { cwd });
    expect(empty.code, empty.stdout + empty.stderr).toBe(0);

    const onLive = await runCli(['plan', '-c', 'acme', '--format', 'json'], { cwd, env });
    const onTwin = await runCli(['plan', '-c', 'acme', '--emulator', 'twin.json', '--emulator-reset', '--format', 'json'], { cwd });
    expect(onTwin.code, onTwin.stderr).toBe(onLive.code);
    expect(operationsOf(onTwin.stdout)).toEqual(operationsOf(onLive.stdout));
    expect(JSON.parse(onTwin.stdout).basis).toEqual(JSON.parse(onLive.stdout).basis);

    const again = await runCli(['emulator', 'snapshot', '-o', 'twin.json'], { cwd, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('twin.json exists; nothing was written. Pass --force to overwrite.');
  });

  it('pseudonymizes: none of the original emails, names or numbers, numbers valid for their country, and it still plans empty against its own import', async () => {
    const live = await loadFixture(join(ROOT, 'examples', 'acme', 'live.json'));
    const { cwd, env } = await serveCompany(live);
    const snap = await runCli(['emulator', 'snapshot', '--pseudonymize', '-o', 'pseudo.json'], { cwd, env });
    expect(snap.code, snap.stderr).toBe(0);
    const text = await readFile(join(cwd, 'pseudo.json'), 'utf8');
    const pseudo = JSON.parse(text) as Fixture;

    for (const email of live.users.flatMap((u) => u.emails)) expect(text.toLowerCase()).not.toContain(email.toLowerCase());
    expect(text).not.toContain('acme.com');
    const names = live.users.flatMap((u) => [u.first_name ?? '', ...(u.last_name ?? '').split(/[\s-]+/)]).filter((n) => n.length > 2);
    for (const name of [...names, 'Acme']) expect(text, name).not.toMatch(new RegExp(`\\b${name}\\b`, 'i'));
    for (const number of numbersOf(live)) expect(text).not.toContain(number.slice(1));

    // The same numbers of the same countries, each valid, replaced one for one.
    const countries = (f: Fixture) => [...new Set(numbersOf(f))].map((n) => countryOfNumber(n) ?? 'invalid').sort();
    expect(numbersOf(pseudo).every(isValidE164)).toBe(true);
    expect(countries(pseudo)).toEqual(countries(live));
    expect(new Set(numbersOf(pseudo)).size).toBe(new Set(numbersOf(live)).size);

    const imported = await runCli(['import', '-o', 'company', '--emulator', 'pseudo.json'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    const empty = await runCli(['plan', '-c', 'company', '--emulator', '--detailed-exitcode'], { cwd });
    expect(empty.code, empty.stdout + empty.stderr).toBe(0);
  });

  it('twins a generated company of 2,000 users in 20 offices: its imported config plans empty on the twin', async () => {
    const big = generateFixture({ users: 2000, offices: 20, seed: 7 });
    const { cwd, env } = await serveCompany(big as Fixture);
    const snap = await runCli(['emulator', 'snapshot', '-o', 'twin.yaml'], { cwd, env });
    expect(snap.code, snap.stderr).toBe(0);
    expect(snap.stderr).toContain(`20 office(s), ${big.users.filter((u) => u.anonymized !== true).length} user(s)`);
    const imported = await runCli(['import', '-o', 'company'], { cwd, env });
    expect(imported.code, imported.stderr).toBe(0);
    const empty = await runCli(['plan', '-c', 'company', '--emulator', 'twin.yaml', '--detailed-exitcode'], { cwd });
    expect(empty.code, empty.stdout.slice(0, 2000) + empty.stderr).toBe(0);
  });
});
