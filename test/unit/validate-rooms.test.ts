/** `dialform validate` counts rooms as it counts groups (issue 32). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';

describe('dialform validate with rooms (issue 32)', () => {
  it('names the rooms in its summary line and JSON only when the config has some', async () => {
    const withRooms = join(ROOT, 'test', 'golden', 'room-created-with-pool-number', 'config.yaml');
    const text = await runCli(['validate', '-c', withRooms], { cwd: ROOT });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Configuration is valid: \d+ offices?, \d+ users?, 1 room in 1 file\.\n$/);
    const json = JSON.parse((await runCli(['validate', '-c', withRooms, '--format', 'json'], { cwd: ROOT })).stdout) as { rooms: number };
    expect(json.rooms).toBe(1);

    const without = await runCli(['validate', '-c', join(ROOT, 'test', 'golden', 'offboard-one-user-under-ignore', 'config.yaml')], { cwd: ROOT });
    expect(without.code, without.stderr).toBe(0);
    expect(without.stdout).not.toContain('room');
    expect(JSON.parse((await runCli(['validate', '-c', join(ROOT, 'test', 'golden', 'offboard-one-user-under-ignore', 'config.yaml'), '--format', 'json'], { cwd: ROOT })).stdout)).toMatchObject({ rooms: 0 });
  });
});
