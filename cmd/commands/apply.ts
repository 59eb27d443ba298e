import { resolve } from 'node:path';
import { lockJournal, type ApplyLock } from '../../src/apply/apply-lock.js';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { reportSurprise } from './apply-surprise.js';
import { checkConfigOrder, configCommit, recordAppliedConfig, type ConfigCommit, type ConfigOrder } from '../../src/apply/applied-config.js';
import { checkSavedPlan, type Drift, type Freshness } from '../../src/apply/check-freshness.js';
import { identifyPlan, openJournal, type Journal } from '../../src/apply/journal.js';
import type { ApplyReport } from '../../src/apply/types.js';
import { verifyApplied, type Verification } from '../../src/apply/verify-applied.js';
import { digestConfig, loadConfigBeside, loadOptionalConfig, resolveConfigPath } from '../../src/config/index.js';
import { createApplyApi } from '../../src/dialpad/apply-api.js';
import { fetchLive, READ_PHASE_ONE, READ_PHASE_ONE_AND_ROOMS } from '../../src/dialpad/index.js';
import { DialformError, UsageError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import { checkDialpadClock, describeClockSkew } from '../../src/model/dialpad-clock.js';
import { planFromRead, readForPlan } from '../../src/plan-against-live.js';
import { readPlanFile, writePlanFile } from '../../src/plan/plan-file.js';
import { FINGERPRINT_PATTERN, fingerprintPlan } from '../../src/plan/fingerprint.js';
import { checkReviewed, type ReviewCheck } from '../../src/apply/check-reviewed.js';
import type { Operation, Plan } from '../../src/plan/types.js';
import type { DesiredState } from '../../src/model/tenant.js';
import { paint, type Io } from '../io.js';
import { openTargetBeside, rehearsalOf, type ConnectionOptions, type Target } from '../target.js';
import { renderPlan } from './render-plan.js';
import { observed } from '../observed.js';
import { describeInterrupt, printReport, progress } from './apply-report.js';
import { readConfirmed } from '../../src/config/confirmed-record.js';
import { sanitizeForTerminal } from '../../src/render/terminal-safe.js';
import { describeByStructure, describeDifferences } from '../../src/render/describe-operation.js';
import { redactOutput } from './apply-redact.js';

export interface ApplyCommandOptions extends ConnectionOptions {
  config?: string;
  autoApprove?: boolean;
  allowOlderConfig?: boolean;
  /** `sha256:…`: apply only the plan with this fingerprint (the reviewed one). */
  expectFingerprint?: string;
  /** With `expectFingerprint`: where to write the fresh plan when it is not the reviewed one. */
  out?: string;
  journal: string;
  color: boolean;
  /** `json`: what is printed goes to stderr, and stdout gets one document, the outcome or the error. */
  format?: 'text' | 'json';
  /** Mask emails, numbers, names and addresses in what apply prints, as `plan --redact` (`redactOutput`). */
  redact?: boolean;
}

/**
 * `dialform apply [FILE]`: plans (or reads a saved plan), shows it, confirms, executes in order
 * and verifies with a fresh plan. Exit 0 done, 1 error or refused, 3 blocked, 4 stopped part way
 * or waiting for a manual step (rerun to continue). Under `--format json`, stdout gets only
 * `renderApplyOutcome`'s document (or, when apply fails, `cmd/program.ts` prints the error's).
 */
export async function runApply(file: string | undefined, opts: ApplyCommandOptions, io: Io): Promise<number> {
  if (opts.format !== 'json') return applyAndReport(file, opts, io, () => {});
  let report: ApplyReport | undefined;
  let surpriseReport: string | undefined;
  // What apply prints goes to stderr, uncoloured (`io.color` is stdout's).
  const code = await applyAndReport(file, opts, { ...io, out: io.err, color: false }, (r, path) => {
    report = r;
    surpriseReport = path;
  });
  io.out(renderApplyOutcome(report, surpriseReport));
  return code;
}

async function applyAndReport(file: string | undefined, opts: ApplyCommandOptions, plainIo: Io, onReport: (report: ApplyReport, surpriseReport?: string) => void): Promise<number> {
  const redaction = redactOutput(plainIo, opts.redact === true);
  try {
    return await applyRedacted(file, opts, redaction, onReport);
  } catch (error) {
    throw redaction.mask(error);
  }
}

async function applyRedacted(file: string | undefined, opts: ApplyCommandOptions, redaction: ReturnType<typeof redactOutput>, onReport: (report: ApplyReport, surpriseReport?: string) => void): Promise<number> {
  const io = redaction.io;
  const redact = opts.redact === true;
  const color = opts.color && io.color;
  checkReviewOptions(opts);
  const loadingConfig = startLoadingDesired(file, opts, io);
  const loading = observed(loadingConfig.then((c) => c.desired));
  const target = await openTargetBeside(opts, io, loading);
  let lock: ApplyLock | undefined;
  try {
    const journalPath = resolve(io.cwd, opts.journal);
    const journal = openJournal(journalPath);
    // An unusable journal is refused before anything is read or written, not after the first write.
    await journal.prepare();
    // One apply at a time per journal, from before the plan's read to after the verification, so a
    // second run plans against what the first did rather than beside it.
    lock = await lockJournal(journalPath);
    // Without a saved plan, phase 1 of the read runs beside the config load (`readForPlan`).
    const reading = file ? undefined : observed(fetchLive(target.client, readForPlan(observed(loading.then((d) => d ?? needConfig())))));
    const { desired, path } = await loadingConfig;
    const commit = desired && path ? await configCommit(path, desired.files) : undefined;
    const confirmed = path ? (await readConfirmed(path)).grants : undefined;
    const pendingRestores = await journal.pendingRestores();
    const unfinishedMoves = await journal.unfinishedMoves();
    reportConfigOrder(await checkConfigOrder({ journal, commit, allowOlder: opts.allowOlderConfig }), io);
    let plan: Plan;
    /**
     * What is shown, reported and executed: a saved plan's operations with every text from the
     * fresh plan it was checked against (`showSavedPlan`); its journal id stays the file's (`plan`).
     */
    let shown: Plan;
    /** The config's plan against Dialpad now (absent for a saved plan without a config). */
    let fresh: Plan | undefined;
    if (file) {
      plan = await readPlanFile(resolve(io.cwd, file));
      const checked = await checkSavedPlan({ plan, journal, client: target.client, desired, confirmed, pendingRestores, ...rehearsalOf(target, opts.config) });
      fresh = checked.fresh;
      redaction.use(checked.shown, fresh);
      if (checked.freshness.status !== 'fresh') await saveUnreviewed(fresh, opts, io);
      reportFreshness(checked.freshness, io);
      shown = checked.shown;
    } else {
      if (!desired || !reading) return needConfig();
      const read = await reading;
      const now = new Date();
      const skew = checkDialpadClock(desired, read, now);
      if (skew !== undefined) io.err(describeClockSkew(skew));
      plan = planFromRead({ desired, read, confirmed, pendingRestores, unfinishedMoves, now, ...rehearsalOf(target, opts.config) });
      redaction.use(plan);
      shown = plan;
      fresh = plan;
    }
    if (opts.expectFingerprint !== undefined) {
      const review = await checkReviewed(shown, opts.expectFingerprint, journal);
      if (review.status === 'changed') {
        await saveUnreviewed(fresh, opts, io);
        throw planChanged(review, opts.out !== undefined && fresh !== undefined && fingerprintPlan(fresh) !== opts.expectFingerprint);
      }
      if (review.status === 'nothing') io.err('Not the reviewed plan, but it has nothing to do: Dialpad already matches the configuration.\n');
      if (review.status === 'resumed') io.err('Finishing the reviewed plan an earlier apply started (the journal shows it); operations done before are not in it.\n');
    }

    io.out(renderPlan(shown, { format: 'text', color, redact }));
    if (shown.summary.blocked) refuseBlocked(shown);
    const noteApplied = () => noteAppliedConfig(journal, { plan, commit, desired });
    if (plan.operations.length === 0) {
      await noteApplied();
      return EXIT.ok;
    }
    await confirm(opts, io, target);

    const state = progress(io, shown);
    const stop = new AbortController();
    let interrupts = 0;
    // Ctrl-C stops apply between operations, not mid-write: the first lets what is in flight
    // finish; a second ends the process at once (exit 4), saying what is in doubt.
    const stopListening = io.onInterrupt?.(() => {
      interrupts += 1;
      io.err(describeInterrupt(interrupts, state));
      if (interrupts === 1) stop.abort();
      else io.exitNow?.(EXIT.incomplete);
    });
    let report: ApplyReport;
    try {
      report = await applyPlan(shown, {
        api: createApplyApi(target.client),
        journal,
        planId: identifyPlan(plan),
        // The journal's times are Dialpad's, as restore windows are (docs/apply.md).
        now: () => target.client.serverTime() ?? new Date(),
        confirmed,
        onEvent: (event) => state.onEvent(event),
        // A room write in doubt is looked for among the rooms, which only a plan with room operations reads.
        readLive: () => fetchLive(target.client, plan.operations.some((op) => op.target.type === 'room') ? READ_PHASE_ONE_AND_ROOMS : READ_PHASE_ONE),
        signal: stop.signal,
        ...(opts.expectFingerprint === undefined ? {} : { reviewed: opts.expectFingerprint }),
      });
    } finally {
      stopListening?.();
    }
    printReport(report, io, color);
    const surprise = report.surprise === undefined ? undefined : await reportSurprise(report.surprise, plan, io);
    if (surprise !== undefined) io.err(surprise.text);
    onReport(report, surprise?.path);
    if (report.status !== 'complete') return EXIT.incomplete;
    await noteApplied();

    if (desired) return reportVerification(await verifyApplied({ desired, confirmed, pendingRestores, client: target.client }), io, { color, redact });
    return EXIT.ok;
  } finally {
    await lock?.release();
    await target.close();
  }
}

/**
 * Starts loading the config (`observed`: a failure waits its turn): required without FILE; with
 * FILE, the given or default config when there is one (used to check a resumed plan, to explain a
 * stale one and to verify the result), else none, and `checkSavedPlan` refuses, saying why.
 */
function startLoadingDesired(file: string | undefined, opts: ApplyCommandOptions, io: Io): Promise<{ desired?: DesiredState; path?: string }> {
  const path = file === undefined ? resolveConfigPath(io.cwd, opts.config) : undefined;
  // Beside the read: a large config loads in a worker thread (`loadConfigBeside`).
  if (path !== undefined) return observed(loadConfigBeside(path).then((desired) => ({ desired, path })));
  return observed(loadOptionalConfig(io.cwd, opts.config, loadConfigBeside).then((found) => found ?? {}));
}

/** `--expect-fingerprint` must be a fingerprint; `--out` only makes sense with it. */
function checkReviewOptions(opts: ApplyCommandOptions): void {
  const expected = opts.expectFingerprint;
  if (expected !== undefined && !FINGERPRINT_PATTERN.test(expected)) {
    throw new UsageError(`--expect-fingerprint must be sha256: and 64 lowercase hex digits, as plans print it (got ${JSON.stringify(sanitizeForTerminal(expected))})`);
  }
  if (opts.out !== undefined && expected === undefined) {
    throw new UsageError('apply --out writes the fresh plan when it is not the reviewed one: it needs --expect-fingerprint');
  }
}

/** With `--expect-fingerprint` and `--out`: writes the fresh plan when it is not the reviewed one, so CI can post it for review. */
async function saveUnreviewed(fresh: Plan | undefined, opts: ApplyCommandOptions, io: Io): Promise<void> {
  if (opts.out === undefined || fresh === undefined || fingerprintPlan(fresh) === opts.expectFingerprint) return;
  await writePlanFile(resolve(io.cwd, opts.out), fresh);
}

/** The refusal of a plan that is not the reviewed one: both fingerprints, and the operations no review covered. */
function planChanged(review: Extract<ReviewCheck, { status: 'changed' }>, saved: boolean): DialformError {
  const name = (op: Operation) => `  ${op.kind} ${sanitizeForTerminal(op.summary)}`;
  const what =
    review.unreviewed.length === 0
      ? ['It has no operations: what the reviewed plan asked for is done or no longer needed.']
      : review.reviewedStarted
        ? ['Operations in it that are not among what is left of the reviewed plan (an apply of which started):', ...review.unreviewed.map(name)]
        : ['The plan now (its operations, none of them reviewed):', ...review.unreviewed.map(name)];
  return new DialformError(
    'plan_changed',
    [
      `Refusing to apply: the plan is not the reviewed one (expected fingerprint ${review.expected}, the plan now has ${review.actual}).`,
      ...what,
      `Nothing was applied.${saved ? ' The plan now is written to --out for review.' : ''} Review the new plan and apply it with its fingerprint.`,
    ].join('\n'),
  );
}

function needConfig(): never {
  throw new UsageError('apply needs a config (-c) or a saved plan FILE');
}

/** Records the config of a complete apply (its commit, when known) so an older one can be refused later. */
async function noteAppliedConfig(journal: Journal, done: { plan: Plan; commit: ConfigCommit | undefined; desired: DesiredState | undefined }): Promise<void> {
  if (!done.desired) return;
  await recordAppliedConfig(journal, { plan: identifyPlan(done.plan), commit: done.commit, configDigest: digestConfig(done.desired) });
}

/** Refuses a config older than the one last applied (unless allowed, then says so); otherwise silent. */
function reportConfigOrder(order: ConfigOrder, io: Io): void {
  if (order.status === 'not_older') return;
  const short = (sha: string) => sha.slice(0, 12);
  const what = `this config (commit ${short(order.commit)}) is older than the one last applied (commit ${short(order.applied.commit)}, at ${sanitizeForTerminal(order.applied.at)})`;
  if (order.allowed) {
    io.err(`Applying deliberately (--allow-older-config): ${what}.\n`);
    return;
  }
  throw new DialformError(
    'config_older_than_applied',
    `Refusing to apply: ${what}; apply the newer commit, or pass --allow-older-config to apply it deliberately. Nothing was applied.`,
  );
}

/** Returns when the changes may be applied; a refusal is `apply_cancelled`. */
async function confirm(opts: ApplyCommandOptions, io: Io, target: Target): Promise<void> {
  if (opts.autoApprove) return;
  if (!io.interactive) {
    throw new UsageError('apply is not running on a terminal, so it cannot ask for confirmation: pass --auto-approve');
  }
  const yes = await io.confirm(`Apply these changes to ${target.label}? Only 'yes' is accepted:`);
  if (!yes) throw new DialformError('apply_cancelled', 'Apply cancelled; nothing was changed.');
}

/** A blocked plan is shown (with its violations) and refused; the error names them for a script. */
function refuseBlocked(plan: Plan): never {
  throw new DialformError(
    'plan_blocked',
    [
      'Refusing to apply: the plan is blocked by a rule:',
      ...plan.violations.filter((v) => v.severity === 'error').map((v) => `  ${v.code}: ${v.message}`),
      'Nothing was applied. Fix the violations and plan again.',
    ].join('\n'),
  );
}

/**
 * `apply --format json`'s document when apply ran to its end: `status` is `no_changes` (nothing to
 * do) or the report's `complete`, `waiting`, `failed` or `interrupted`, and each operation run or skipped gives its
 * `id`, `kind` and outcome `status` (no summaries: they name people). A `complete` apply that
 * exits 4 ran everything while Dialpad still differs.
 */
export function renderApplyOutcome(report: ApplyReport | undefined, surpriseReport?: string): string {
  const operations = (report?.results ?? []).map((r) => ({ id: r.id, kind: r.kind, status: r.outcome.status }));
  const s = report?.surprise;
  // The fidelity report's path and what differs; its message names users, so it stays in the report.
  const surprise = s === undefined ? {} : { surprise: { operation: s.operation.id, field: s.field, report: surpriseReport } };
  return `${JSON.stringify({ apply: { status: report?.status ?? 'no_changes', operations, ...surprise } }, null, 2)}\n`;
}

/**
 * Says what `checkFreshness` decided: a resumed plan is announced; any other verdict is a
 * refusal (thrown) naming the check that failed and what it found.
 */
function reportFreshness(freshness: Freshness, io: Io): void {
  const advice = 'Run `dialform plan --out FILE` again, review it, and apply the new plan.';
  const nothing = `Nothing ${freshness.done === 0 ? '' : 'more '}was applied.`;
  switch (freshness.status) {
    case 'fresh':
      if (freshness.done > 0) io.err('Resuming a plan this journal has already started; operations done before are skipped.\n');
      return;
    case 'uncheckable': {
      const lines =
        freshness.reason === 'no_config'
          ? ['Refusing a saved plan without the config it was made from (pass it with -c): a plan file alone cannot be trusted,', 'since apply checks that its operations are what that config asks for against Dialpad now.']
          : ['Refusing a saved plan with a config other than the one it was made from (the config digest differs):', 'apply only carries out what the reviewed config asks for. Pass that config with -c.'];
      if (freshness.done > 0) lines.push(`The plan was started before (${freshness.done} operation(s) done).`);
      throw new DialformError(freshness.reason === 'no_config' ? 'plan_config_missing' : 'plan_config_mismatch', [...lines, `${nothing} ${advice}`].join('\n'));
    }
    case 'stale': {
      const lines =
        freshness.done === 0
          ? [`Dialpad changed since this plan was made (live state ${freshness.savedDigest} → ${freshness.liveDigest}).`]
          : [`Dialpad changed since this plan was started, beyond what its ${freshness.done} done operation(s) did.`];
      throw new DialformError('plan_stale', [...lines, ...describeDrift(freshness.drift), `${nothing} ${advice}`].join('\n'));
    }
    case 'altered':
      throw new DialformError(
        'plan_untrusted',
        [
          "Refusing the saved plan: Dialpad is as it was planned against, but the plan's operations are not what its config asks for (was the file edited?).",
          ...describeDrift(freshness.drift),
          `${nothing} ${advice}`,
        ].join('\n'),
      );
    case 'blocked':
      throw new DialformError(
        'plan_blocked',
        [
          'Refusing the saved plan: planned again against Dialpad now, its config is blocked by a rule (whatever the plan file says):',
          ...freshness.violations.map((v) => `  ${v.code}: ${v.message}`),
          `${nothing} Fix the violations and plan again.`,
        ].join('\n'),
      );
    case 'mismatched':
      throw new DialformError(
        'plan_untrusted',
        [
          'Refusing the saved plan: an operation refers by id to another object than the one it names (was the file edited?):',
          ...freshness.mismatches.map((m) => `  ${m.operation.id} ${m.operation.kind} ${m.at}: names ${m.names}, but ${m.found}`),
          `${nothing} ${advice}`,
        ].join('\n'),
      );
    default: {
      const _never: never = freshness;
      return _never;
    }
  }
}

/**
 * Drift as lines. An operation of the fresh plan is named by its kind and summary; one of the
 * saved plan by what it does (`describeByStructure`), never by its texts, which the file may have
 * changed; a changed operation names each value that differs, planned and now.
 */
function describeDrift(drift: Drift): string[] {
  const fresh = (op: Operation) => `${op.kind} ${sanitizeForTerminal(op.summary)}`;
  const saved = (op: Operation) => sanitizeForTerminal(describeByStructure(op));
  if (drift.added.length + drift.gone.length + drift.changed.length + drift.impossible.length + drift.reordered.length === 0) {
    return ['The same operations are still needed, against different live data.'];
  }
  const differences = (pair: Drift['changed'][number]) => describeDifferences(pair.saved, pair.fresh).map((d) => sanitizeForTerminal(d)).join('; ');
  return [
    ...drift.impossible.map((op) => `  no longer possible: ${saved(op)} (the restore window passed: the account can no longer be restored)`),
    ...drift.gone.map((op) => `  no longer needed: ${saved(op)}`),
    ...drift.changed.map((pair) => `  now different:    ${fresh(pair.fresh)} (${differences(pair)})`),
    ...drift.added.map((op) => `  now also needed:  ${fresh(op)}`),
    ...drift.reordered.map((r) =>
      r.reason === 'order'
        ? `  now in another order: ${fresh(r.fresh)} (the saved plan runs it, as ${r.saved.id}, after operations that must follow it)`
        : `  now in another order: ${fresh(r.fresh)} (the saved plan has ${r.saved.id} wait for other operations than it must)`,
    ),
  ];
}

/**
 * Says whether Dialpad matched the config after a complete apply: exit 0 if so, else 4 (every
 * operation ran, but Dialpad still differs, e.g. it assigned something of its own: rerun to continue).
 */
export function reportVerification(verification: Verification, io: Io, show: { color: boolean; redact?: boolean }): number {
  if (verification.status === 'converged') {
    io.err(paint(io, 'green', 'Verified: Dialpad now matches the configuration.\n'));
    return EXIT.ok;
  }
  const count = verification.remaining.length;
  io.err(paint(io, 'red', `Apply finished, but Dialpad still differs from the configuration in ${count} way(s); run apply again to continue:\n`));
  io.out(renderPlan(verification.plan, { format: 'text', ...show }));
  return EXIT.incomplete;
}
