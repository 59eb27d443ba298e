import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { renderText } from '../../src/render/text.js';
import { blockedPlan, emptyPlan, fullPlan } from './plan-samples.js';

const ANSI = /\u001b\[[0-9;]*m/;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;
const E164 = /\+\d{7,15}/;

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

describe('renderText', () => {
  it('prints the no-changes line for an empty plan', () => {
    expect(renderText(emptyPlan(), { color: false })).toBe('No changes. Dialpad matches the configuration.\n');
  });

  it('ends with the totals line, keeping create/update/delete and adding move and manual when non-zero', () => {
    const out = lines(renderText(fullPlan(), { color: false }));
    expect(out.at(-1)).toBe('Plan: 2 to create, 5 to update, 2 to delete, 1 to move, 6 manual');
  });

  it('keeps zero create/update/delete counts and omits zero move/manual', () => {
    const plan = fullPlan();
    const only: Plan = {
      ...plan,
      operations: plan.operations.filter((op) => op.kind === 'delete_user'),
      violations: [],
      pool: [],
      summary: { create: 0, update: 0, delete: 1, move: 0, manual: 0, blocked: false },
    };
    expect(lines(renderText(only, { color: false })).at(-1)).toBe('Plan: 0 to create, 0 to update, 1 to delete');
  });

  it('marks each kind of operation and shows every op id once in the operations section', () => {
    const text = renderText(fullPlan(), { color: false });
    const section = text.slice(text.indexOf('Operations'), text.indexOf('\nManual steps ('));
    expect(section).toMatch(/^ {2}\+ op-2 {2}Create user grace@acme\.com in Acme Paris$/m);
    expect(section).toMatch(/^ {2}~ op-3 {2}Update ada@acme\.com: last name/m);
    expect(section).toMatch(/^ {2}~ op-4 {2}suspend user bob@acme\.com$/m);
    expect(section).toMatch(/^ {2}~ op-6 {2}Move dan@acme\.com/m);
    expect(section).toMatch(/^ {2}- op-7 {2}Delete eve@acme\.com/m);
    expect(section).toMatch(/^ {2}- op-9 {2}unassign number frank@acme\.com$/m);
    expect(section).toMatch(/^ {2}- op-10 {2}Release \+14155550199/m);
    expect(section).toMatch(/^ {2}! op-11 {2}Transfer 2 talk licenses from Acme HQ to Acme London$/m);
    for (let i = 1; i <= 16; i += 1) expect(section.match(new RegExp(`\\bop-${i}\\b`, 'g'))).toHaveLength(1);
  });

  it('groups by office and keeps execution order inside a group', () => {
    const text = renderText(fullPlan(), { color: false });
    const hq = text.indexOf('\nAcme HQ (hq)\n');
    const london = text.indexOf('\nAcme London (london)\n');
    expect(hq).toBeGreaterThan(0);
    expect(london).toBeGreaterThan(0);
    const hqBlock = text.slice(hq, text.indexOf('\n\n', hq + 1));
    const ids = [...hqBlock.matchAll(/ (op-\d+) /g)].map((m) => Number(m[1]!.slice(3)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toContain(3);
  });

  it('shows field changes, reversibility and notes', () => {
    const text = renderText(fullPlan(), { color: false });
    expect(text).toContain('last_name: Byron → Lovelace');
    expect(text).toContain('office: (none) → paris');
    expect(text).toContain('reversible until 2026-11-29T18:00:00Z');
    expect(text).toMatch(/- op-10 .*\n(?: {8}.*\n)* {8}irreversible\n/);
    expect(text).toContain('Restorable for 72 h from Admin Settings');
  });

  it('orders sections: violations, operations, manual steps, pool, unverifiable, totals', () => {
    const text = renderText(blockedPlan(), { color: false });
    const order = [
      'Errors (1):',
      'Warnings (1):',
      'Operations (by office',
      'Manual steps (6)',
      'Reserved pool:',
      'Not verifiable through the API',
      'Plan: ',
    ].map((h) => text.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('lists errors before warnings with the code and the ops concerned, and says a blocked plan exits 3', () => {
    const text = renderText(blockedPlan(), { color: false });
    expect(text).toContain('error country_change_requires_ack [op-6]');
    expect(text).toContain('warning too_many_deletions [op-7]');
    expect(text.indexOf('country_change_requires_ack')).toBeLessThan(text.indexOf('too_many_deletions'));
    const out = lines(text);
    expect(out.at(-2)).toMatch(/^Plan: /);
    expect(out.at(-1)).toMatch(/blocked.*exit code 3/);
  });

  it('lists manual steps with their instructions and says apply waits', () => {
    const text = renderText(fullPlan(), { color: false });
    const manual = text.slice(text.indexOf('\nManual steps ('), text.indexOf('Reserved pool:'));
    expect(manual).toMatch(/waits/);
    expect(manual).toContain('! op-11  Transfer 2 talk licenses from Acme HQ to Acme London');
    expect(manual).toContain('Company Settings › Licenses › Transfer Licenses');
    expect(manual.match(/! op-\d+/g)).toEqual(['! op-11', '! op-12', '! op-13', '! op-14', '! op-15', '! op-16']);
  });

  it('shows pool movements and unverifiable declarations', () => {
    const text = renderText(fullPlan(), { color: false });
    expect(text).toContain('+14155550123 enters the pool (dan@acme.com, hq) [op-6]');
    expect(text).toContain('+14155550199 released to Dialpad (hq) [op-10]');
    expect(text).toContain('ada@acme.com: analytics = true  (users/eng.yaml:20)');
  });

  it('has no ANSI codes without colour and has them with colour', () => {
    expect(renderText(blockedPlan(), { color: false })).not.toMatch(ANSI);
    const coloured = renderText(blockedPlan(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[32m+\u001b[39m');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderText(blockedPlan(), { color: false }));
  });

  it('redacts every email and phone number', () => {
    const text = renderText(blockedPlan(), { color: false, redact: true });
    expect(text).not.toMatch(EMAIL);
    expect(text).not.toMatch(E164);
    expect(text).toContain('d•••@•••');
    expect(text).toContain('+14•••••••23');
  });
});
