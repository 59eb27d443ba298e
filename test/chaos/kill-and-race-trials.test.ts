/**
 * Trials of the CLI under kills, faults and a second apply at once (issue 26 #4, #10), with their
 * figures printed: kills, faults injected, reruns to converge, duplicates and wrong deletions.
 * `CHAOS_TRIALS=N` runs more (default 3). Each trial:
 *
 * 1. one config (renames, hires, removals under `unmanaged_users: delete`, a new department)
 *    applied under 5xx-after-write and reset faults; a second apply on the same journal is started
 *    at the first's first write (the first's other writes wait until it has ended), and the first
 *    is killed (SIGKILL) at a seeded write;
 * 2. reruns until a plan shows no changes;
 * 3. the same kind of config applied twice at once on two journals (two runners), no faults.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, type Fixture } from '../../src/emulator/index.js';
import { createPrng } from '../../src/emulator/faults.js';
import { startApiProxy } from '../support/api-proxy.js';
import { runCli, type CliResult } from '../support/cli.js';
import { addUsers, API_KEY, deleteUnmanaged, duplicateEmails, liveEmails, makeCompany, removeUsers, renameUsers } from '../support/chaos-company.js';
import { runCliKilledMidWrite } from '../support/killed-cli.js';

const TRIALS = Number(process.env.CHAOS_TRIALS ?? 3);
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A company with the edits, and a department to create in its first office. */
async function editedCompany(seed: number) {
  const company = await makeCompany({ users: 200, offices: 4, seed });
  await renameUsers(company.configDir, 60);
  await deleteUnmanaged(company.configDir);
  const removed = await removeUsers(company.configDir, 8);
  const added = await addUsers(company.configDir, 3);
  const main = join(company.configDir, 'dialform.yaml');
  const text = await readFile(main, 'utf8');
  const users = await readdir(join(company.configDir, 'users'));
  const office = /office: ([a-z0-9-]+),/.exec(await readFile(join(company.configDir, 'users', users[0] ?? ''), 'utf8'))?.[1];
  expect(office).toBeDefined();
  await writeFile(main, `${text.trimEnd()}\ndepartments:\n  trial-dept: { name: Trial Dept, office: ${office} }\n`);
  const kept = liveEmails(company.fixture).filter((e) => !removed.includes(e));
  return { company, removed, added, kept };
}

function duplicateDepartments(state: Fixture): number {
  return (state.departments ?? []).filter((d) => d.name === 'Trial Dept').length - 1;
}

async function converge(args: string[], cwd: string, env: Record<string, string>): Promise<number> {
  for (let reruns = 0; reruns < 8; reruns++) {
    const plan = await runCli(['plan', '-c', 'dialform', '--detailed-exitcode'], { cwd, env });
    if (plan.code === 0) return reruns;
    await runCli(args, { cwd, env });
  }
  return Number.POSITIVE_INFINITY;
}

describe('kill and race trials (issue 26)', () => {
  it(`${TRIALS} trials: kills, faults and a second apply at once leave no duplicate and no wrong deletion`, async () => {
    const figures = { trials: 0, kills: 0, faults: 0, reruns: 0, secondRefused: 0, secondRan: 0, duplicates: 0, wrongDeletions: 0, raceDuplicates: 0, raceStops: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const random = createPrng(1000 + trial);
      const { company, removed, added, kept } = await editedCompany(3 + trial);
      const emulator = createEmulator({ fixture: company.fixture, rateLimit: 0, latencyMs: 5, faults: `seed=${trial + 1},rate=0.03,kinds=500_after+503_after+reset+503` });
      const running = await emulator.listen(0);
      closers.push(() => running.close());
      const env = { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: API_KEY };
      const args = ['apply', '-c', 'dialform', '--auto-approve', '--rate-limit', '200'];

      // The first apply's writes after its first wait (at a proxy) until the second apply, started
      // at that first write on the same journal, has ended; the first is killed at a seeded write.
      const killAt = 5 + Math.floor(random() * 60);
      let second: Promise<CliResult> | undefined;
      let secondEnded!: () => void;
      const ended = new Promise<void>((resolve) => (secondEnded = resolve));
      let writes = 0;
      const proxy = await startApiProxy(running.url, ({ method }) => (method === 'GET' || writes++ === 0 ? 'pass' : { hold: ended }));
      const stop = emulator.onChange(() => {
        second ??= runCli(args, { cwd: company.cwd, env }).finally(secondEnded);
      });
      const killed = await runCliKilledMidWrite({ emulator, args, cwd: company.cwd, env: { ...env, DIALPAD_API_URL: proxy.url }, killWhen: (_s, n) => n === killAt });
      stop();
      if (killed.exit === 'SIGKILL') figures.kills++;
      const other = await second;
      if (other !== undefined && other.stderr.includes('apply_in_progress')) figures.secondRefused++;
      else if (other !== undefined) figures.secondRan++;
      figures.reruns += await converge(args, company.cwd, env);

      const state = emulator.snapshot();
      const live = liveEmails(state);
      figures.faults += emulator.stats().faults_injected;
      figures.duplicates += duplicateEmails(state).length + Math.max(0, duplicateDepartments(state));
      figures.wrongDeletions += kept.filter((e) => !live.includes(e)).length;
      expect(added.every((e) => live.includes(e))).toBe(true);
      expect(removed.some((e) => live.includes(e))).toBe(false);

      // Two runners apply one config at once, each with its own journal.
      const race = await editedCompany(3 + trial);
      const raceEmulator = createEmulator({ fixture: race.company.fixture, rateLimit: 0, latencyMs: 5 });
      const raceRunning = await raceEmulator.listen(0);
      closers.push(() => raceRunning.close());
      const raceEnv = { DIALPAD_API_URL: raceRunning.url, DIALPAD_API_KEY: API_KEY };
      const runner = (journal: string) => runCli([...args, '--journal', journal], { cwd: race.company.cwd, env: raceEnv });
      const both = await Promise.all([runner('.dialform/runner-a.jsonl'), runner('.dialform/runner-b.jsonl')]);
      figures.raceStops += both.filter((r) => /group_exists|already has this user/.test(r.stdout + r.stderr)).length;
      await converge(args, race.company.cwd, raceEnv);
      const raceState = raceEmulator.snapshot();
      figures.raceDuplicates += duplicateEmails(raceState).length + Math.max(0, duplicateDepartments(raceState));
      figures.wrongDeletions += race.kept.filter((e) => !liveEmails(raceState).includes(e)).length;
      figures.trials++;
    }
    console.log(`kill-and-race trials: ${JSON.stringify(figures)}`);
    expect(figures.kills).toBe(TRIALS);
    expect(figures.secondRefused).toBe(TRIALS);
    expect(figures.duplicates).toBe(0);
    expect(figures.wrongDeletions).toBe(0);
    expect(figures.reruns).toBeLessThan(Number.POSITIVE_INFINITY);
  }, 300_000 * Math.max(1, TRIALS / 3));
});
