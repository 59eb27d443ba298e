import { mapStrings } from '../render/map-strings.js';
import { randomBytes } from 'node:crypto';
import { createRedactor } from '../render/redact.js';
import type { DoctorReport } from './types.js';

/**
 * The report with every email address and phone number masked, the company's and offices' names
 * reduced to initials, and every value quoted from a record (`the string "…"` in a shape problem,
 * which may be a person's name) hidden: safe to paste into a bug report. Field names, counts,
 * ids and codes stay.
 */
export function redactReport(report: DoctorReport): DoctorReport {
  const names = [report.company?.name, ...report.offices.map((o) => o.name)].filter((n): n is string => n !== undefined && n !== '');
  // Tags only tell masked values apart within one report, so a fresh key each run will do.
  const redactText = createRedactor({ secret: randomBytes(16).toString('hex'), names });
  return mapStrings(report, (text) => redactText(text.replace(/(the string )"[^"]*"/g, '$1"•••"')));
}

export function renderDoctorJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const STATUS_LABEL = { confirmed: 'confirmed', contradicted: 'CONTRADICTED', not_shown: 'not shown' } as const;

/** The report as text for a terminal or a bug report: one section per check, findings last. */
export function renderDoctorText(report: DoctorReport): string {
  const lines: string[] = [`dialform doctor: ${report.target} (read only: ${report.requests} GET requests)`, ''];
  const row = (label: string, text: string) => lines.push(`${label.padEnd(11)}${text}`);
  row('Key', !report.key.works ? 'refused' : report.key.company_admin === true ? 'works; company admin' : report.key.company_admin === false ? 'works; NOT a company-admin key' : 'works');
  if (report.company !== undefined) row('Company', `${report.company.name ?? '(no name)'}; plan tier ${report.company.plan_tier}`);
  if (report.offices.length > 0) {
    row('Offices', String(report.offices.length));
    for (const o of report.offices) lines.push(`  ${o.id} ${o.name} (${o.country}): ${describeStates(o.users)}`);
    row('Users', `${report.users.total}: ${describeStates(report.users.by_state)}`);
  }
  if (report.plan_read !== undefined) {
    const p = report.plan_read;
    row('Plan read', `at most ${p.requests} requests: ${p.seconds} s at ${p.rate_per_second} requests/s (the users are ${p.user_pages} page(s), read one after another)`);
  }
  if (report.clock !== undefined) row('Clock', `Dialpad ${report.clock.dialpad}, here ${report.clock.local}: ${report.clock.skew_seconds} s apart`);
  const headers = Object.entries(report.rate_limit_headers);
  row('Rate limit', headers.length === 0 ? 'no rate-limit headers sent (dialform paces itself at 20 requests/s, the documented limit)' : headers.map(([n, v]) => `${n}: ${v}`).join('; '));
  if (report.shapes.length > 0) {
    lines.push('', "Responses against Dialpad's OpenAPI description:");
    for (const s of report.shapes) {
      const notes: string[] = [];
      const unknown = Object.entries(s.unknown_fields);
      if (unknown.length > 0) notes.push(`not described: ${unknown.map(([f, n]) => `${f} (${n})`).join(', ')}`);
      const missing = Object.entries(s.missing_fields);
      if (missing.length > 0) notes.push(`lacking what dialform reads: ${missing.map(([f, n]) => `${f} (${n})`).join(', ')}`);
      if (s.invalid.length > 0) notes.push(`invalid: ${s.invalid.join('; ')}`);
      lines.push(`  ${s.schema.replace(/^schemas\./, '')}: ${s.records} record(s)${notes.length === 0 ? ', as described' : `; ${notes.join('; ')}`}`);
    }
  }
  if (report.assumptions.length > 0) {
    lines.push('', 'Assumptions this read bears on (docs/fidelity.md):');
    for (const a of report.assumptions) lines.push(`  ${STATUS_LABEL[a.status].padEnd(13)}${a.id}: ${a.detail}`);
  }
  lines.push('');
  if (report.findings.length === 0) lines.push('Nothing to act on.');
  for (const f of report.findings) lines.push(`${f.severity} ${f.code}: ${f.message}`, `  → ${f.advice}`);
  const blocking = report.findings.filter((f) => f.severity === 'error').length;
  if (report.findings.length > 0) lines.push('', blocking === 0 ? 'Nothing blocks a first plan.' : `${blocking} problem(s) block a first plan.`);
  return `${lines.join('\n')}\n`;
}

function describeStates(states: Record<string, number>): string {
  const entries = Object.entries(states).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'no users' : entries.map(([state, n]) => `${n} ${state}`).join(', ');
}
