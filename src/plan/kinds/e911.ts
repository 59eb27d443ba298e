/** Entries for the kinds that set an E911 (emergency) address: an office's, and a person's own. */
import type { KindSpec } from './spec.js';
import { existingOffice, isFailure, liveUser, officeKey, userKey } from './sim-steps.js';

/** An absolute value: putting the old address back undoes it. Changes no line, number or membership. */
export const updateOfficeE911: KindSpec<'update_office_e911'> = {
  phase: () => 'update',
  bucket: 'update',
  manual: false,
  // A read of the status kind (phase 1) holds no E911 address; the PUT is absolute, so sending it again is harmless.
  landed: () => false,
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const office = existingOffice(sim, op.target.key);
    return isFailure(office) ? office : undefined;
  },
  apply(_sim, op, fx) {
    fx.claims.push(officeKey(op.target.key));
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.key }),
  harm: () => undefined,
  describe: () => ({ marker: '~', action: 'update E911 address', details: [] }),
};

export const updateUserE911: KindSpec<'update_user_e911'> = {
  phase: () => 'update',
  bucket: 'update',
  manual: false,
  // As for an office's: the read holds no E911 address, and the PUT is absolute.
  landed: () => false,
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const user = liveUser(sim, op.target.email);
    return isFailure(user) ? user : undefined;
  },
  apply(_sim, op, fx) {
    fx.claims.push(userKey(op.target.email));
  },
  wouldProvide: () => undefined,
  placement: () => ({ user: 'after' }),
  harm: () => undefined,
  describe: () => ({ marker: '~', action: 'update E911 address', details: [] }),
};
