/**
 * Two embedded emulators on one state file, as `dialform emulator console` and an
 * `apply --emulator` are (issue 17 #4): each takes up the other's writes before its next request,
 * so neither writes back a state older than the other's.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmbeddedEmulator, type Fixture } from '../../src/emulator/index.js';
import { ROOT } from '../support/cli.js';

const FIXTURE = join(ROOT, 'test', 'browser', 'console-company.json');
const J = { 'content-type': 'application/json' };

describe('one state file, two emulators (issue 17 #4)', () => {
  it('each sees the other’s change at its next request and keeps it when it writes (issue 17 #4)', async () => {
    const statePath = join(await mkdtemp(join(tmpdir(), 'dialform-shared-')), '.dialform', 'emulator-state.json');
    const console = await startEmbeddedEmulator({ fixturePath: FIXTURE, statePath });
    const apply = await startEmbeddedEmulator({ statePath });
    try {
      const auth = { authorization: `Bearer ${apply.apiKey}`, ...J };
      // "apply" creates a user; the console, started before, shows them and keeps them.
      const created = await fetch(`${apply.url}/api/v2/users`, { method: 'POST', headers: auth, body: JSON.stringify({ email: 'fay@console.example', office_id: '20' }) });
      expect(created.status).toBe(200);
      const views = (await (await fetch(`${console.url}/_emulator/views`)).json()) as { users: Record<string, unknown> };
      expect(Object.keys(views.users)).toContain('fay@console.example');
      const granted = await fetch(`${console.url}/_emulator/analytics`, { method: 'POST', headers: J, body: JSON.stringify({ user_ids: ['102'], enabled: false }) });
      expect(granted.status).toBe(200);
      let state = JSON.parse(await readFile(statePath, 'utf8')) as Fixture;
      expect(state.users.map((u) => u.emails[0])).toContain('fay@console.example');

      // The console transfers a license; "apply" reads it at once.
      const moved = await fetch(`${console.url}/_emulator/transfer_licenses`, { method: 'POST', headers: J, body: JSON.stringify({ from_office_id: '10', to_office_id: '20', line: 'talk_lines', count: 1 }) });
      expect(moved.status).toBe(200);
      const plan = (await (await fetch(`${apply.url}/api/v2/offices/20/plan`, { headers: auth })).json()) as Record<string, string>;
      expect(plan['talk_lines']).toBe('3');
      state = JSON.parse(await readFile(statePath, 'utf8')) as Fixture;
      expect(state.users.find((u) => u.id === '102')?.analytics).toBe(false);
    } finally {
      await Promise.all([console.close(), apply.close()]);
    }
  });
});
