import { describe, expect, it } from 'vitest';
import { LINE_FIELDS } from '../../src/emulator/types.js';
import { LINE_FIELD, LINE_HOLDING, LINE_KINDS, lineOfLicense } from '../../src/model/license-lines.js';
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

  it('maps every license kind the help article transfers to one API line field, and every API line field to one kind (issue 13 #6)', () => {
    expect(Object.fromEntries(LINE_TYPES.map((l) => [l, LINE_FIELD[l]]))).toEqual({
      talk: 'talk_lines',
      sell: 'sell_lines',
      contact_center: 'contact_center_lines',
      ai_meetings: 'uberconference_lines',
      toll_free_ai_meetings: 'tollfree_uberconference_lines',
      additional_numbers: 'additional_number_lines',
      toll_free_additional_numbers: 'tollfree_additional_number_lines',
      rooms: 'room_lines',
      toll_free_rooms: 'tollfree_room_lines',
      fax: 'fax_lines',
    });
    // The emulator serves exactly the PlanProto fields: the map is a bijection onto them.
    expect(Object.values(LINE_FIELD).sort()).toEqual([...LINE_FIELDS].sort());
  });

  it('files each kind under the help article license type an admin chooses to transfer it', () => {
    const byCategory = (c: string) => LINE_TYPES.filter((l) => LINE_KINDS[l].category === c);
    expect(byCategory('Dialpad')).toEqual(['talk', 'sell', 'contact_center']);
    expect(byCategory('Ai Meetings')).toEqual(['ai_meetings', 'toll_free_ai_meetings']);
    expect(byCategory('Add-on')).toEqual(['additional_numbers', 'toll_free_additional_numbers', 'rooms', 'toll_free_rooms', 'fax']);
  });

  it('leaves a suspended user’s license unknown (documented for SCIM only), deleted users hold none', () => {
    expect(LINE_HOLDING).toEqual({ active: 'yes', pending: 'yes', suspended: 'unknown', deleted: 'no', cancelled: 'no' });
  });
});
