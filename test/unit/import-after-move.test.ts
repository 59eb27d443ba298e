/**
 * Issue 27 #5: after a move abroad, Dialpad (here the emulator) provisions the user a number of
 * the new country, and `import` writes it into config: it must be a number `validate` accepts.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { runCliInProcess as runCli } from '../support/cli-in-process.js';

const CONFIG = `version: 1
company: { account_type: pro }
offices:
  hq:     { name: Acme HQ, country: US, price_level: premium }
  london: { name: Acme London, country: GB, price_level: premium }
users:
  - { email: grace.hopper@acme.com, first_name: Grace, last_name: Hopper, office: london, license: talk, admin: company, allow_number_change: true }
  - { email: ada.lovelace@acme.com, first_name: Ada, last_name: Lovelace, office: london, license: talk }
`;

describe('import after a move abroad', () => {
  it('issue 27 #5: the number Dialpad provisions in the new country is valid there, and the imported config validates', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-import-after-move-'));
    await cp(join(ROOT, 'test', 'golden', 'international-move-keeps-pool-number', 'fixture.json'), join(cwd, 'live.json'));
    await writeFile(join(cwd, 'dialform.yaml'), CONFIG);

    const applied = await runCli(['apply', '--emulator', 'live.json', '--auto-approve'], { cwd });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const imported = await runCli(['import', '-o', 'imported', '--emulator'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);

    const users = await readFile(join(cwd, 'imported', 'users', 'acme-london.yaml'), 'utf8');
    const grace = users.slice(users.indexOf('grace.hopper@acme.com'));
    const number = /\+\d+/.exec(grace)?.[0] ?? '';
    expect(parsePhoneNumberFromString(number)?.isValid(), number).toBe(true);
    expect(parsePhoneNumberFromString(number)?.country, number).toBe('GB');

    const validate = await runCli(['validate', '-c', 'imported'], { cwd });
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
  });
});
