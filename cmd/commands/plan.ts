import { loadConfigBeside, loadConfigFromGitBeside, resolveConfigPath } from '../../src/config/index.js';
import { writePlanFile } from '../../src/plan/plan-file.js';
import { readConfirmed } from '../../src/config/confirmed-record.js';
import { openJournal } from '../../src/apply/journal.js';
import { resolve } from 'node:path';
import { adviseConfig } from '../../src/config/advise.js';
import type { Io } from '../io.js';
import { fetchLive } from '../../src/dialpad/index.js';
import { checkDialpadClock, describeClockSkew } from '../../src/model/dialpad-clock.js';
import { planFromRead, readForPlan } from '../../src/plan-against-live.js';
import { openTargetBeside, rehearsalOf, type ConnectionOptions } from '../target.js';
import { planExitCode, renderPlan, type PlanFormat } from './render-plan.js';
import { observed } from '../observed.js';
import { UsageError } from '../../src/errors.js';
import { parseScope } from '../../src/owners/scope-plan.js';
import { renderScopeReach } from '../../src/owners/render-reach.js';
import { findOwnedByChange, renderOwnerReview } from '../../src/owners/render-review.js';
import type { ConfigOwners } from '../../src/model/config-owners.js';
import type { Plan } from '../../src/plan/types.js';
import { readFile } from 'node:fs/promises';
import { findRepositoryRoot, mapRepoPaths } from '../repo-paths.js';

export interface PlanOptions extends ConnectionOptions {
  config?: string;
  out?: string;
  format: PlanFormat;
  detailedExitcode?: boolean;
  redact?: boolean;
  base?: string;
  journal: string;
  color: boolean;
  /** `office:KEY` values: plan only what concerns these offices (never saved, never applied). */
  scope?: string[];
  /** A file listing the changed paths (repository-relative, one a line): append the owners' review. */
  changed?: string;
}

/** `dialform plan`: exit 0 (no changes, or changes without --detailed-exitcode), 2 (changes), 3 (blocked). */
export async function runPlan(opts: PlanOptions, io: Io): Promise<number> {
  const configPath = resolveConfigPath(io.cwd, opts.config);
  const scoped = (opts.scope ?? []).length > 0;
  // A scoped plan leaves out what other offices' owners plan: applying it would skip their part
  // of the config, so it is never written where apply could take it.
  if (scoped && opts.out !== undefined) throw new UsageError('--scope with --out: a scoped plan leaves other offices out and cannot be applied; plan without --scope to save a plan for apply');
  // A config that fails to load is reported below, in its turn (`observed`). A large one loads in
  // a worker thread, so its parsing never holds up the read's chain of pages (`loadConfigBeside`).
  const loading = observed(loadConfigBeside(configPath));
  const scoping = observed(loading.then((d) => (scoped ? parseScope(opts.scope ?? [], d) : undefined)));
  const target = await openTargetBeside(opts, io, loading);
  try {
    // Phase 1 of the read runs beside the config load; phase 2 waits for the config (`readForPlan`).
    const reading = observed(fetchLive(target.client, readForPlan(loading, scoping)));
    const desired = await loading;
    // What config leaves unsaid limits the plan's checks (a price level): said here as `validate` says it.
    for (const line of adviseConfig(desired)) io.err(`${line}\n`);
    const scope = await scoping;
    const base = opts.base ? await loadConfigFromGitBeside(opts.base, configPath, io.cwd) : undefined;
    const { grants: confirmed } = await readConfirmed(configPath);
    // Read only: a restore apply waited for (`restore_window_expired`), a move it left part way; no journal, none.
    const journal = openJournal(resolve(io.cwd, opts.journal));
    const [pendingRestores, unfinishedMoves] = [await journal.pendingRestores(), await journal.unfinishedMoves()];
    const read = await reading;
    const now = new Date();
    const skew = checkDialpadClock(desired, read, now);
    if (skew !== undefined) io.err(describeClockSkew(skew));
    const plan = planFromRead({ desired, read, base, confirmed, pendingRestores, unfinishedMoves, now, ...rehearsalOf(target, opts.config), ...(scope === undefined ? {} : { scope }) });
    if (opts.out) {
      await writePlanFile(resolve(io.cwd, opts.out), plan);
      io.err(
        plan.summary.blocked
          ? `Plan written to ${opts.out}; it is blocked by the errors below, so apply will refuse it: fix them and plan again.\n`
          : `Plan written to ${opts.out}; apply it with: dialform apply ${opts.out}\n`,
      );
    }
    io.out(renderPlan(plan, { format: opts.format, color: opts.color && io.color, redact: opts.redact }));
    if (opts.changed !== undefined) {
      const review = await reviewChanges(opts.changed, configPath, desired.owners, base?.owners ?? desired.owners, plan, io, opts.redact === true);
      (opts.format === 'json' ? io.err : io.out)(`\n${review}`);
    }
    if (scope !== undefined) {
      const lines = renderScopeReach(plan, scope, desired.owners);
      // JSON output stays the plan document alone.
      (opts.format === 'json' ? io.err : io.out)(lines);
    }
    return planExitCode(plan, opts.detailedExitcode === true);
  } finally {
    await target.close();
  }
}

/**
 * The owners' review of `plan` for the changed paths listed in `changedFile`: what those files
 * owned in `before` (the config at `--base`, else the config itself), checked against what the
 * plan's operations touch; offices are named with the owners of `owners` (the config planned).
 */
async function reviewChanges(changedFile: string, configPath: string, owners: ConfigOwners, before: ConfigOwners, plan: Plan, io: Io, redact: boolean): Promise<string> {
  const changed = (await readFile(resolve(io.cwd, changedFile), 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const root = await findRepositoryRoot(configPath);
  const repoPath = await mapRepoPaths(root, before.files.map((f) => f.file));
  return renderOwnerReview(plan, findOwnedByChange(before, changed, repoPath), owners, { redact }).markdown;
}
