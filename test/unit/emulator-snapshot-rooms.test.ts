/** `emulator snapshot` twins rooms (issue 32): each room, its numbers and its room license, pseudonymized too. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, loadFixture, type Fixture, type RunningEmulator } from '../../src/emulator/index.js';
import { getAvailable } from '../../src/emulator/licenses.js';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';

const GOLDEN_FIXTURE = join(ROOT, 'test', 'golden', 'room-deleted-number-to-pool', 'fixture.json');

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('dialform emulator snapshot with rooms (issue 32)', () => {
  it('copies every room with its numbers, leaves the twin’s free room licenses the company’s, and an import plans empty on the twin', async () => {
    const live = await loadFixture(GOLDEN_FIXTURE);
    running = await createEmulator({ fixture: live, rateLimit: 0 }).listen(0);
    const env = { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: 'snapshot-rooms-key' };
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-snapshot-rooms-'));

    const snap = await runCli(['emulator', 'snapshot', '-o', 'twin.json'], { cwd, env });
    expect(snap.code, snap.stderr).toBe(0);
    expect(snap.stderr).toContain('2 room(s)');
    const twin = JSON.parse(await readFile(join(cwd, 'twin.json'), 'utf8')) as Fixture;
    expect(twin.rooms?.map((r) => [r.id, r.name, r.office_id, r.phone_numbers])).toEqual(live.rooms?.map((r) => [r.id, r.name, r.office_id, r.phone_numbers]));
    // The rooms hold their room lines in the twin itself, not again as assigned_licenses.
    for (const office of live.offices) expect(getAvailable(twin, twin.offices.find((o) => o.id === office.id)!)).toEqual(getAvailable(live, office));

    const imported = await runCli(['import', '-o', 'company'], { cwd, env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(await readFile(join(cwd, 'company', 'dialform.yaml'), 'utf8')).toContain('rooms:');
    const empty = await runCli(['plan', '-c', 'company', '--emulator', 'twin.json', '--detailed-exitcode'], { cwd });
    expect(empty.code, empty.stdout + empty.stderr).toBe(0);

    const pseudo = await runCli(['emulator', 'snapshot', '--pseudonymize'], { cwd, env });
    expect(pseudo.code, pseudo.stderr).toBe(0);
    const shared = JSON.parse(pseudo.stdout) as Fixture;
    expect(shared.rooms?.map((r) => r.name)).toEqual(['Room 1', 'Room 2']);
    for (const secret of ['Board Room', 'Old Lobby', '+14155550160', '+14155550161']) expect(pseudo.stdout).not.toContain(secret);
  });
});
