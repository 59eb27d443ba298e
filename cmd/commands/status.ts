import { resolve } from 'node:path';
import { identifyPlan, openJournal, readEntries } from '../../src/apply/journal.js';
import { planFromRead, readForPlan } from '../../src/plan-against-live.js';
import { readConfirmed } from '../../src/config/confirmed-record.js';
import { loadOptionalConfig } from '../../src/config/index.js';
import { fetchLive, READ_PHASE_ONE } from '../../src/dialpad/index.js';
import { EXIT } from '../../src/exit-codes.js';
import { readPlanFile } from '../../src/plan/plan-file.js';
import { digestLive } from '../../src/plan/digest.js';
import { addUserDeskPhones, buildStatus, isShownUser, type Status } from '../../src/status/build-status.js';
import { joinHistory, mergeHistories, readJournalHistory, type History } from '../../src/status/history.js';
import { readForE911Status } from '../../src/status/e911-gaps.js';
import { readForRoomsStatus } from '../../src/status/rooms-view.js';
import { readRoomDeskPhones, readUserDeskPhones } from '../../src/dialpad/read-deskphones.js';
import type { LiveState } from '../../src/model/tenant.js';
import { asksForE911, asksForRooms, LISTED_VIEWS, renderStatusJson, renderStatusText, type ListedView, type StatusView } from '../../src/status/render-status.js';
import { renderStatusCsv, type CsvView } from '../../src/status/render-status-csv.js';
import { redactStatus } from '../../src/status/redact-status.js';
import { UsageError } from '../../src/errors.js';
import type { Io } from '../io.js';
import { openTarget, type ConnectionOptions } from '../target.js';

export interface StatusOptions extends ConnectionOptions {
  config?: string;
  search?: string;
  view?: StatusView[];
  /** `deskphones`: each listed user's desk phones in the users view (one read per user). */
  with?: 'deskphones'[];
  format: 'text' | 'json' | 'csv';
  redact?: boolean;
  journal: string;
  plan: string[];
}

/**
 * `dialform status`: reads Dialpad (nothing is written) and prints the summary of the help
 * article's three views, then the views `--view` asks for (all of them with `--search`). The
 * config is read only when there is one (for `--emulator`'s default fixture). Exit 0, or 1 on an
 * error.
 */
export async function runStatus(opts: StatusOptions, io: Io): Promise<number> {
  const csvView = opts.format === 'csv' ? chooseCsvView(opts.view) : undefined;
  const found = await loadOptionalConfig(io.cwd, opts.config);
  const desired = found?.desired;
  const history = await readHistory(opts, io);
  const target = await openTarget(opts, io, desired);
  try {
    // With a config, the read is the plan's, and the plan of it says what differs. The E911 view
    // adds a read per office in an E911 country with users, only when asked for.
    // The rooms view adds the rooms list (a config that manages rooms reads it already).
    const e911 = asksForE911(opts.view);
    const rooms = asksForRooms(opts.view);
    const planScope = desired === undefined ? READ_PHASE_ONE : readForPlan(desired);
    const withE911 = e911 ? readForE911Status(planScope) : planScope;
    const read = await fetchLive(target.client, rooms ? readForRoomsStatus(withE911) : withE911);
    // The rooms view adds one desk-phone read per room.
    const deskPhones = rooms ? await readRoomDeskPhones(target.client, read.tenant.rooms ?? []) : undefined;
    const live = deskPhones === undefined ? read : { ...read, incomplete: [...read.incomplete, ...deskPhones.incomplete] };
    const now = new Date();
    const plan =
      desired === undefined || found?.path === undefined
        ? undefined
        : planFromRead({ desired, read: live, now, confirmed: (await readConfirmed(found.path)).grants, ...(await readJournalInputs(openJournal(resolve(io.cwd, opts.journal)))) });
    const listed = buildStatus({
      live,
      now,
      ...(opts.search === undefined ? {} : { search: opts.search }),
      history,
      ...(plan === undefined ? {} : { plan }),
      ...(e911 ? { e911: desired === undefined ? {} : { desired } } : {}),
      ...(deskPhones === undefined ? {} : { rooms: { deskPhones: deskPhones.byRoom } }),
    });
    // `--with deskphones`: one desk-phone read for each user the users view lists, never more.
    const status = opts.with?.includes('deskphones') === true ? addUserDeskPhones(listed, await readListedUsersDeskPhones(target.client, live, listed)) : listed;
    const shown = opts.redact === true ? redactStatus(status, digestLive(live)) : status;
    io.out(csvView !== undefined ? renderStatusCsv(shown, csvView) : opts.format === 'json' ? renderStatusJson(shown) : renderStatusText(shown, { lists: chooseLists(opts) }));
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

/** The desk phones of the users `status` lists (`readUserDeskPhones`): by email among the users it shows, not a cancelled user of the same email. */
function readListedUsersDeskPhones(client: Parameters<typeof readUserDeskPhones>[0], live: LiveState, status: Status) {
  const listed = new Set(status.users.map((u) => u.email.toLowerCase()));
  return readUserDeskPhones(client, live.tenant.users.filter((u) => isShownUser(u) && listed.has(u.email.toLowerCase())));
}

/** The views text lists after the summary: those `--view` names (the users view too with `--with deskphones`), else every one for a search, else none. */
function chooseLists(opts: StatusOptions): ListedView[] {
  const views = [...(opts.view ?? []), ...(opts.with?.includes('deskphones') === true ? (['users'] as const) : [])];
  if (views.includes('all') || (views.length === 0 && opts.search !== undefined && opts.search.trim() !== '')) return [...LISTED_VIEWS];
  return LISTED_VIEWS.filter((v) => views.includes(v));
}

/** CSV holds one table: exactly one `--view` other than `all`. */
function chooseCsvView(views: StatusView[] | undefined): CsvView {
  const chosen = [...new Set(views ?? [])];
  const only = chosen[0];
  if (chosen.length !== 1 || only === undefined || only === 'all') {
    throw new UsageError('--format csv writes one view: add exactly one --view summary|users|numbers|deleted|e911|rooms');
  }
  return only;
}

/** What a plan takes from the apply journal: restores waited for, moves left part way. */
async function readJournalInputs(journal: ReturnType<typeof openJournal>) {
  return { pendingRestores: await journal.pendingRestores(), unfinishedMoves: await journal.unfinishedMoves() };
}
