import { describe, expect, it } from 'vitest';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import type { ApiOffice } from '../../src/dialpad/api-types.js';
import type { DialpadClient } from '../../src/dialpad/client.js';
import { matchOffices } from '../../src/model/match-offices.js';
import { isSameOfficeName, officeNameKey } from '../../src/model/office-names.js';
import type { Office } from '../../src/model/tenant.js';

describe('office-name identity', () => {
  it.each([
    { a: 'Acme HQ', b: 'acme hq ', same: true },
    { a: ' ACME HQ', b: 'Acme HQ', same: true },
    { a: 'Acme HQ', b: 'Acme  HQ', same: false },
    { a: 'Acme HQ', b: 'Acme HQ2', same: false },
  ])('"$a" and "$b" are the same office: $same', ({ a, b, same }) => {
    expect(isSameOfficeName(a, b)).toBe(same);
    expect(officeNameKey(a) === officeNameKey(b)).toBe(same);
  });

  it('apply finds the office by name the way the planner matched it (was exact: found none)', async () => {
    const live: ApiOffice[] = [
      { id: '10', name: 'acme hq ' },
      { id: '9', name: 'ACME HQ' },
      { id: '8', name: 'Acme London' },
    ];
    const client = { listOffices: async () => live } as unknown as DialpadClient;
    const desired: Office = { key: 'hq', name: 'Acme HQ', country: 'US', licenses: {} };

    const planned = [...matchOffices([desired], live.map((o) => ({ id: String(o.id), name: o.name ?? '' })))].find(([, key]) => key === 'hq');
    expect(planned?.[0]).toBe('9');
    expect(await createApplyApi(client).findOfficeByName('Acme HQ')).toBe('9');
    expect(await createApplyApi(client).findOfficeByName('Acme Paris')).toBeUndefined();
  });
});
