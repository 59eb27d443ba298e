/** apply's progress lines and final report (cmd: the only place that prints). */
import type { ApplyEvent, ApplyReport, OperationResult } from '../../src/apply/types.js';
import type { Plan } from '../../src/plan/types.js';
import { sanitizeForTerminal } from '../../src/render/terminal-safe.js';
import { paint, type Io } from '../io.js';

/** apply's progress as it prints it, and what it knows of the run so far (for an interrupt). */
export interface Progress {
  onEvent(event: ApplyEvent): void;
  /** Operations started whose result is not known yet: in doubt if the process ends now. */
  inFlight(): Array<{ id: string; summary: string }>;
  /** Ids of the operations done (or found done) so far. */
  done(): string[];
}

export function progress(io: Io, plan: Plan): Progress {
  const width = String(plan.operations.length).length;
  const started = new Map<string, string>();
  const done: string[] = [];
  return {
    onEvent(event) {
      const counter = `[${String(event.index + 1).padStart(width)}/${event.total}]`;
      if (event.type === 'start') {
        started.set(event.id, event.summary);
        if (io.errIsTty) io.err(`\r\x1b[K${counter} ${event.id} ${sanitizeForTerminal(event.summary)}`);
        return;
      }
      started.delete(event.result.id);
      if (event.result.outcome.status === 'done' || event.result.outcome.status === 'already_done') done.push(event.result.id);
      if (io.errIsTty) io.err('\r\x1b[K');
      io.err(`${counter} ${describe(event.result)}\n`);
    },
    inFlight: () => [...started].map(([id, summary]) => ({ id, summary })),
    done: () => [...done],
  };
}

/**
 * What apply says on an interrupt (Ctrl-C): on the first, that it starts nothing more and lets
 * what is in flight finish; on a second, what is done and what is in doubt (started, outcome
 * unknown: the next apply looks each up in Dialpad before sending it again), before it ends at once.
 */
export function describeInterrupt(count: number, state: Progress): string {
  const inFlight = state.inFlight();
  if (count === 1) {
    const waiting = inFlight.length === 0 ? 'none is in flight' : `waits for the ${inFlight.length} in flight to finish (interrupt again to stop at once, leaving them in doubt)`;
    return `\nInterrupted: apply starts no further operation; ${waiting}.\n`;
  }
  const lines = [
    '\nInterrupted again: stopping now.',
    `Done: ${state.done().join(', ') || 'none'}.`,
    inFlight.length === 0
      ? 'In doubt: none.'
      : `In doubt (sent, outcome unknown; the next apply looks each up in Dialpad before sending it again): ${inFlight.map((op) => `${op.id} ${sanitizeForTerminal(op.summary)}`).join('; ')}.`,
    'Rerun apply to continue: what is done is not repeated.',
  ];
  return `${lines.join('\n')}\n`;
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
      return `${head}: ${outcome.inDoubt === true ? 'IN DOUBT' : 'FAILED'}: ${sanitizeForTerminal(outcome.error)}`;
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
    const inDoubt = report.results.filter((r) => r.outcome.status === 'failed' && r.outcome.inDoubt === true).map((r) => r.id);
    if (inDoubt.length > 0) {
      lines.push(
        `In doubt: ${inDoubt.join(', ')} (Dialpad's answer was lost and the read to check it failed too): the write may have landed. ` +
          'Running apply again with the same plan reads Dialpad first and sends it again only if it did not.',
      );
    }
    lines.push(
      report.surprise === undefined
        ? 'Fix the cause and run apply again: what is done is not repeated.'
        : 'Dialpad did something the plan did not predict (below): run apply again to plan from what it did.',
    );
  } else if (report.status === 'interrupted') {
    lines.push(
      `Interrupted. Done: ${listIds(report, ['done', 'already_done'])}. In doubt: none (every operation that started finished). Not run: ${listIds(report, ['not_run'])}.`,
    );
    if (count('waiting') > 0) lines.push('Do the manual steps above (and confirm those no API shows).');
    lines.push('Rerun apply to continue: what is done is not repeated.');
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
