import { resolve } from 'node:path';
import { identifyPlan, openJournal, readEntries } from '../../src/apply/journal.js';
import { planFromRead, readForPlan } from '../../src/plan-against-live.js';
import { readConfirmed } from '../../src/config/confirmed-record.js';
import { loadOptionalConfig } from '../../src/config/index.js';
import { fetchLive, READ_PHASE_ONE } from '../../src/dialpad/index.js';
import { EXIT } from '../../src/exit-codes.js';
import { readPlanFile } from '../../src/plan/plan-file.js';
import { buildStatus } from '../../src/status/build-status.js';
import { joinHistory, mergeHistories, readJournalHistory, type History } from '../../src/status/history.js';
import { renderStatusJson, renderStatusText } from '../../src/status/render-status.js';
import type { Io } from '../io.js';
import { openTarget, type ConnectionOptions } from '../target.js';

export interface StatusOptions extends ConnectionOptions {
  config?: string;
  search?: string;
  format: 'text' | 'json';
  journal: string;
  plan: string[];
}

/**
 * `dialform status`: reads Dialpad (nothing is written) and prints the help article's three views.
 * The config is read only when there is one (for `--emulator`'s default fixture). Exit 0, or 1 on
 * an error.
 */
export async function runStatus(opts: StatusOptions, io: Io): Promise<number> {
  const found = await loadOptionalConfig(io.cwd, opts.config);
  const desired = found?.desired;
  const history = await readHistory(opts, io);
  const target = await openTarget(opts, io, desired);
  try {
    // With a config, the read is the plan's, and the plan of it says what differs.
    const live = await fetchLive(target.client, desired === undefined ? READ_PHASE_ONE : readForPlan(desired));
    const now = new Date();
    const plan =
      desired === undefined || found?.path === undefined
        ? undefined
        : planFromRead({ desired, read: live, now, confirmed: (await readConfirmed(found.path)).grants, pendingRestores: await openJournal(resolve(io.cwd, opts.journal)).pendingRestores() });
    const status = buildStatus({ live, now, ...(opts.search === undefined ? {} : { search: opts.search }), history, ...(plan === undefined ? {} : { plan }) });
    io.out(opts.format === 'json' ? renderStatusJson(status) : renderStatusText(status));
    return EXIT.ok;
  } finally {
    await target.close();
  }
}

/**
 * Who held each reserved number and when users were deleted: what the apply journal records
 * itself, and for lines older than that, the journal joined with the saved plans given with
 * `--plan` (the journal names operations, the plan says what they did). A missing journal is no
 * history, not an error.
 */
async function readHistory(opts: StatusOptions, io: Io): Promise<History> {
  const entries = (await readEntries(resolve(io.cwd, opts.journal))).filter((e) => e.status === 'done');
  const plans = await Promise.all(opts.plan.map((file) => readPlanFile(resolve(io.cwd, file))));
  return mergeHistories(readJournalHistory(entries), joinHistory({ plans, entries, identify: identifyPlan }));
}
