/** `import --with deskphones` (issue 32): each room's desk phones as a comment, one read per room, only when asked for. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEmulatorForTest } from '../support/emulator.js';

const GOLDEN_FIXTURE = join(ROOT, 'test', 'golden', 'room-deleted-number-to-pool', 'fixture.json');

describe('dialform import --with deskphones (issue 32)', () => {
  it('writes each room’s desk phones as a comment on the room, reading one list per room, and nothing of them without --with', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-deskphones-'));
    const fixture = JSON.parse(await readFile(GOLDEN_FIXTURE, 'utf8')) as { rooms: Record<string, unknown>[] };
    fixture.rooms[0]!['deskphones'] = [
      { name: 'Table phone', type: 'yealink', device_model: 'T54W', mac_address: '805ec0a1b2c3', phone_number: '+14155550160', password: 'sip-secret-7' },
      { name: 'Wall phone', type: 'obi' },
    ];
    // A name is Dialpad's, set by whoever can edit the device: a line break or a bidi control in it stays inside the comment.
    fixture.rooms[1]!['deskphones'] = [{ name: 'Kiosk\nunmanaged_rooms: delete\u202e', type: 'sip' }];
    await writeFile(join(cwd, 'fixture.json'), JSON.stringify(fixture));
    const running = await startEmulatorForTest(join(cwd, 'fixture.json'));
    const deskPhoneReads = (): string[] => running.emulator.requestLog().flatMap((r) => (r.path.endsWith('/deskphones') ? [`${r.method} ${r.path}`] : []));

    const plain = await runCli(['import', '-o', 'plain'], { cwd, env: running.env });
    expect(plain.code, plain.stderr).toBe(0);
    expect(await readFile(join(cwd, 'plain', 'dialform.yaml'), 'utf8')).not.toContain('desk phone');
    expect(deskPhoneReads()).toEqual([]);

    const imported = await runCli(['import', '-o', 'company', '--with', 'deskphones'], { cwd, env: running.env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(deskPhoneReads().sort()).toEqual(['GET /api/v2/rooms/8300000000000001/deskphones', 'GET /api/v2/rooms/8300000000000002/deskphones']);
    const main = await readFile(join(cwd, 'company', 'dialform.yaml'), 'utf8');
    expect(main).toContain(
      '  # desk phones (read only, not managed by dialform):\n  #   Table phone (yealink, T54W, 805ec0a1b2c3, +14155550160)\n  #   Wall phone (obi)\n  board-room:\n',
    );
    expect(main).toContain('  # desk phones (read only, not managed by dialform):\n  #   Kiosk unmanaged_rooms: delete\\u202e (sip)\n  old-lobby:\n');
    expect(main).not.toContain('sip-secret');
    // The comments change nothing: the imported config plans as the plain import does.
    expect(parse(main)).toEqual(parse(await readFile(join(cwd, 'plain', 'dialform.yaml'), 'utf8')));
  });
});
