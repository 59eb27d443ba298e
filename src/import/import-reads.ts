import { READ_OFFICE_PLANS, type LiveReadScope } from '../dialpad/fetch-live.js';
import type { ImportExtra } from './import-extras.js';

/**
 * What import reads: every office's plan and, for each extra, its read of every office (`e911`)
 * and of every user that is not gone (`e911`, `caller_id`).
 */
export function chooseImportReads(extras: readonly ImportExtra[]): LiveReadScope {
  if (extras.length === 0) return READ_OFFICE_PLANS;
  return {
    followUp: async (phaseOne) => {
      const base = await READ_OFFICE_PLANS.followUp(phaseOne);
      const users = phaseOne.tenant.users.flatMap((u) => (u.id === undefined || u.state === 'deleted' || u.state === 'cancelled' ? [] : [u.id]));
      const offices = phaseOne.tenant.offices.flatMap((o) => (o.id === undefined ? [] : [o.id]));
      return {
        ...base,
        ...(extras.includes('e911') ? { e911: { offices, users } } : {}),
        ...(extras.includes('caller_id') && users.length > 0 ? { callerIds: users } : {}),
      };
    },
  };
}
