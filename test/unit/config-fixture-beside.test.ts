import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { chooseSchemaReference } from '../../src/import/schema-reference.js';
import { ROOT } from '../support/cli.js';
import { useTempCwd } from '../support/config-files.js';

const cwd = useTempCwd();
const ID = 'https://raw.githubusercontent.com/dialform/dialform/main/schemas/dialform.schema.json';

describe('a YAML fixture beside the config, and the $schema import writes (issue 27 #20)', () => {
  it('leaves out the YAML fixture the config names (live.yaml, as docs/emulator.md does): it is not read as config (issue 27 #20)', async () => {
    const dir = join(cwd.dir, 'acme');
    cpSync(join(ROOT, 'examples', 'acme'), dir, { recursive: true });
    writeFileSync(join(dir, 'live.yaml'), stringify(JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8'))));
    const main = join(dir, 'dialform.yaml');
    writeFileSync(main, readFileSync(main, 'utf8').replace('fixture: live.json', 'fixture: live.yaml'));

    const desired = await loadConfig('acme');
    expect(desired.emulatorFixture).toBe(join(dir, 'live.yaml'));
    expect(desired.files).not.toContain(join(dir, 'live.yaml'));
    expect(desired.tenant.users.length).toBeGreaterThan(0);
  });

  it("names the schema by a path that works on a colleague's checkout: relative into the project's node_modules, else the published address (issue 27 #20)", () => {
    const installed = '/repo/node_modules/dialform/schemas/dialform.schema.json';
    expect(chooseSchemaReference({ file: '/repo/dialform/users/hq.yaml', schemaPath: installed, schemaId: ID })).toBe('../../node_modules/dialform/schemas/dialform.schema.json');
    expect(chooseSchemaReference({ file: '/repo/dialform/dialform.yaml', schemaPath: installed, schemaId: ID })).toBe('../node_modules/dialform/schemas/dialform.schema.json');
    // A global or npx install, or a checkout of dialform: the importer's own disk, so the address.
    expect(chooseSchemaReference({ file: '/repo/dialform/dialform.yaml', schemaPath: '/usr/lib/node_modules/dialform/schemas/dialform.schema.json', schemaId: ID })).toBe(ID);
    expect(chooseSchemaReference({ file: '/repo/dialform/dialform.yaml', schemaPath: '/home/me/dialform/schemas/dialform.schema.json', schemaId: ID })).toBe(ID);
  });
});
