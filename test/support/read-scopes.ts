import type { LiveReadScope } from '../../src/dialpad/index.js';

/** Phase 1 and both license reads of every office: what a test that wants every read exercised asks for. */
export const READ_EVERY_OFFICE: LiveReadScope = {
  followUp: (phaseOne) => ({
    offices: phaseOne.tenant.offices.flatMap((o) => (o.id === undefined ? [] : [{ id: o.id, available: true }])),
    numbers: [],
  }),
};
