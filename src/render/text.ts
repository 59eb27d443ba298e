/**
 * The terminal rendering of a plan: violations first, then operations grouped by office (each
 * shown with its execution-order id `op-N`), manual steps, the reserved pool, what the API cannot
 * verify, and the totals line. Pure; colour only when asked (the caller decides from the stream).
 */
import { styleText } from 'node:util';
import type { Plan } from '../plan/types.js';
import { buildPlanView, formatOperationIds, type Marker, type OperationRow, type PlanView, SCHEDULED_TITLE, WAITING_TITLE } from './rows.js';

export interface TextOptions {
  /** ANSI colour via `util.styleText`; the caller decides (TTY, NO_COLOR). */
  color: boolean;
  /** Mask every email address and phone number. */
  redact?: boolean;
}

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;

const MARKER_STYLE: Record<Marker, Style> = { '+': 'green', '~': 'yellow', '-': 'red', '!': 'cyan' };

function renderOperation(row: OperationRow, paint: Paint, withNotes: boolean): string[] {
  const marker = paint(MARKER_STYLE[row.marker], row.marker);
  const lines = [`  ${marker} ${row.id}  ${row.headline}`];
  const indent = '        ';
  for (const c of row.changes) lines.push(`${indent}${c.field}: ${c.from} → ${c.to}`);
  for (const d of row.details) lines.push(`${indent}${d}`);
  if (row.reversibility !== undefined) {
    lines.push(`${indent}${paint(row.reversibility === 'irreversible' ? 'red' : 'yellow', row.reversibility)}`);
  }
  if (row.waitLine !== undefined) lines.push(`${indent}${paint('cyan', row.waitLine)}`);
  if (row.violationCodes.length > 0) lines.push(`${indent}${paint('red', `violates: ${row.violationCodes.join(', ')}`)}`);
  lines.push(`${indent}source: ${row.source}`);
  if (withNotes) for (const n of row.notes) lines.push(`${indent}  ${n}`);
  return lines;
}

function renderSections(view: PlanView, paint: Paint): string[][] {
  const sections: string[][] = [];
  const header = (text: string): string => paint('bold', text);
  const errors = view.violations.filter((v) => v.severity === 'error');
  const warnings = view.violations.filter((v) => v.severity === 'warning');
  for (const [title, list, style] of [
    ['Errors', errors, 'red'],
    ['Warnings', warnings, 'yellow'],
  ] as const) {
    if (list.length === 0) continue;
    const lines = [header(`${title} (${list.length}):`)];
    for (const v of list) {
      const ops = v.operationIds.length > 0 ? ` [${formatOperationIds(v.operationIds)}]` : '';
      lines.push(`  ${paint(style, `${v.severity} ${v.code}`)}${ops}`);
      for (const l of v.message.split('\n')) lines.push(`      ${l}`);
    }
    sections.push(lines);
  }
  if (!view.empty) {
    const lines = [header('Operations (by office; op-N is the execution order):')];
    for (const group of view.groups) {
      lines.push('', header(`${group.title}`));
      for (const row of group.rows) lines.push(...renderOperation(row, paint, !row.manual));
    }
    sections.push(lines);
  }
  if (view.manual.length > 0) {
    const lines = [
      header(`Manual steps (${view.manual.length}): apply stops at each and waits until it is done in Dialpad:`),
    ];
    for (const step of view.manual) {
      lines.push(`  ${paint('cyan', '!')} ${step.ids.join(', ')}  ${step.headline}`);
      for (const item of step.items) lines.push(`        - ${item}`);
      for (const n of step.notes) lines.push(`        ${n}`);
    }
    sections.push(lines);
  }
  if (view.pool.length > 0) {
    const lines = [header('Reserved pool:')];
    for (const p of view.pool) {
      const who = [p.user, p.office].filter((x) => x !== undefined).join(', ');
      lines.push(`  ${p.number} ${p.movement}${who === '' ? '' : ` (${who})`} [${p.operationId}]`);
    }
    sections.push(lines);
  }
  if (view.scheduled.length > 0) sections.push([header(SCHEDULED_TITLE), ...view.scheduled.map((line) => `  ${paint('cyan', '⏱')} ${line}`)]);
  if (view.waiting.length > 0) {
    sections.push([header(WAITING_TITLE), ...view.waiting.map((w) => `  ${paint('cyan', '…')} ${w.email}  (${w.source})`)]);
  }
  if (view.unverifiable.length > 0) {
    const lines = [header('Not verifiable through the API (declared in config, not checked):')];
    for (const u of view.unverifiable) lines.push(`  ${u.email}: ${u.attribute} = ${u.value}  (${u.source})`);
    sections.push(lines);
  }
  return sections;
}

/** Renders `plan` for a terminal. Output ends with a newline. */
export function renderText(plan: Plan, options: TextOptions): string {
  const paint: Paint = options.color ? (style, text) => styleText(style, text, { validateStream: false }) : (_s, t) => t;
  const view = buildPlanView(plan, { redact: options.redact ?? false });
  const sections = renderSections(view, paint);
  const closing = [view.empty ? view.noChanges : paint('bold', view.totals)];
  if (view.unmanagedLine !== undefined) closing.push(view.unmanagedLine);
  if (view.blockedLine !== undefined) closing.push(paint('red', view.blockedLine));
  closing.push(view.fingerprintLine);
  sections.push(closing);
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}
