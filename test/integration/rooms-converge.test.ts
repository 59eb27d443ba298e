import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { getAvailable } from '../../src/emulator/licenses.js';
import { runCli } from '../support/cli.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(import.meta.dirname, '..', 'golden');
const schemas = join(import.meta.dirname, '..', '..', 'schemas');

/** `room name → numbers` from the emulator's state snapshot. */
function rooms(state: Fixture): Record<string, string[]> {
  return Object.fromEntries((state.rooms ?? []).map((r) => [r.name, r.phone_numbers ?? []]));
}

const inPool = (state: Fixture, number: string): boolean => state.numbers.some((n) => n.number === number && n.status === 'available' && n.target_id === undefined);

/** Applies `config` against `fixture` through the CLI over loopback, then plans again: nothing left. */
async function applyAndReplan(fixture: string, config: string): Promise<Fixture> {
  const running = await startEmulatorForTest(fixture);
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-rooms-'));
  const applied = await runCli(['apply', '-c', config, '--auto-approve'], { cwd, env: running.env });
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  const again = await runCli(['plan', '-c', config, '--detailed-exitcode'], { cwd, env: running.env });
  expect(again.code, again.stdout + again.stderr).toBe(0);
  return running.emulator.snapshot();
}

/** The golden's config with `edit` applied, written beside a copy of nothing else. */
async function editedConfig(scenario: string, edit: (text: string) => string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'dialform-rooms-config-'));
  const text = (await readFile(join(golden, scenario, 'config.yaml'), 'utf8')).replace('../../../schemas', schemas);
  const path = join(cwd, 'dialform.yaml');
  await writeFile(path, edit(text));
  return path;
}

describe('rooms, applied against the emulator (issue 32)', () => {
  it('creates a room with a reserved-pool number, taking the office room license, and converges', async () => {
    const dir = join(golden, 'room-created-with-pool-number');
    const state = await applyAndReplan(join(dir, 'fixture.json'), join(dir, 'config.yaml'));
    expect(rooms(state)).toEqual({ Lobby: ['+14155550150'] });
    expect(inPool(state, '+14155550150')).toBe(false);
    expect(getAvailable(state, state.offices[0] as Fixture['offices'][number]).room_lines).toBe(0);
  });

  it('deletes an unmanaged room under unmanaged_rooms: delete (within max_deletions): its number goes to the pool, its license is freed', async () => {
    const dir = join(golden, 'room-deleted-number-to-pool');
    const config = await editedConfig('room-deleted-number-to-pool', (t) => t.replace('  max_deletions: 1', '  max_deletions: 2'));
    const state = await applyAndReplan(join(dir, 'fixture.json'), config);
    expect(rooms(state)).toEqual({ 'Board Room': ['+14155550160'] });
    expect(inPool(state, '+14155550161')).toBe(true);
    expect(getAvailable(state, state.offices[0] as Fixture['offices'][number]).room_lines).toBe(1);
  });

  it('renames a pinned room and moves its number to a user through the pool, and converges', async () => {
    const dir = join(golden, 'room-deleted-number-to-pool');
    const config = await editedConfig('room-deleted-number-to-pool', (t) =>
      t
        .replace('  unmanaged_rooms: delete', '  unmanaged_rooms: ignore')
        .replace('board: { name: Board Room, office: hq, numbers: ["+14155550160"] }', 'board: { name: Boardroom, id: "8300000000000001", office: hq, numbers: [] }')
        .replace('numbers: ["+14155550101"]', 'numbers: ["+14155550101", "+14155550160"]')
        ,
    );
    // Grace's second number takes an additional-number line.
    const fixture = JSON.parse(await readFile(join(dir, 'fixture.json'), 'utf8')) as { offices: { licenses: Record<string, string> }[] };
    (fixture.offices[0] as { licenses: Record<string, string> }).licenses = { talk_lines: '2', room_lines: '2', additional_number_lines: '1' };
    const path = join(await mkdtemp(join(tmpdir(), 'dialform-rooms-fixture-')), 'fixture.json');
    await writeFile(path, JSON.stringify(fixture));
    const state = await applyAndReplan(path, config);
    expect(rooms(state)).toEqual({ Boardroom: [], 'Old Lobby': ['+14155550161'] });
    expect(state.users[0]?.phone_numbers).toEqual(['+14155550101', '+14155550160']);
  });
});

describe('read cost of rooms (issue 32)', () => {
  it('a config without rooms: reads no room; one with rooms: reads the list once', async () => {
    const dir = join(golden, 'room-created-with-pool-number');
    const without = await editedConfig('room-created-with-pool-number', (t) => t.replace(/rooms:\n {2}lobby: .*\n/, ''));
    for (const [config, reads] of [[without, 0], [join(dir, 'config.yaml'), 1]] as const) {
      const running = await startEmulatorForTest(join(dir, 'fixture.json'));
      const cwd = await mkdtemp(join(tmpdir(), 'dialform-rooms-cost-'));
      const planned = await runCli(['plan', '-c', config], { cwd, env: running.env });
      expect(planned.code, planned.stderr).toBe(0);
      const paths = running.emulator.requestLog().map((r) => `${r.method} ${r.path}`);
      expect(paths.filter((p) => p.includes('/rooms'))).toHaveLength(reads);
    }
  });
});

describe('import of a company with rooms (issue 32)', () => {
  it('writes the rooms pinned by id with their numbers, and planning the import against the same company is empty', async () => {
    const dir = join(golden, 'room-deleted-number-to-pool');
    const running = await startEmulatorForTest(join(dir, 'fixture.json'));
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-rooms-import-'));
    const imported = await runCli(['import', '-o', 'company'], { cwd, env: running.env });
    expect(imported.code, imported.stderr).toBe(0);
    const main = await readFile(join(cwd, 'company', 'dialform.yaml'), 'utf8');
    expect(main).toContain('rooms:\n  board-room:\n    name: Board Room\n    office: acme-hq\n    id: "8300000000000001"\n    numbers:\n      - "+14155550160"');
    expect(main).toContain('old-lobby:');
    const plan = await runCli(['plan', '-c', 'company', '--detailed-exitcode'], { cwd, env: running.env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });
});
