/**
 * `status --with deskphones`: each user the users view lists, with their desk phones, at one read
 * per listed user (`GET /users/{id}/deskphones`), made only when asked for.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/status/build-status.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';
import { startEditedGoldenForTest, trackRequests } from '../support/emulator.js';

const GRACE = '7200000000000001';

/** The golden's company, Grace with a desk phone (and its SIP password, which nothing may show); `edit` adds to it. */
function startEmulator(edit: (fixture: { users: Record<string, unknown>[] }) => void = () => undefined) {
  return startEditedGoldenForTest<{ users: Record<string, unknown>[] }>('room-deleted-number-to-pool', (fixture) => {
    fixture.users[0]!['deskphones'] = [{ name: 'Grace desk', type: 'polycom', device_model: 'VVX 450', mac_address: '0004f2a1b2c3', phone_number: '+14155550101', password: 'sip-secret-3' }];
    edit(fixture);
  });
}

describe('dialform status --with deskphones', () => {
  it('shows each listed user’s desk phones in the users view, one read per listed user, and reads none unless asked', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-status-user-phones-'));
    const running = await startEmulator();
    const requests = trackRequests(running.emulator);
    const deskPhoneReads = (): string[] => requests().filter((r) => r.includes('/deskphones'));

    const plain = await runCli(['status', '--view', 'all', '--format', 'json'], { cwd, env: running.env });
    expect(plain.code, plain.stderr).toBe(0);
    expect((JSON.parse(plain.stdout) as Status).users[0]).not.toHaveProperty('deskphones');
    expect(deskPhoneReads().filter((r) => r.includes('/users/'))).toEqual([]);

    const asked = await runCli(['status', '--with', 'deskphones', '--format', 'json'], { cwd, env: running.env });
    expect(asked.code, asked.stderr).toBe(0);
    expect((JSON.parse(asked.stdout) as Status).users.map((u) => [u.email, u.deskphones])).toEqual([
      ['grace.hopper@acme.com', [{ name: 'Grace desk', type: 'polycom', model: 'VVX 450', mac_address: '0004f2a1b2c3', number: '+14155550101' }]],
    ]);
    expect(deskPhoneReads()).toEqual([`GET /api/v2/users/${GRACE}/deskphones`]);
    expect(asked.stdout).not.toContain('sip-secret');

    const text = await runCli(['status', '--with', 'deskphones'], { cwd, env: running.env });
    expect(text.stdout).toMatch(/grace\.hopper@acme\.com .*\+14155550101 +Grace desk \(polycom, VVX 450, 0004f2a1b2c3, \+14155550101\)\n/);
    const csv = await runCli(['status', '--view', 'users', '--with', 'deskphones', '--format', 'csv'], { cwd, env: running.env });
    expect(csv.stdout.split('\r\n')[0]).toBe('email,name,office,license,state,permissions,numbers,deskphones');
    expect(csv.stdout).toContain(',"Grace desk (polycom, VVX 450, 0004f2a1b2c3, +14155550101)"\r\n');

    // Only the users listed are read: a search that lists none reads none.
    deskPhoneReads();
    const none = await runCli(['status', '--with', 'deskphones', '--search', 'nobody-matches-this', '--format', 'json'], { cwd, env: running.env });
    expect((JSON.parse(none.stdout) as Status).users).toEqual([]);
    expect(deskPhoneReads()).toEqual([]);

    const redacted = await runCli(['status', '--with', 'deskphones', '--redact'], { cwd, env: running.env });
    for (const secret of ['Grace desk', '0004f2a1b2c3', '+14155550101']) expect(redacted.stdout).not.toContain(secret);
    expect(redacted.stdout).toMatch(/0004f2••••••~[0-9a-f]{4}/);
  });

  it('reads the listed user only, not a cancelled user who had the same email', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-status-user-phones-cancelled-'));
    const running = await startEmulator((fixture) => {
      const { deskphones: _, ...grace } = fixture.users[0]!;
      fixture.users.push({ ...grace, id: '7200000000000009', state: 'cancelled', phone_numbers: [], deskphones: [{ name: 'Old desk', type: 'obi' }] });
    });
    const requests = trackRequests(running.emulator);
    const asked = await runCli(['status', '--with', 'deskphones', '--format', 'json'], { cwd, env: running.env });
    expect(asked.code, asked.stderr).toBe(0);
    expect((JSON.parse(asked.stdout) as Status).users.map((u) => [u.email, u.deskphones?.map((d) => d.name)])).toEqual([['grace.hopper@acme.com', ['Grace desk']]]);
    expect(requests().filter((r) => r.includes('/deskphones'))).toEqual([`GET /api/v2/users/${GRACE}/deskphones`]);
  });
});
