import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { maskEmail, maskPhone, redactPlan, redactText } from '../../src/render/redact.js';
import { buildPlanView, formatOperationIds, formatValue } from '../../src/render/rows.js';
import { blockedPlan, fullPlan } from './plan-samples.js';

describe('buildPlanView', () => {
  it('keeps execution order in operations and inside each office group', () => {
    const view = buildPlanView(fullPlan());
    expect(view.operations.map((r) => r.id)).toEqual(fullPlan().operations.map((op) => op.id));
    for (const group of view.groups) {
      const n = group.rows.map((r) => Number(r.id.slice(3)));
      expect(n).toEqual([...n].sort((a, b) => a - b));
    }
  });

  it('groups by office_key, else by the kind’s own office, and puts office-less operations last', () => {
    const plan = fullPlan();
    const ops = plan.operations.map((op) => {
      const { office_key: _drop, ...rest } = op;
      return rest as typeof op;
    });
    const view = buildPlanView({ ...plan, operations: ops });
    const byId = new Map(view.groups.flatMap((g) => g.rows.map((r) => [r.id, g.key] as const)));
    expect(byId.get('op-2')).toBe('paris'); // create_user: its office
    expect(byId.get('op-6')).toBe('london'); // move_user: destination
    expect(byId.get('op-11')).toBe('london'); // transfer_licenses: destination
    expect(byId.get('op-4')).toBe(''); // suspend_user without office_key
    expect(view.groups.at(-1)?.title).toBe('Company-wide');
    expect(view.groups.find((g) => g.key === 'london')?.title).toBe('Acme London (london)');
  });

  it('uses the marker of each kind, and ! for any manual operation', () => {
    const markers = Object.fromEntries(buildPlanView(fullPlan()).operations.map((r) => [r.kind, r.marker]));
    expect(markers).toMatchObject({
      create_office: '+',
      create_user: '+',
      update_user: '~',
      move_user: '~',
      assign_number: '~',
      delete_user: '-',
      unassign_number: '-',
      release_number: '-',
      transfer_licenses: '!',
      restore_user: '!',
      grant_proxy: '!',
    });
  });

  it('derives badges and the blocked state from error violations', () => {
    const plan: Plan = { ...blockedPlan(), summary: { ...blockedPlan().summary, blocked: false } };
    const view = buildPlanView(plan);
    expect(view.blocked).toBe(true);
    expect(view.blockedLine).toMatch(/exit code 3/);
    const badges = Object.fromEntries(view.operations.map((r) => [r.id, r.badges]));
    expect(badges['op-6']).toEqual(['blocked']);
    expect(badges['op-7']).toEqual([]); // named only by a warning
    expect(badges['op-10']).toEqual(['irreversible']);
    expect(badges['op-3']).toEqual(['admin']);
    expect(badges['op-11']).toEqual(['manual']);
    expect(view.violations.map((v) => v.severity)).toEqual(['error', 'warning']);
  });

  it('formats values for display', () => {
    expect(formatValue(undefined)).toBe('(none)');
    expect(formatValue([])).toBe('(none)');
    expect(formatValue(['+1', '+2'])).toBe('+1, +2');
    expect(formatValue(false)).toBe('false');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('redaction', () => {
  it('masks emails and E.164 numbers, also when people group digits', () => {
    expect(maskEmail('ada@acme.com')).toBe('a•••@•••');
    expect(maskPhone('+442071234567')).toBe('+44••••••••67');
    expect(redactText('call +1 415 555 0100 or mail Ada.B+x@mail.acme.co.uk.')).toBe('call +14•••••••00 or mail A•••@•••.');
    expect(redactText('op-12 at 2026-11-29T18:00:00Z, 5% of 20')).toBe('op-12 at 2026-11-29T18:00:00Z, 5% of 20');
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
});

describe('buildPlanView with a planner that sets no office_key', () => {
  it('groups a user operation by the office a pool movement names for that user', () => {
    const plan = fullPlan();
    const ops = plan.operations.map((op) => {
      const { office_key: _drop, ...rest } = op;
      return rest as typeof op;
    });
    const view = buildPlanView({ ...plan, operations: ops });
    const unassign = view.groups.find((g) => g.rows.some((r) => r.id === 'op-9'));
    expect(unassign?.key).toBe('hq'); // frank@acme.com: the pool movement of op-9 names hq
  });

  it('shortens long operation id lists in violations', () => {
    expect(formatOperationIds(['op-1', 'op-2'])).toBe('op-1, op-2');
    const ids = Array.from({ length: 18 }, (_, i) => `op-${i + 1}`);
    expect(formatOperationIds(ids)).toBe('op-1, op-2, op-3, op-4, op-5, op-6, op-7, op-8 and 10 more');
  });
});
