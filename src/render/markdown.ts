/**
 * The pull-request comment rendering of a plan (GitHub/GitLab flavoured markdown). The first line
 * is a hidden marker so CI can update one comment in place. The output always fits `maxChars`
 * (GitHub rejects comments over 65,536 characters): a plan too long to show in full degrades to
 * one line per operation, then to counts per office and kind plus as many operations as fit, and
 * points at the full plan artifact.
 */
import { countOf } from '../plan/plural.js';
import type { Plan } from '../plan/types.js';
import {
  buildPlanView,
  type Badge,
  type OfficeGroup,
  type ManualStepRow,
  type OperationRow,
  type PlanView,
  type ViolationRow,
  formatOperationIds,
  SCHEDULED_TITLE,
  WAITING_TITLE,
} from './rows.js';

export interface MarkdownOptions {
  /** Mask every email address and phone number. */
  redact?: boolean;
  /** Hard cap on the output length in characters (default 65,536: GitHub's comment limit). */
  maxChars?: number;
  /** Where the full plan is when the comment has to be shortened, e.g. "download the `dialform-plan` artifact". */
  artifactHint?: string;
}

/**
 * First line of every rendering: marks the text as a dialform plan. CI finds its own comment by
 * the per-config line it puts above this one (action/plan-markers.mjs `markerOf`).
 */
const MARKDOWN_MARKER = '<!-- dialform-plan -->';

/**
 * The hidden line that carries the plan's fingerprint, on a line of its own at the end of every
 * rendering (however shortened), so CI can read which plan a comment showed.
 */
export function formatFingerprintMarker(fingerprint: string): string {
  return `<!-- dialform:fingerprint ${fingerprint} -->`;
}
export const DEFAULT_MAX_CHARS = 65_536;
const DEFAULT_HINT = 'run `dialform show` on the saved plan file';

const BADGE_TEXT: Record<Badge, string> = {
  irreversible: '⚠️ irreversible',
  admin: '🔑 admin',
  manual: '✋ manual',
  blocked: '⛔ blocked',
};

/** Escapes text so names and messages cannot open HTML or markdown constructs. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** An inline code span; backticks inside become `'` (values never need them). */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}

function badges(row: OperationRow): string {
  return row.badges.map((b) => ` ${BADGE_TEXT[b]}`).join('');
}

function operationLine(row: OperationRow): string {
  return `- ${code(row.marker)} **${row.id}** ${escapeMarkdown(row.headline)}${badges(row)}`;
}

function operationDetail(row: OperationRow): string[] {
  const lines = [operationLine(row)];
  for (const c of row.changes) lines.push(`  - ${code(c.field)}: ${code(c.from)} → ${code(c.to)}`);
  for (const d of row.details) lines.push(`  - ${escapeMarkdown(d)}`);
  if (row.reversibility !== undefined) lines.push(`  - ${escapeMarkdown(row.reversibility)}`);
  if (row.violationCodes.length > 0) lines.push(`  - violates ${row.violationCodes.map(code).join(', ')}`);
  lines.push(`  - source ${code(row.source)}`);
  if (!row.manual) for (const n of row.notes) lines.push(`  - _${escapeMarkdown(n)}_`);
  return lines;
}

function countKinds(rows: OperationRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  return [...counts].map(([action, n]) => `${n} ${action}`).join(', ');
}

function groupSummary(group: OfficeGroup): string {
  const flags = (['blocked', 'irreversible', 'admin', 'manual'] as const)
    .map((b) => [b, group.rows.filter((r) => r.badges.includes(b)).length] as const)
    .filter(([, n]) => n > 0)
    .map(([b, n]) => ` · ${BADGE_TEXT[b]} ${n}`)
    .join('');
  const n = group.rows.length;
  return `<b>${escapeMarkdown(group.title)}</b>: ${countOf(n, 'operation')} (${countKinds(group.rows)})${flags}`;
}

function violationLine(v: ViolationRow): string {
  const icon = v.severity === 'error' ? '⛔' : '⚠️';
  const ops = v.operationIds.length > 0 ? ` (${formatOperationIds(v.operationIds)})` : '';
  return `- ${icon} **${v.severity}** ${code(v.code)}${ops}: ${escapeMarkdown(v.message)}`;
}

