/** apply's progress lines and final report (cmd: the only place that prints). */
import type { ApplyEvent, ApplyReport, OperationResult } from '../../src/apply/types.js';
import type { Plan } from '../../src/plan/types.js';
import { sanitizeForTerminal } from '../../src/render/terminal-safe.js';
import { paint, type Io } from '../io.js';

export function progress(io: Io, plan: Plan): (event: ApplyEvent) => void {
  const width = String(plan.operations.length).length;
  return (event) => {
    const counter = `[${String(event.index + 1).padStart(width)}/${event.total}]`;
    if (event.type === 'start') {
      if (io.errIsTty) io.err(`\r\x1b[K${counter} ${event.id} ${sanitizeForTerminal(event.summary)}`);
      return;
    }
    if (io.errIsTty) io.err('\r\x1b[K');
    io.err(`${counter} ${describe(event.result)}\n`);
  };
}

/** How a waiting step gets done: verified by apply's next read, or confirmed by an operator. */
function waitsFor(result: OperationResult): string {
  const step = result.step;
  if (step?.verified_by === 'operator') return `waiting for an operator to confirm it (dialform confirm ${step.id})`;
  return 'waiting for a manual step (apply verifies it in Dialpad on its next run)';
}

/** One progress line; the summary and any error can hold live names or Dialpad's text, so both are sanitized. */
function describe(result: OperationResult): string {
  const { outcome } = result;
  const head = `${result.id} ${sanitizeForTerminal(result.summary)}`;
  switch (outcome.status) {
    case 'done':
      return `${head}: ${result.step === undefined ? 'done' : result.step.verified_by === 'api' ? 'done (verified in Dialpad)' : 'done (confirmed)'}`;
    case 'already_done':
      return `${head}: already done (journal)`;
    case 'waiting':
      return `${head}: ${waitsFor(result)}`;
    case 'failed':
      return `${head}: FAILED: ${sanitizeForTerminal(outcome.error)}`;
    case 'not_run':
      return `${head}: not run (${sanitizeForTerminal(outcome.reason)})`;
    default: {
      const _never: never = outcome;
      return _never;
    }
  }
}

/**
 * The waiting manual steps, one block per step: a bulk step (several users' analytics or proxy
 * changes) is listed once, with its users, as the help article's checkbox action does it.
 */
function describeWaitingSteps(report: ApplyReport): string[] {
  const steps = new Map<string, { results: OperationResult[]; instructions: string }>();
  for (const result of report.results) {
    if (result.outcome.status !== 'waiting') continue;
    const key = result.step?.id ?? result.id;
    const entry = steps.get(key) ?? { results: [], instructions: result.outcome.instructions };
    entry.results.push(result);
    steps.set(key, entry);
  }
  const lines: string[] = [];
  for (const [key, { results, instructions }] of steps) {
    const first = results[0] as OperationResult;
    const ids = results.map((r) => r.id).join(', ');
    if (first.step?.verified_by === 'operator') {
      lines.push(`Manual step ${key} (${ids}; apply waits until it is confirmed), for ${results.length} user(s):`);
      for (const r of results) lines.push(`  - ${sanitizeForTerminal(r.summary)}`);
      // The first instruction line repeats the summary of the first user; the rest apply to all.
      lines.push(...instructions.split('\n').slice(1).map((l) => `  ${sanitizeForTerminal(l)}`));
    } else {
      lines.push(`Manual step ${ids} (apply waits for it):`, ...instructions.split('\n').map((l) => `  ${sanitizeForTerminal(l)}`));
    }
  }
  return lines;
}

export function printReport(report: ApplyReport, io: Io, color: boolean): void {
  const count = (status: string) => report.results.filter((r) => r.outcome.status === status).length;
  const lines = describeWaitingSteps(report);
  const done = count('done') + count('already_done');
  const summary = `Apply ${report.status}: ${done} done, ${count('failed')} failed, ${count('waiting')} waiting, ${count('not_run')} not run.`;
  lines.push(summary);
  if (report.status === 'failed') {
    const failed = report.results.find((r) => r.outcome.status === 'failed');
    lines.push(`Stopped at ${failed?.id}. Succeeded: ${listIds(report, ['done', 'already_done'])}. Not run: ${listIds(report, ['not_run'])}.`);
    lines.push(
      report.surprise === undefined
        ? 'Fix the cause and run apply again: what is done is not repeated.'
        : 'Dialpad did something the plan did not predict (below): run apply again to plan from what it did.',
    );
  } else if (report.status === 'waiting') {
    lines.push('Do the manual steps above (and confirm those no API shows), then run apply again to continue.');
  }
  const text = `${lines.join('\n')}\n`;
  io.out(color ? paint(io, report.status === 'complete' ? 'green' : 'yellow', text) : text);
}

function listIds(report: ApplyReport, statuses: string[]): string {
  const ids = report.results.filter((r) => statuses.includes(r.outcome.status)).map((r) => r.id);
  return ids.length ? ids.join(', ') : 'none';
}
