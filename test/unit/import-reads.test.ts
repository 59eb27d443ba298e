import { describe, expect, it } from 'vitest';
import { IMPORT_EXTRAS } from '../../src/import/import-extras.js';
import { chooseImportReads } from '../../src/import/import-reads.js';
import { liveOffice, liveState, liveUser } from '../support/builders.js';

const phaseOne = liveState({
  offices: [liveOffice('hq', { id: '5001' })],
  users: [liveUser('ada@acme.com', { id: '1' }), liveUser('bob@acme.com', { id: '2', state: 'deleted' })],
});

describe('import --with: what each extra reads', () => {
  it('lists every extra import reads, e911, caller_id and deskphones', () => {
    expect([...IMPORT_EXTRAS].sort()).toEqual(['caller_id', 'deskphones', 'e911']);
  });

  it('reads offices\' plans only, without extras', async () => {
    const reads = await chooseImportReads([]).followUp(phaseOne);
    expect(reads).toEqual({ offices: [{ id: '5001', available: false }], numbers: [], rooms: true });
  });

  it('with e911 and caller_id, reads both for every user not gone, and every office\'s E911', async () => {
    const reads = await chooseImportReads(['e911', 'caller_id']).followUp(phaseOne);
    expect(reads).toEqual({
      offices: [{ id: '5001', available: false }],
      numbers: [],
      e911: { offices: ['5001'], users: ['1'] },
      callerIds: ['1'],
      rooms: true,
    });
  });

  it('reads only the extra named', async () => {
    expect(await chooseImportReads(['caller_id']).followUp(phaseOne)).not.toHaveProperty('e911');
    expect(await chooseImportReads(['e911']).followUp(phaseOne)).not.toHaveProperty('callerIds');
  });
});