function headerLines(view: PlanView): string[] {
  const state = view.blocked ? '⛔ blocked' : view.empty ? '✅ no changes' : '📝 changes to apply';
  const c = view.counts;
  return [
    MARKDOWN_MARKER,
    `### dialform plan: ${state}`,
    '',
    '| create | update | delete | move | manual | blocked |',
    '|---:|---:|---:|---:|---:|:---:|',
    `| ${c.create} | ${c.update} | ${c.delete} | ${c.move} | ${c.manual} | ${view.blocked ? '⛔ yes' : 'no'} |`,
  ];
}

function footerLines(view: PlanView): string[] {
  const lines = [`**${view.empty ? view.noChanges : view.totals}**`];
  if (view.unmanagedLine !== undefined) lines.push('', escapeMarkdown(view.unmanagedLine));
  if (view.blockedLine !== undefined) lines.push('', `⛔ ${view.blockedLine}`);
  lines.push('', ...fingerprintLines(view));
  return lines;
}

function fingerprintLines(view: PlanView): string[] {
  return [`${view.fingerprintLine.replace(view.fingerprint, code(view.fingerprint))}`, formatFingerprintMarker(view.fingerprint)];
}

function manualLine(step: ManualStepRow): string {
  return `- ✋ **${step.ids.join(', ')}** ${escapeMarkdown(step.headline)}`;
}

function poolLines(view: PlanView): string[] {
  return view.pool.map((p) => `| ${code(p.number)} | ${p.movement} | ${p.user === undefined ? '' : code(p.user)} | ${p.office === undefined ? '' : code(p.office)} | ${p.operationId} |`);
}

/** `waiting_for_provisioning`: a heading and one bullet per user (not operations). */
function waitingLines(view: PlanView): string[] {
  return [`#### ${escapeMarkdown(WAITING_TITLE.replace(/:$/, ''))}`, '', ...view.waiting.map((w) => `- ⏳ ${code(w.email)} (${code(w.source)})`)];
}

function unverifiableLines(view: PlanView): string[] {
  return view.unverifiable.map((u) => `| ${code(u.email)} | ${u.attribute} | ${code(u.value)} | ${code(u.source)} |`);
}

const POOL_HEAD = ['#### Reserved pool', '', '| number | movement | user | office | op |', '|---|---|---|---|---|'];
const UNVERIFIABLE_HEAD = [
  '#### Not verifiable through the API',
  '',
  'Declared in config and used by the rules, but Dialpad does not show them: check them by hand.',
  '',
  '| user | attribute | declared | source |',
  '|---|---|---|---|',
];
const MANUAL_HEAD = ['#### ✋ Manual steps', '', 'Apply stops at each of these and waits until it is done in Dialpad.', ''];

type Detail = 'full' | 'lines';

/** The complete rendering at a level of detail (no budget). */
function renderWhole(view: PlanView, detail: Detail, notice: string[]): string[] {
  const out = [...headerLines(view), ...notice];
  if (view.violations.length > 0) out.push('', '#### Violations', '', ...view.violations.map(violationLine));
  if (!view.empty) {
    out.push('', '#### Operations', '', '_Grouped by office; `op-N` is the execution order._');
    for (const group of view.groups) {
      const rows = group.rows.flatMap((r) => (detail === 'full' ? operationDetail(r) : [operationLine(r)]));
      out.push('', `<details><summary>${groupSummary(group)}</summary>`, '', ...rows, '', '</details>');
    }
  }
  if (view.manual.length > 0) {
    out.push('', ...MANUAL_HEAD);
    for (const step of view.manual) {
      out.push(manualLine(step));
      for (const item of step.items) out.push(`  - ${escapeMarkdown(item)}`);
      if (detail === 'full') for (const n of step.notes) out.push(`  - ${escapeMarkdown(n)}`);
    }
  }
  if (view.pool.length > 0) out.push('', ...POOL_HEAD, ...poolLines(view));
  if (view.scheduled.length > 0) out.push('', `#### ${escapeMarkdown(SCHEDULED_TITLE.replace(/:$/, ''))}`, '', ...view.scheduled.map((l) => `- ⏱ ${escapeMarkdown(l)}`));
  if (view.waiting.length > 0) out.push('', ...waitingLines(view));
  if (view.unverifiable.length > 0) out.push('', ...UNVERIFIABLE_HEAD, ...unverifiableLines(view));
  out.push('', ...footerLines(view));
  return out;
}

