import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/render/text.js';
import { desiredState, liveState, liveUser, planOf } from '../support/builders.js';
import { blockedPlan, emptyPlan, fullPlan } from '../support/plan-samples.js';

const ANSI = /\u001b\[[0-9;]*m/;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;
const E164 = /\+\d{7,15}/;

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

describe('renderText', () => {
  it('prints the no-changes line for an empty plan', () => {
    const plan = emptyPlan();
    expect(renderText(plan, { color: false })).toBe(`No changes. Dialpad matches the configuration.\nFingerprint: ${plan.fingerprint}\n`);
  });

  it('ends with the totals line, keeping create/update/delete and adding move and manual when non-zero', () => {
    const out = lines(renderText(fullPlan(), { color: false }));
    expect(out.at(-2)).toBe('Plan: 2 to create, 5 to update, 3 to delete, 1 to move, 7 manual');
  });

  it('keeps zero create/update/delete counts and omits zero move/manual', () => {
    const only = planOf(desiredState({ policy: { unmanagedUsers: 'delete' } }), liveState({ users: [liveUser('eve@acme.com')] }));
    expect(only.operations.map((op) => op.kind)).toEqual(['delete_user']);
    expect(lines(renderText(only, { color: false })).at(-2)).toBe('Plan: 0 to create, 0 to update, 1 to delete');
  });

  it('marks each kind of operation and shows every op id once in the operations section', () => {
    const text = renderText(fullPlan(), { color: false });
    const section = text.slice(text.indexOf('Operations'), text.indexOf('\nManual steps ('));
    expect(section).toMatch(/^ {2}\+ op-1 {2}create office Acme Paris \(FR\)$/m);
    expect(section).toMatch(/^ {2}! op-2 {2}restore deleted user gina@acme\.com \(manual\)$/m);
    expect(section).toMatch(/^ {2}- op-3 {2}delete eve@acme\.com$/m);
    expect(section).toMatch(/^ {2}- op-4 {2}unassign \+14155550177 from frank@acme\.com \(to the reserved pool\)$/m);
    expect(section).toMatch(/^ {2}~ op-5 {2}move dan@acme\.com: Acme HQ → Acme London$/m);
    expect(section).toMatch(/^ {2}! op-6 {2}transfer 2 Talk licenses from Acme HQ to Acme London \(manual\)$/m);
    expect(section).toMatch(/^ {2}\+ op-8 {2}create user grace@acme\.com in Acme Paris \(talk\)$/m);
    expect(section).toMatch(/^ {2}~ op-9 {2}update ada@acme\.com: last_name, admin_offices$/m);
    expect(section).toMatch(/^ {2}~ op-10 {2}assign \+442071234567 to dan@acme\.com \(primary\)$/m);
    expect(section).toMatch(/^ {2}~ op-11 {2}reactivate carol@acme\.com$/m);
    expect(section).toMatch(/^ {2}~ op-12 {2}suspend bob@acme\.com$/m);
    expect(section).toMatch(/^ {2}- op-13 {2}release \+14155550199 back to Dialpad$/m);
    expect(section).toMatch(/^ {2}! op-15 {2}grant analytics to ada@acme\.com \(manual\)$/m);
    expect(section).toMatch(/^ {2}! op-18 {2}revoke proxy access from bob@acme\.com \(manual\)$/m);
    const count = fullPlan().operations.length;
    expect(count).toBe(18);
    for (let i = 1; i <= count; i += 1) expect(section.match(new RegExp(`\\bop-${i}\\b`, 'g'))).toHaveLength(1);
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
    expect(ids).toEqual([2, 3, 4, 9, 12, 13, 15, 16, 17, 18]);
    // The release of a number no office owns comes last, under its own heading.
    expect(text.indexOf('\nCompany-wide\n')).toBeGreaterThan(london);
  });

  it('shows field changes, reversibility and notes', () => {
    const text = renderText(fullPlan(), { color: false });
    expect(text).toContain('last_name: Byron → Lovelace');
    expect(text).toContain('office: (none) → paris');
    expect(text).toMatch(/- op-3 .*\n {8}state: active → deleted\n {8}reversible until 2026-11-29T18:00:00\.000Z\n/);
    expect(text).toMatch(/- op-13 .*\n(?: {8}.*\n)* {8}irreversible\n/);
    // The pooled number is said once, by the move's own detail line; the note adds what it does not say.
    expect(text).toMatch(/numbers sent to the reserved pool, under Acme HQ: \+14155550123\n(?: {8}.*\n)* {10}International move \(US → GB\), the license stays the same: dan@acme\.com then holds exactly what config lists: \+442071234567/);
    expect(text.match(/\+14155550123 goes to the reserved pool/g)).toBeNull();
    expect(text).toContain('Not in config and policy.unmanaged_users is delete.');
  });

  it('orders sections: violations, operations, manual steps, pool, unverifiable, totals', () => {
    const text = renderText(blockedPlan(), { color: false });
    const order = [
      'Errors (1):',
      'Warnings (1):',
      'Operations (by office',
      'Manual steps (',
      'Reserved pool:',
      'Not verifiable through the API',
      'Plan: ',
    ].map((h) => text.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('lists errors before warnings with the code and the ops concerned, and says a blocked plan exits 3', () => {
    const text = renderText(blockedPlan(), { color: false });
    expect(text).toContain('error country_change_requires_ack [op-5]');
    expect(text).toContain('warning recently_deleted_user [op-2]');
    expect(text.indexOf('country_change_requires_ack')).toBeLessThan(text.indexOf('recently_deleted_user'));
    const out = lines(text);
    expect(out.at(-3)).toMatch(/^Plan: /);
    expect(out.at(-2)).toMatch(/blocked.*exit code 3/);
  });

  it('lists manual steps with their instructions and says apply waits', () => {
    const text = renderText(fullPlan(), { color: false });
    const manual = text.slice(text.indexOf('\nManual steps ('), text.indexOf('Reserved pool:'));
    expect(manual).toMatch(/waits/);
    expect(manual).toContain('! op-6  transfer 2 Talk licenses from Acme HQ to Acme London (manual)');
    expect(manual).toContain('Company Settings › Licenses › Dialpad › Transfer Licenses: transfer 2 Talk licenses from Acme HQ to Acme London.');
    expect(manual).toContain('Admin Settings › Users › Deleted Users: restore gina@acme.com.');
    expect(manual.match(/! op-\d+/g)).toEqual(['! op-2', '! op-6', '! op-7', '! op-15', '! op-16', '! op-17', '! op-18']);
  });

  it('shows pool movements and unverifiable declarations', () => {
    const text = renderText(blockedPlan(), { color: false });
    const pool = text.slice(text.indexOf('Reserved pool:'), text.indexOf('\n\n', text.indexOf('Reserved pool:')));
    expect(pool.split('\n').slice(1)).toEqual([
      '  +14155550177 enters the pool (frank@acme.com, hq) [op-4]',
      '  +14155550123 enters the pool (dan@acme.com, hq) [op-5]',
      '  +442071234567 leaves the pool (dan@acme.com, london) [op-10]',
      '  +14155550199 released to Dialpad [op-13]',
      '  +18005550100 released to Dialpad [op-14]',
    ]);
    expect(text).toContain('ada@acme.com: analytics = true  (users/eng.yaml:3)');
    expect(text).toContain('ada@acme.com: proxy = true  (users/eng.yaml:3)');
  });

  it('lists no unverifiable declarations when a base ref turned them into manual steps', () => {
    expect(renderText(fullPlan(), { color: false })).not.toContain('Not verifiable through the API');
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
