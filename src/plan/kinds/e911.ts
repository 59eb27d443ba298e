/** Entries for the kinds that set an E911 (emergency) address: an office's, and a person's own. */
import { ABSOLUTE_UPDATE, type KindSpec } from './spec.js';
import { existingOffice, isFailure, liveUser, officeKey, userKey } from './sim-steps.js';

/** An absolute value: putting the old address back undoes it. Changes no line, number or membership. */
export const updateOfficeE911: KindSpec<'update_office_e911'> = {
  ...ABSOLUTE_UPDATE,
  tieDetail: () => '',
  check(sim, op) {
    const office = existingOffice(sim, op.target.key);
    return isFailure(office) ? office : undefined;
  },
  apply(_sim, op, fx) {
    fx.claims.push(officeKey(op.target.key));
  },
  placement: (op) => ({ office: op.target.key }),
  describe: () => ({ marker: '~', action: 'update E911 address', details: [] }),
};

export const updateUserE911: KindSpec<'update_user_e911'> = {
  ...ABSOLUTE_UPDATE,
  tieDetail: () => '',
  check(sim, op) {
    const user = liveUser(sim, op.target.email);
    return isFailure(user) ? user : undefined;
  },
  apply(_sim, op, fx) {
    fx.claims.push(userKey(op.target.email));
  },
  placement: () => ({ user: 'after' }),
  describe: () => ({ marker: '~', action: 'update E911 address', details: [] }),
};
