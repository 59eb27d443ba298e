import { READ_OFFICE_PLANS, type LiveReadScope } from '../dialpad/fetch-live.js';
import { UsageError } from '../errors.js';

/** What `import --with` may add: fields not in the user read, each one request per user. */
export const IMPORT_EXTRAS = ['caller_id'] as const;
export type ImportExtra = (typeof IMPORT_EXTRAS)[number];

/** `--with caller_id,…` as a list; an unknown name is a `UsageError` naming the known ones. */
export function parseImportExtras(value: string | undefined): ImportExtra[] {
  if (value === undefined) return [];
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(IMPORT_EXTRAS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new UsageError(`--with: unknown ${unknown.join(', ')} (known: ${IMPORT_EXTRAS.join(', ')})`);
  return [...new Set(names)] as ImportExtra[];
}

/** What import reads: every office's plan, and each extra for every user that is not gone. */
export function chooseImportReads(extras: readonly ImportExtra[]): LiveReadScope {
  if (extras.length === 0) return READ_OFFICE_PLANS;
  return {
    followUp: async (phaseOne) => {
      const base = await READ_OFFICE_PLANS.followUp(phaseOne);
      const callerIds = extras.includes('caller_id')
        ? phaseOne.tenant.users.flatMap((u) => (u.id === undefined || u.state === 'deleted' || u.state === 'cancelled' ? [] : [u.id]))
        : [];
      return { ...base, ...(callerIds.length === 0 ? {} : { callerIds }) };
    },
  };
}
