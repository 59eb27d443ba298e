import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, loadFixture, type RunningEmulator } from '../../src/emulator/index.js';
import { ROOT, runCli, scratchCopy } from '../support/cli.js';

/** A live email carrying an OSC title change, a bell and a clear-screen: it reaches apply's progress lines. */
const HOSTILE_EMAIL = 'eve\u001b]0;pwned\u0007\u001b[2J@acme.com';

const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

describe("apply's progress lines", () => {
  it('show control characters in live names as visible escapes, never raw (issue 12 #13)', async () => {
    const fixture = await loadFixture(join(ROOT, 'examples', 'acme', 'live.json'));
    const office = fixture.offices[0]?.id ?? '';
    const eve = { id: '7299999999999999', office_id: office, first_name: 'Eve', last_name: 'X', emails: [HOSTILE_EMAIL], license: 'talk', state: 'active' as const };
    const emulator = createEmulator({ fixture: { ...fixture, users: [...fixture.users, eve], offices: fixture.offices.map((o) => (o.id === office && o.licenses ? { ...o, licenses: { ...o.licenses, talk_lines: (o.licenses['talk_lines'] ?? 0) + 1 } } : o)) }, rateLimit: 0 });
    const server = await emulator.listen(0);
    running.push(server);
    const cwd = await scratchCopy('acme');
    const result = await runCli(['apply', '-c', 'acme', '--auto-approve'], { cwd, env: { DIALPAD_API_URL: server.url, DIALPAD_API_KEY: 'test-company-key' } });
    const output = `${result.stdout}${result.stderr}`;
    // dialform lower-cases emails, hence `[2j`.
    expect(output, output).toContain('eve\\x1b]0;pwned\\x07\\x1b[2j@acme.com');
    expect(output).toMatch(/\] op-\d+ delete eve\\x1b\]0;pwned\\x07\\x1b\[2j@acme\.com.*: done/);
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  }, 120_000);
});
