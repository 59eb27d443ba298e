/**
 * `emulator snapshot` and users' extra numbers: each number beyond a user's first holds an
 * additional-number line (`PlanProto.additional_number_lines`), which Dialpad's
 * `available_licenses` already counts and the emulator counts from the twin's users again. The
 * twin's `assigned_licenses` must hold only what no twinned user or room accounts for, so the
 * twin's free lines are the company's, not fewer.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmulator, loadFixture, type Fixture } from '../../src/emulator/index.js';
import { getAvailable } from '../../src/emulator/licenses.js';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';

const GOLDEN_FIXTURE = join(ROOT, 'test', 'golden', 'room-deleted-number-to-pool', 'fixture.json');

describe('dialform emulator snapshot of users with extra numbers', () => {
  it('leaves the twin’s free additional-number lines the company’s: a user’s extra numbers are not counted twice', async () => {
    const live = await loadFixture(GOLDEN_FIXTURE);
    const hq = live.offices[0]!;
    // Grace holds three numbers (two extra lines) of the five bought; one more line is held by something no read shows.
    hq.licenses = { ...hq.licenses, additional_number_lines: 5 };
    hq.assigned_licenses = { additional_number_lines: 1 };
    const grace = live.users[0]!;
    grace.phone_numbers = [...(grace.phone_numbers ?? []), '+14155550102', '+14155550103'];
    for (const number of ['+14155550102', '+14155550103']) {
      live.numbers.push({ number, office_id: hq.id, status: 'user', target_id: grace.id, target_type: 'user', type: 'local', area_code: '415' });
    }
    const running = await createEmulator({ fixture: live, rateLimit: 0 }).listen(0);
    onTestFinished(() => running.close());
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-snapshot-extra-numbers-'));

    const snap = await runCli(['emulator', 'snapshot', '-o', 'twin.json'], { cwd, env: { DIALPAD_API_URL: running.url, DIALPAD_API_KEY: 'snapshot-key' } });
    expect(snap.code, snap.stderr).toBe(0);
    const twin = JSON.parse(await readFile(join(cwd, 'twin.json'), 'utf8')) as Fixture;
    const twinHq = twin.offices.find((o) => o.id === hq.id)!;
    expect(getAvailable(live, hq).additional_number_lines).toBe(2);
    expect(getAvailable(twin, twinHq)).toEqual(getAvailable(live, hq));
    expect(twinHq.assigned_licenses).toEqual({ additional_number_lines: 1 });
  });
});
