/** `status --view rooms` (issue 32): each room with its office and numbers, read only when asked for. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/status/build-status.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEditedGoldenForTest, trackRequests } from '../support/emulator.js';

/** The golden's company, the Board Room with a desk phone (and its SIP password, which nothing may show). */
function startEmulator() {
  return startEditedGoldenForTest<{ rooms: Record<string, unknown>[] }>('room-deleted-number-to-pool', (fixture) => {
    fixture.rooms[0]!['deskphones'] = [{ name: 'Table phone', type: 'yealink', device_model: 'T54W', mac_address: '805ec0a1b2c3', phone_number: '+14155550160', password: 'sip-secret-9' }];
  });
}

describe('dialform status --view rooms (issue 32)', () => {
  it('lists each room with its office, numbers and desk phones from one rooms list and one read per room, and reads no room without the view', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-status-rooms-'));
    const running = await startEmulator();
    const requests = trackRequests(running.emulator);
    const plain = await runCli(['status', '--format', 'json'], {
      cwd,
      env: running.env,
    });
    expect(plain.code, plain.stderr).toBe(0);
    const plainStatus = JSON.parse(plain.stdout) as Status;
    expect(plainStatus.rooms).toBeNull();
    expect(plainStatus.summary.rooms).toBeNull();
    const today = requests();
    expect(today.filter((r) => r.includes('/rooms'))).toEqual([]);

    const asked = await runCli(['status', '--view', 'rooms', '--format', 'json'], { cwd, env: running.env });
    expect(asked.code, asked.stderr).toBe(0);
    const status = JSON.parse(asked.stdout) as Status;
    expect(status.rooms).toEqual([
      { name: 'Board Room', office: 'Acme HQ', numbers: ['+14155550160'], deskphones: [{ name: 'Table phone', type: 'yealink', model: 'T54W', mac_address: '805ec0a1b2c3', number: '+14155550160' }] },
      { name: 'Old Lobby', office: 'Acme HQ', numbers: ['+14155550161'], deskphones: [] },
    ]);
    expect(status.summary.rooms).toEqual({ total: 2 });
    // Today's requests, one rooms list and one desk-phone read per room, nothing else.
    expect(requests().sort()).toEqual([...today, 'GET /api/v2/rooms', 'GET /api/v2/rooms/8300000000000001/deskphones', 'GET /api/v2/rooms/8300000000000002/deskphones'].sort());

    const text = await runCli(['status', '--view', 'rooms'], { cwd, env: running.env });
    expect(text.stdout).toContain('  Rooms: 2\n');
    expect(text.stdout).toContain('Rooms (2):\n  Board Room  Acme HQ  +14155550160  Table phone (yealink, T54W, 805ec0a1b2c3, +14155550160)\n  Old Lobby   Acme HQ  +14155550161  no desk phone\n');
    requests();
    const plainText = await runCli(['status'], { cwd, env: running.env });
    expect(plainText.stdout).not.toContain('Rooms');
    expect(requests().filter((r) => r.includes('/rooms'))).toEqual([]);

    const csv = await runCli(['status', '--view', 'rooms', '--format', 'csv'], {
      cwd,
      env: running.env,
    });
    expect(csv.stdout).toBe('name,office,numbers,deskphones\r\nBoard Room,Acme HQ,+14155550160,"Table phone (yealink, T54W, 805ec0a1b2c3, +14155550160)"\r\nOld Lobby,Acme HQ,+14155550161,\r\n');

    const searched = JSON.parse((await runCli(['status', '--view', 'rooms', '--format', 'json', '--search', 'lobby'], { cwd, env: running.env })).stdout) as Status;
    expect(searched.rooms?.map((r) => r.name)).toEqual(['Old Lobby']);

    const redacted = await runCli(['status', '--view', 'all', '--redact'], {
      cwd,
      env: running.env,
    });
    expect(redacted.code, redacted.stderr).toBe(0);
    expect(redacted.stdout).toContain('Board Room');
    expect(redacted.stdout).not.toContain('+14155550160');
  });

  it('--redact masks desk phones\' names and MAC addresses as it masks names: initials or the maker\'s prefix, and a keyed tag', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-status-rooms-redact-'));
    const running = await startEmulator();
    for (const format of ['text', 'json', 'csv']) {
      const redacted = await runCli(['status', '--view', 'rooms', '--redact', '--format', format], { cwd, env: running.env });
      expect(redacted.code, redacted.stderr).toBe(0);
      expect(redacted.stdout, format).not.toContain('Table phone');
      expect(redacted.stdout, format).not.toContain('805ec0a1b2c3');
      expect(redacted.stdout, format).not.toContain('a1b2c3');
      expect(redacted.stdout, format).toMatch(/T\. p\.~[0-9a-f]{4}/);
      expect(redacted.stdout, format).toMatch(/805ec0••••••~[0-9a-f]{4}/);
      // What identifies no one stays: the room, the maker, the model.
      expect(redacted.stdout, format).toContain('Board Room');
      expect(redacted.stdout, format).toContain('T54W');
    }
  });
});
