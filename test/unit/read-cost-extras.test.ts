/**
 * The read cost of each declared E911 address and caller ID (issue 29), as `npm run bench:extras`
 * measures it: one request each, none when undeclared.
 */
import { describe, expect, it } from 'vitest';
import { generateFixture } from '../../bench/generate-fixture.js';
import { measureExtras } from '../../bench/measure-extras.js';
import { parseFixture } from '../../src/emulator/index.js';

describe('read calls per declared field (issue 29)', () => {
  it('costs one request per office or user that declares an E911 address or a caller ID, and nothing undeclared', async () => {
    const fixture = parseFixture(JSON.stringify(generateFixture({ users: 150, offices: 3 })), 'generated-150.json');
    const rows = await measureExtras(fixture);
    expect(rows.map((r) => [r.field, r.declared, r.extra])).toEqual([
      ['none', 0, 0],
      ['office_e911', 3, 3],
      ['user_e911', 150, 150],
      ['caller_id', 150, 150],
    ]);
  });
});