/** Lines added while they fit; the rest are counted in a closing line. */
class Budget {
  constructor(private left: number) {}

  /** Appends `line` when it fits; false when it does not. */
  take(out: string[], line: string): boolean {
    const cost = line.length + 1;
    if (cost > this.left) return false;
    out.push(line);
    this.left -= cost;
    return true;
  }

  /** Appends as many of `items` as fit, keeping room for the `more` line. */
  takeAll(out: string[], items: string[], more: (n: number) => string): void {
    const reserve = more(items.length).length + 1;
    this.left -= reserve;
    let i = 0;
    while (i < items.length && this.take(out, items[i]!)) i += 1;
    this.left += reserve;
    if (i < items.length) this.take(out, more(items.length - i));
  }
}

/** Counts per office and kind, violations, then as many one-line operations as fit. */
function renderCondensed(view: PlanView, maxChars: number, notice: string[]): string[] {
  const head = [...headerLines(view), ...notice];
  const foot = ['', ...footerLines(view)];
  const size = (lines: string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);
  const budget = new Budget(maxChars - size(head) - size(foot) - 1);
  const out = [...head];
  if (view.violations.length > 0) {
    budget.takeAll(out, ['', '#### Violations', '', ...view.violations.map(violationLine)], (n) => `- … ${n} more violations not shown`);
  }
  if (!view.empty) {
    const table = view.groups.map((g) => `| ${escapeMarkdown(g.title)} | ${g.rows.length} | ${countKinds(g.rows)} |`);
    budget.takeAll(
      out,
      ['', '#### Operations by office', '', '| office | operations | by kind |', '|---|---:|---|', ...table],
      (n) => `| … ${n} more offices | | |`,
    );
  }
  if (view.manual.length > 0) {
    budget.takeAll(out, ['', ...MANUAL_HEAD, ...view.manual.map(manualLine)], (n) => `- … ${n} more manual steps not shown`);
  }
  if (view.pool.length > 0) budget.take(out, `\n_Reserved pool: ${view.pool.length} movements (not shown)._`);
  if (view.scheduled.length > 0) budget.take(out, `\n_Scheduled: ${view.scheduled.length} dated changes (not shown)._`);
  if (view.waiting.length > 0) budget.take(out, `\n_Waiting for provisioning by the identity provider: ${view.waiting.length} users (not shown)._`);
  if (view.unverifiable.length > 0) {
    budget.take(out, `\n_Not verifiable through the API: ${view.unverifiable.length} declarations (not shown)._`);
  }
  if (!view.empty) {
    budget.takeAll(
      out,
      ['', '#### Operations', '', '_`op-N` is the execution order._', '', ...view.operations.map(operationLine)],
      (n) => `- … ${n} more operations not shown`,
    );
  }
  return [...out, ...foot];
}

/** Last resort for a cap too small for any structure: cut, and say so (the fingerprint lines are kept). */
function cut(text: string, maxChars: number, hint: string, view: PlanView): string {
  const tail = `\n\n_Truncated: ${hint}._\n\n${fingerprintLines(view).join('\n')}\n`;
  return text.slice(0, Math.max(0, maxChars - tail.length)) + tail;
}

/** Renders `plan` as a pull-request comment no longer than `maxChars`. Output ends with a newline. */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const hint = options.artifactHint ?? DEFAULT_HINT;
  const view = buildPlanView(plan, { redact: options.redact ?? false });
  const join = (lines: string[]): string => `${lines.join('\n')}\n`;

  const full = join(renderWhole(view, 'full', []));
  if (full.length <= maxChars) return full;
  const notice = ['', `> [!NOTE]`, `> This plan is too long to show in full here: ${hint}.`];
  const lines = join(renderWhole(view, 'lines', notice));
  if (lines.length <= maxChars) return lines;
  const condensed = join(renderCondensed(view, maxChars, notice));
  return condensed.length <= maxChars ? condensed : cut(condensed, maxChars, hint, view);
}
