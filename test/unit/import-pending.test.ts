import { describe, expect, it } from 'vitest';
import { renderImport } from '../../src/import/render-import.js';
import { liveOffice, liveState, liveUser } from '../support/builders.js';

describe('import of pending users (issue 14 #6)', () => {
  it('writes pending (invited) users with state: pending and skips only deleted ones (issue 14 #6)', () => {
    const live = liveState({
      offices: [liveOffice('hq', { name: 'Acme HQ' })],
      users: [liveUser('ada@acme.com'), liveUser('pat@acme.com', { state: 'pending', numbers: ['+14155550130'] }), liveUser('old@acme.com', { state: 'deleted' })],
    });
    const result = renderImport(live, { schemaPath: () => 'schema.json' });
    const users = result.files.find((f) => f.path === 'users/acme-hq.yaml')?.text ?? '';
    expect(users).toMatch(/email: pat@acme\.com,.* state: pending, numbers: \[ "\+14155550130" \] \}/);
    expect(result.users).toBe(2);
    expect(result.skipped).toEqual([{ email: 'old@acme.com', state: 'deleted' }]);
  });
});
