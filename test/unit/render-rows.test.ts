import { describe, expect, it } from 'vitest';
import { collectNames, createRedactor, maskEmail, maskName, maskPhone, redactPlan } from '../../src/render/redact.js';
import { buildPlanView, formatOperationIds, formatValue } from '../../src/render/rows.js';
import { blockedPlan, fullPlan } from '../support/plan-samples.js';

describe('buildPlanView', () => {
  it('keeps execution order in operations and inside each office group', () => {
    const view = buildPlanView(fullPlan());
    expect(view.operations.map((r) => r.id)).toEqual(fullPlan().operations.map((op) => op.id));
    for (const group of view.groups) {
      const n = group.rows.map((r) => Number(r.id.slice(3)));
      expect(n).toEqual([...n].sort((a, b) => a - b));
    }
  });

  it('groups by office_key in order of first appearance, titles groups from plan.offices, and puts office-less operations last', () => {
    const plan = fullPlan();
    const view = buildPlanView(plan);
    const byId = new Map(view.groups.flatMap((g) => g.rows.map((r) => [r.id, g.key] as const)));
    for (const op of plan.operations) expect(byId.get(op.id)).toBe(op.office_key ?? '');
    expect(byId.get('op-8')).toBe('paris'); // create_user: its office
    expect(byId.get('op-5')).toBe('london'); // move_user: destination
    expect(byId.get('op-6')).toBe('london'); // transfer_licenses: destination
    expect(byId.get('op-3')).toBe('hq'); // delete_user: the office the user leaves
    expect(byId.get('op-14')).toBe(''); // release of a number no office owns
    expect(view.groups.map((g) => g.title)).toEqual(['Acme Paris (paris)', 'Acme HQ (hq)', 'Acme London (london)', 'Company-wide']);
  });

  it('uses the marker of each kind, and ! for any manual operation', () => {
    const markers = Object.fromEntries(buildPlanView(fullPlan()).operations.map((r) => [r.kind, r.marker]));
    expect(markers).toEqual({
      create_office: '+',
      create_user: '+',
      update_user: '~',
      suspend_user: '~',
      reactivate_user: '~',
      move_user: '~',
      assign_number: '~',
      delete_user: '-',
      unassign_number: '-',
      release_number: '-',
      transfer_licenses: '!',
      restore_user: '!',
      grant_analytics: '!',
      revoke_analytics: '!',
      grant_proxy: '!',
      revoke_proxy: '!',
    });
  });

  it('derives badges from error violations and takes the blocked state from the summary', () => {
    const plan = blockedPlan();
    expect(plan.summary.blocked).toBe(true);
    const view = buildPlanView(plan);
    expect(view.blocked).toBe(true);
    expect(view.blockedLine).toMatch(/exit code 3/);
    const badges = Object.fromEntries(view.operations.map((r) => [r.id, r.badges]));
    expect(badges['op-5']).toEqual(['irreversible', 'blocked']); // the move without allow_number_change
    expect(badges['op-2']).toEqual(['manual']); // named only by a warning
    expect(badges['op-13']).toEqual(['irreversible']);
    expect(badges['op-9']).toEqual(['admin']);
    expect(badges['op-6']).toEqual(['manual']);
    expect(badges['op-11']).toEqual([]);
    expect(view.violations.map((v) => `${v.severity} ${v.code}`)).toEqual(['error country_change_requires_ack', 'warning recently_deleted_user']);
    const unblocked = buildPlanView(fullPlan());
    expect(unblocked.blocked).toBe(false);
    expect(unblocked).not.toHaveProperty('blockedLine');
  });

  it('formats values for display', () => {
    expect(formatValue(undefined)).toBe('(none)');
    expect(formatValue([])).toBe('(none)');
    expect(formatValue(['+1', '+2'])).toBe('+1, +2');
    expect(formatValue(false)).toBe('false');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});

/** A redactor keyed as a plan's would be. */
const redactText = (text: string, names: readonly string[] = []) => createRedactor({ secret: 'sha256:live', names })(text);

describe('redaction', () => {
  it('masks emails and E.164 numbers, also when people group digits', () => {
    expect(maskEmail('ada@acme.com')).toBe('a•••@•••');
    expect(maskPhone('+442071234567')).toBe('+44••••••••67');
    expect(redactText('call +1 415 555 0100 or mail Ada.B+x@mail.acme.co.uk.')).toMatch(/^call \+14•••••••00 or mail A•••@•••~[0-9a-f]{4}\.$/);
    expect(redactText('op-12 at 2026-11-29T18:00:00Z, 5% of 20')).toBe('op-12 at 2026-11-29T18:00:00Z, 5% of 20');
  });

  it('tags each masked email and name with a short keyed tag: the same for the same value, another for another, and another under another key (issue 27 #13)', () => {
    const emails = redactText('ada@acme.com, ada@acme.com, alan@acme.com').split(', ');
    expect(emails[0]).toBe(emails[1]);
    expect(emails[0]).not.toBe(emails[2]);
    expect(emails[2]).toMatch(/^a•••@•••~[0-9a-f]{4}$/);
    const names = redactText('M. Curie → Mme Curie', ['M. Curie', 'Mme Curie']);
    expect(names).toMatch(/^M\. C\.~([0-9a-f]{4}) → M\. C\.~(?!\1)[0-9a-f]{4}$/);
    // Keyed: who lacks the secret cannot test candidate values against a tag.
    expect(createRedactor({ secret: 'sha256:other' })('ada@acme.com')).not.toBe(emails[0]);
  });

  it('shows a redacted change as a change: M. → M. differs by tag, and sides that still mask alike are marked (issue 27 #13)', () => {
    const plan = blockedPlan();
    const [first] = plan.operations;
    if (first === undefined) throw new Error('sample plan has operations');
    const renamed = {
      ...plan,
      operations: [
        { ...first, changes: [{ field: 'first_name', from: 'Marie', to: 'Maria' }, { field: 'numbers', from: ['+442071234567'], to: ['+442079999967'] }] },
        ...plan.operations.slice(1),
      ],
    } as typeof plan;
    const [name, numbers] = buildPlanView(renamed, { redact: true }).operations[0]?.changes ?? [];
    expect(name?.from).toMatch(/^M\.~[0-9a-f]{4}$/);
    expect(name?.to).toMatch(/^M\.~[0-9a-f]{4}$/);
    expect(name?.to).not.toBe(name?.from);
    expect(numbers).toEqual({ field: 'numbers', from: '+44••••••••67', to: '+44••••••••67 (changed)' });
    // The key (the live digest) is not in the redacted plan.
    expect(JSON.stringify(redactPlan(renamed))).not.toContain(renamed.basis.live_digest);
  });

  it('covers every string in the plan and leaves the input untouched', () => {
    const plan = blockedPlan();
    const before = JSON.stringify(plan);
    const text = JSON.stringify(redactPlan(plan));
    expect(JSON.stringify(plan)).toBe(before);
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(text).not.toMatch(/\+\d{7,15}/);
    expect(text).toContain('"field":"last_name"');
  });

  it('masks people\'s names to initials, whole words only (issue 16 #3)', () => {
    expect(maskName('van Rossum')).toBe('v. R.');
    expect(redactText('Guido van Rossum and Guidon', ['Guido', 'van Rossum'])).toMatch(/^G\.~[0-9a-f]{4} v\. R\.~[0-9a-f]{4} and Guidon$/);
    expect(redactText('Émile Zola', ['Émile'])).toMatch(/^É\.~[0-9a-f]{4} Zola$/);
    const plan = blockedPlan();
    const names = collectNames(plan);
    expect(names.length).toBeGreaterThan(0);
    const text = JSON.stringify(redactPlan(plan));
    for (const name of names.filter((n) => n.length > 1)) expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('masks E911 addresses: a created office\'s `spec`, and both sides of an address change (issue 29)', () => {
    const plan = blockedPlan();
    const base = plan.operations[0];
    if (base === undefined) throw new Error('sample plan without operations');
    const address = { address: '3001 Bishop Dr', address2: 'Suite 120', city: 'San Ramon', state: 'CA', zip: '94583', country: 'US' };
    const spec = {
      currency: 'USD', plan_period: 'monthly' as const, annual_commit_monthly_billing: false, invoiced: false, unified_billing: true,
      billing_address: { address_line_1: '1 Billing Way', city: 'Austin', country: 'US', postal_code: '73301', region: 'TX' },
      e911_address: address,
    };
    const office = { key: 'sr', name: 'Acme San Ramon' };
    plan.operations = [
      { ...base, kind: 'create_office', target: { type: 'office', ...office }, office, country: 'US', spec, changes: [] },
      {
        ...base,
        kind: 'update_office_e911',
        target: { type: 'office', ...office, id: '9' },
        e911_address: address,
        changes: [{ field: 'e911_address', from: '12 Old Rd, Dublin, CA 94568, US', to: '3001 Bishop Dr, Suite 120, San Ramon, CA 94583, US' }],
      },
    ];
    const text = JSON.stringify(redactPlan(plan));
    for (const secret of ['Bishop', 'Suite 120', 'San Ramon', '94583', '12 Old Rd', 'Dublin']) expect(text).not.toContain(secret);
    expect(text).toContain('Acme •••');
  });
});

describe('formatOperationIds', () => {
  it('shortens long operation id lists in violations', () => {
    expect(formatOperationIds(['op-1', 'op-2'])).toBe('op-1, op-2');
    const ids = Array.from({ length: 18 }, (_, i) => `op-${i + 1}`);
    expect(formatOperationIds(ids)).toBe('op-1, op-2, op-3, op-4, op-5, op-6, op-7, op-8 and 10 more');
  });
});
