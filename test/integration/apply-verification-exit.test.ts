/**
 * How apply ends after its own verification read (issue 14 #8), through the built CLI: exit 4
 * (rerun to continue) with what still differs when Dialpad changed something of its own between
 * apply's last write and that read, exit 0 and "Verified" when it did not.
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmulator, parseFixture, type Fixture } from '../../src/emulator/index.js';
import { EXIT } from '../../src/exit-codes.js';
import { ROOT, runCli } from '../support/cli.js';

/** One API operation: Alan's delete (plan.txt beside it). */
const SCENARIO = join(ROOT, 'test', 'golden', 'offboard-one-user-under-ignore');

/**
 * The scenario's company over loopback. With `dialpadActs`, the first request after apply's write
 * finds the company as `dialpadActs` changed it (as if Dialpad or another admin acted meanwhile):
 * the emulator takes up that state before answering it, as it does a state file another process wrote.
 */
async function startCompany(dialpadActs?: (state: Fixture) => Fixture): Promise<{ url: string; writes: () => number }> {
  const fixture = parseFixture(await readFile(join(SCENARIO, 'fixture.json'), 'utf8'), 'fixture.json');
  let changed: Fixture | undefined;
  const takeChanged = (): Fixture | undefined => {
    const state = changed;
    changed = undefined;
    return state;
  };
  const emulator = createEmulator({ fixture, reloadFrom: takeChanged });
  let writes = 0;
  emulator.onChange((state) => {
    writes++;
    if (dialpadActs && writes === 1) changed = dialpadActs(structuredClone(state));
  });
  const server = await emulator.listen(0);
  onTestFinished(() => server.close());
  return { url: server.url, writes: () => writes };
}

/** `dialform apply -c config.yaml --auto-approve` in a scratch copy of the scenario (apply keeps its journal there). */
async function apply(url: string) {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-verification-'));
  await cp(join(SCENARIO, 'config.yaml'), join(cwd, 'config.yaml'));
  return runCli(['apply', '-c', 'config.yaml', '--auto-approve'], {
    cwd,
    env: { DIALPAD_API_URL: url, DIALPAD_API_KEY: 'verification-test-key' },
  });
}

describe('an apply that ran every operation', () => {
  it('exits 4 (rerun to continue), not 1, and says so with what still differs, when Dialpad did not converge (issue 14 #8)', async () => {
    const company = await startCompany((state) => ({
      ...state,
      users: state.users.map((u) => (u.emails?.includes('grace.hopper@acme.com') ? { ...u, first_name: 'Gracie' } : u)),
    }));
    const result = await apply(company.url);
    expect(company.writes()).toBe(1);
    expect(EXIT.incomplete).toBe(4);
    expect(result.code, result.stderr).toBe(EXIT.incomplete);
    expect(result.stderr).toContain('Apply finished, but Dialpad still differs from the configuration in 1 way(s); run apply again to continue');
    expect(result.stdout).toContain('update grace.hopper@acme.com');
    expect(result.stdout).toContain('Gracie');
  });

  it('exits 0 and says Verified when the fresh plan has no API operation left', async () => {
    const company = await startCompany();
    const result = await apply(company.url);
    expect(company.writes()).toBe(1);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    expect(result.stderr).toContain('Verified: Dialpad now matches the configuration.');
  });
});
