/** The entry for the kind that acts on the company itself: its plan tier. */
import type { KindSpec } from './spec.js';

/**
 * Manual: the plan tier is read-only through the API (Dialpad's billing changes it). Transfers and
 * moves are judged by the tier Dialpad reports now (`plan_tier_required`), not by this step.
 */
export const changeAccountType: KindSpec<'change_account_type'> = {
  phase: () => 'update',
  bucket: 'update',
  manual: {
    verifiedBy: 'api',
    rehearse: (ops) => ops.map((op) => `dialform emulator do change-account-type ${op.account_type}`),
  },
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check: () => undefined,
  apply(_sim, _op, fx) {
    fx.claims.push('company');
  },
  wouldProvide: () => undefined,
  placement: () => ({ office: null }),
  harm: () => undefined,
  describe: (op) => ({ marker: '!', action: 'change account type', details: [`apply waits until Dialpad reports account_type ${op.account_type}`] }),
};
