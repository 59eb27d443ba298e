import { describe, expect, it } from 'vitest';
import type { Fields } from '../../src/config/normalize.js';
import type { RawGroup } from '../../src/config/raw-types.js';
import type { Group } from '../../src/model/tenant.js';
import { GROUP_SETTINGS_FIELDS } from '../../src/config/normalize-group-settings.js';

describe('normalizeConfig handles every raw key (a key cannot be half-added)', () => {
  it('does not compile a raw key that is validated but never copied nor declared ignored', () => {
    type RawGroupWithColour = RawGroup & { colour?: string };
    const handled = {
      name: (v: string) => ({ name: v }), office: (v: string) => ({ office: v }), id: (v: string | undefined) => (v === undefined ? {} : { id: v }),
      allow_new_group: (v: boolean | undefined) => (v === undefined ? {} : { allowNewGroup: v }),
      owners: { ignored: 'a repository fact' },
      ...GROUP_SETTINGS_FIELDS,
    };
    // @ts-expect-error `colour` has no entry: copy it, name the key that reads it, or say why it is ignored
    const missing: Fields<RawGroupWithColour, Group> = handled;
    const declared: Fields<RawGroupWithColour, Group> = { ...handled, colour: { ignored: 'display only' } };
    expect([missing, declared].map((f) => Object.keys(f).length)).toEqual([17, 18]);
  });
});
