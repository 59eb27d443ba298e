import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderImport } from '../../src/import/render-import.js';
import { buildStatus } from '../../src/status/build-status.js';
import { renderStatusJson } from '../../src/status/render-status.js';
import { liveOffice, liveState, liveUser, NOW } from '../support/builders.js';

/**
 * Issue 26 item 14: C1 and bidi controls from Dialpad (a right-to-left override in a name) are
 * written as escapes in `status --format json` and in the YAML `import` writes, and read back as
 * the same value.
 */
const TRICKY = 'Ada\u202eevil\u202c \u0085\u009b2J\u2066x\u2069';
const RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const live = liveState({
  offices: [liveOffice('hq', { name: `Acme\u202eQH` })],
  users: [liveUser('ada@acme.com', { firstName: TRICKY, lastName: 'Lovelace' })],
});

describe('C1 and bidi controls in documents (issue 26 item 14)', () => {
  it('status --format json escapes them and parses back to the same names', () => {
    const json = renderStatusJson(buildStatus({ live, now: NOW }));
    expect(json).not.toMatch(RAW);
    expect(json).toContain('Ada\\u202eevil\\u202c \\u0085\\u009b2J\\u2066x\\u2069');
    expect(JSON.stringify(JSON.parse(json))).toContain(TRICKY);
  });

  it('import writes them as escapes in double-quoted YAML strings and parses back to the same values', () => {
    const result = renderImport(live, { schemaPath: () => 'schema.json' });
    for (const file of result.files) expect(file.text, file.path).not.toMatch(RAW);
    const users = result.files.find((f) => f.path.startsWith('users/'));
    expect(users?.text).toContain('"Ada\\u202eevil\\u202c \\u0085\\u009b2J\\u2066x\\u2069"');
    expect(JSON.stringify(parse(users?.text ?? ''))).toContain(TRICKY);
    const main = result.files.find((f) => f.path === 'dialform.yaml');
    expect(JSON.stringify(parse(main?.text ?? ''))).toContain('Acme\u202eQH');
  });
});
