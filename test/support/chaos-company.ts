/** A generated company and a config describing it, edited for the chaos tests. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixture } from '../../bench/generate-fixture.js';
import { writeMatchingConfig } from '../../bench/write-config.js';
import { expect } from 'vitest';
import { parseFixture, type Fixture } from '../../src/emulator/index.js';

export { BENCH_API_KEY as API_KEY } from '../../bench/write-config.js';

export interface Company {
  fixture: Fixture;
  /** Working directory; the config is `<cwd>/dialform`. */
  cwd: string;
  configDir: string;
}

/** Generates `users` users in `offices` offices and writes a config that matches them exactly. */
export async function makeCompany(opts: { users: number; offices: number; seed?: number }): Promise<Company> {
  const fixture = parseFixture(JSON.stringify(generateFixture({ users: opts.users, offices: opts.offices, seed: opts.seed ?? 3 })), 'generated.json');
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-chaos-'));
  const configDir = await writeMatchingConfig(fixture, join(cwd, 'dialform'));
  return { fixture, cwd, configDir };
}

async function userFiles(configDir: string): Promise<string[]> {
  return (await readdir(join(configDir, 'users'))).sort().map((f) => join(configDir, 'users', f));
}

/** Renames the first `count` users in the config (last name + " Renamed"); returns their emails. */
export async function renameUsers(configDir: string, count: number): Promise<string[]> {
  const renamed: string[] = [];
  for (const path of await userFiles(configDir)) {
    const lines = (await readFile(path, 'utf8')).split('\n').map((line) => {
      if (renamed.length >= count) return line;
      const m = /email: ([^,]+),.*last_name: ([^,]+),/.exec(line);
      if (!m) return line;
      renamed.push(m[1] as string);
      return line.replace(`last_name: ${m[2]},`, `last_name: "${m[2]} Renamed",`);
    });
    await writeFile(path, lines.join('\n'));
  }
  return renamed;
}

/** Adds `perOffice` new talk users to each office's users file; returns their emails. */
export async function addUsers(configDir: string, perOffice: number): Promise<string[]> {
  const added: string[] = [];
  for (const path of await userFiles(configDir)) {
    const text = await readFile(path, 'utf8');
    const office = /office: ([a-z0-9-]+),/.exec(text)?.[1];
    if (office === undefined) continue;
    const lines: string[] = [];
    for (let i = 0; i < perOffice; i++) {
      const email = `new-${office}-${i}@bigco.example`;
      added.push(email);
      lines.push(`  - { email: ${email}, first_name: New, last_name: "Hire ${i}", office: ${office}, license: talk }`);
    }
    await writeFile(path, `${text.trimEnd()}\n${lines.join('\n')}\n`);
  }
  return added;
}

/**
 * Drops the last `count` non-admin users from the config (files in reverse order, bottom up), so
 * that with `deleteUnmanaged` the plan deletes them; returns their emails.
 */
export async function removeUsers(configDir: string, count: number): Promise<string[]> {
  const removed: string[] = [];
  for (const path of (await userFiles(configDir)).reverse()) {
    if (removed.length >= count) break;
    const lines = (await readFile(path, 'utf8')).split('\n');
    for (let i = lines.length - 1; i >= 0 && removed.length < count; i--) {
      const m = /email: ([^,]+),/.exec(lines[i] as string);
      if (!m || (lines[i] as string).includes('admin:')) continue;
      removed.push(m[1] as string);
      lines.splice(i, 1);
    }
    await writeFile(path, lines.join('\n'));
  }
  return removed;
}

/** Sets `policy.unmanaged_users: delete` with a deletion cap high enough not to block. */
export async function deleteUnmanaged(configDir: string): Promise<void> {
  const path = join(configDir, 'dialform.yaml');
  const text = await readFile(path, 'utf8');
  await writeFile(path, text.replace('unmanaged_users: ignore', 'unmanaged_users: delete\n  max_deletions: 100000\n  max_deletion_percent: 100'));
}

/** Active-or-suspended users' primary emails in an emulator snapshot. */
export function liveEmails(state: Fixture): string[] {
  return state.users.filter((u) => u.state !== 'deleted').map((u) => String(u.emails?.[0] ?? '').toLowerCase());
}

/** Emails held by more than one non-deleted user. */
export function duplicateEmails(state: Fixture): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const e of liveEmails(state)) (seen.has(e) ? dups : seen).add(e);
  return [...dups];
}

/**
 * Asserts the end state of an apply of the chaos edits: no duplicate account, each added user
 * exactly once, each removed one gone, each renamed one renamed, and every number still there.
 */
export function expectEdited(
  state: Fixture,
  edits: { added: readonly string[]; removed: readonly string[]; renamed: readonly string[]; numbers: readonly { number: string }[] },
): void {
  expect(duplicateEmails(state)).toEqual([]);
  const emails = liveEmails(state);
  for (const email of edits.added) expect(emails.filter((e) => e === email), email).toHaveLength(1);
  for (const email of edits.removed) expect(emails, email).not.toContain(email);
  const lastNames = new Map(state.users.map((u) => [String(u.emails[0]), String(u.last_name ?? '')]));
  for (const email of edits.renamed) expect(lastNames.get(email)).toMatch(/ Renamed$/);
  expect(state.numbers.map((n) => n.number).sort()).toEqual(edits.numbers.map((n) => n.number).sort());
}
