import { describe, expect, it } from 'vitest';
import { LINE_FIELDS } from '../../src/emulator/types.js';
import { LINE_FIELD, lineOfLicense } from '../../src/model/license-lines.js';
import { LINE_TYPES } from '../../src/model/tenant.js';

describe('license lines', () => {
  it.each([
    { license: 'talk', line: 'talk' },
    { license: 'agents', line: 'sell' },
    { license: 'lite_support_agents', line: 'contact_center' },
    { license: 'lite_lines', line: undefined },
    { license: 'constructor', line: undefined },
  ])('$license consumes $line', ({ license, line }) => {
    expect(lineOfLicense(license)).toBe(line);
  });

  it('names an API line field for every managed line type, one the emulator serves', () => {
    expect(LINE_TYPES.map((l) => LINE_FIELD[l])).toEqual(['talk_lines', 'sell_lines', 'contact_center_lines']);
    for (const field of Object.values(LINE_FIELD)) expect(LINE_FIELDS).toContain(field);
  });
});
