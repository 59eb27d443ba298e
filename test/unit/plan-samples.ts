/**
 * Hand-built plans for renderer and plan-file tests: every operation kind, violations, pool,
 * unverifiable, an empty plan, a blocked plan and a large synthetic one.
 */
import type { OfficeRef, Operation, Plan, PlanSummary } from '../../src/plan/types.js';

export const HQ: OfficeRef = { key: 'hq', id: '5001', name: 'Acme HQ' };
export const LONDON: OfficeRef = { key: 'london', id: '5002', name: 'Acme London' };
export const PARIS: OfficeRef = { key: 'paris', name: 'Acme Paris' };

const DIGEST = `sha256:${'ab'.repeat(32)}`;

type Base = Omit<Operation, 'kind' | 'id'>;

function base(over: Partial<Base> = {}): Base {
  return {
    target: { type: 'user', email: 'ada@acme.com', id: '101' },
    changes: [],
    manual: false,
    reversible: 'yes',
    source: 'users/eng.yaml:14',
    after: [],
    summary: '',
    notes: [],
    ...over,
  };
}

/** One operation of every kind, numbered op-1… in this order. */
export function everyKindOperations(): Operation[] {
  const ops: Operation[] = [
    {
      ...base({ target: { type: 'office', key: 'paris', name: 'Acme Paris' }, source: 'offices.yaml:9' }),
      kind: 'create_office',
      id: '',
      office: PARIS,
      country: 'FR',
      spec: {
        currency: 'EUR',
        plan_period: 'monthly',
        annual_commit_monthly_billing: false,
        invoiced: false,
        unified_billing: true,
        billing_address: { address_line_1: '1 rue de Rivoli', city: 'Paris', country: 'FR', postal_code: '75001', region: 'IDF' },
      },
      summary: 'Create office Acme Paris (FR)',
    },
    {
      ...base({
        target: { type: 'user', email: 'grace@acme.com' },
        changes: [
          { field: 'office', to: 'paris' },
          { field: 'license', to: 'talk' },
        ],
        office_key: 'paris',
        after: ['op-1'],
      }),
      kind: 'create_user',
      id: '',
      email: 'grace@acme.com',
      office: PARIS,
      first_name: 'Grace',
      last_name: 'Hopper',
      license: 'talk',
      summary: 'Create user grace@acme.com in Acme Paris',
    },
    {
      ...base({
        changes: [
          { field: 'last_name', from: 'Byron', to: 'Lovelace' },
          { field: 'admin', from: 'none', to: 'office' },
        ],
        office_key: 'hq',
      }),
      kind: 'update_user',
      id: '',
      patch: { last_name: 'Lovelace', admin_offices: [HQ], emails: ['ada@acme.com', 'ada.byron@acme.com'] },
      summary: 'Update ada@acme.com: last name, office admin of Acme HQ',
    },
    {
      ...base({ target: { type: 'user', email: 'bob@acme.com', id: '102' }, changes: [{ field: 'state', from: 'active', to: 'suspended' }], source: 'unmanaged', office_key: 'hq' }),
      kind: 'suspend_user',
      id: '',
    },
    {
      ...base({ target: { type: 'user', email: 'carol@acme.com', id: '103' }, changes: [{ field: 'state', from: 'suspended', to: 'active' }], office_key: 'london' }),
      kind: 'reactivate_user',
      id: '',
    },
    {
      ...base({
        target: { type: 'user', email: 'dan@acme.com', id: '104' },
        changes: [{ field: 'office', from: 'hq', to: 'london' }],
        notes: ['International move: +14155550123 goes to the reserved pool; Dialpad assigns a London number.'],
      }),
      kind: 'move_user',
      id: '',
      from: HQ,
      to: LONDON,
      numbers_to_pool: ['+14155550123'],
      summary: 'Move dan@acme.com from Acme HQ to Acme London',
    },
    {
      ...base({
        target: { type: 'user', email: 'eve@acme.com', id: '105' },
        source: 'unmanaged',
        reversible: 'until 2026-11-29T18:00:00Z',
        office_key: 'hq',
        notes: ['Restorable for 72 h from Admin Settings › Users › Deleted Users.'],
      }),
      kind: 'delete_user',
      id: '',
      summary: 'Delete eve@acme.com (not in config)',
    },
    {
      ...base({ changes: [{ field: 'numbers', from: [], to: ['+442071234567'] }], office_key: 'london' }),
      kind: 'assign_number',
      id: '',
      number: '+442071234567',
      primary: true,
    },
    {
      ...base({ target: { type: 'user', email: 'frank@acme.com', id: '106' }, changes: [{ field: 'numbers', from: ['+14155550177'], to: [] }] }),
      kind: 'unassign_number',
      id: '',
      number: '+14155550177',
    },
    {
      ...base({ target: { type: 'number', number: '+14155550199' }, reversible: 'no', source: 'reserved_numbers.yaml:3' }),
      kind: 'release_number',
      id: '',
      number: '+14155550199',
      summary: 'Release +14155550199 to Dialpad',
    },
    {
      ...base({
        target: { type: 'office', key: 'london', id: '5002', name: 'Acme London' },
        changes: [{ field: 'licenses.talk', from: 10, to: 12 }],
        manual: true,
        source: 'offices.yaml:12',
        notes: ['In Dialpad: Company Settings › Licenses › Transfer Licenses: 2 Talk from Acme HQ to Acme London.'],
      }),
      kind: 'transfer_licenses',
      id: '',
      line: 'talk',
      count: 2,
      from: HQ,
      to: LONDON,
      to_purchased_after: 12,
      summary: 'Transfer 2 talk licenses from Acme HQ to Acme London',
    },
    {
      ...base({ target: { type: 'user', email: 'gina@acme.com', id: '107' }, manual: true, office_key: 'hq', notes: ['Admin Settings › Users › Deleted Users › Restore gina@acme.com.'] }),
      kind: 'restore_user',
      id: '',
    },
    { ...base({ manual: true, changes: [{ field: 'analytics', from: false, to: true }] }), kind: 'grant_analytics', id: '' },
    {
      ...base({ target: { type: 'user', email: 'bob@acme.com', id: '102' }, manual: true, changes: [{ field: 'analytics', from: true, to: false }] }),
      kind: 'revoke_analytics',
      id: '',
    },
    { ...base({ manual: true, changes: [{ field: 'proxy', to: true }] }), kind: 'grant_proxy', id: '' },
    {
      ...base({ target: { type: 'user', email: 'bob@acme.com', id: '102' }, manual: true, changes: [{ field: 'proxy', from: true, to: false }] }),
      kind: 'revoke_proxy',
      id: '',
    },
  ];
  return ops.map((op, i) => ({ ...op, id: `op-${i + 1}` }));
}

function summarize(ops: Operation[], blocked: boolean): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, delete: 0, move: 0, manual: 0, blocked };
  for (const op of ops) {
    if (op.manual) s.manual += 1;
    else if (op.kind === 'create_office' || op.kind === 'create_user') s.create += 1;
    else if (op.kind === 'move_user') s.move += 1;
    else if (op.kind === 'delete_user' || op.kind === 'release_number') s.delete += 1;
    else s.update += 1;
  }
  return s;
}

function plan(ops: Operation[], over: Partial<Plan> = {}): Plan {
  const violations = over.violations ?? [];
  return {
    format_version: 1,
    created_at: '2026-11-26T18:00:00Z',
    basis: { config_digest: DIGEST, live_digest: DIGEST },
    summary: summarize(ops, violations.some((v) => v.severity === 'error')),
    operations: ops,
    violations,
    unverifiable: [],
    pool: [],
    ...over,
  };
}

/** Every kind, a warning, pool movements and unverifiable declarations; not blocked. */
export function fullPlan(): Plan {
  return plan(everyKindOperations(), {
    violations: [
      {
        code: 'too_many_deletions',
        severity: 'warning',
        message: '1 deletion of 20 users is 5%, close to policy.max_deletion_percent 10 (policy.yaml:4).',
        operation_ids: ['op-7'],
      },
    ],
    pool: [
      { number: '+14155550123', direction: 'in', user: 'dan@acme.com', office: 'hq', operation_id: 'op-6' },
      { number: '+14155550177', direction: 'in', user: 'frank@acme.com', office: 'hq', operation_id: 'op-9' },
      { number: '+14155550199', direction: 'released', office: 'hq', operation_id: 'op-10' },
    ],
    unverifiable: [
      { email: 'ada@acme.com', attribute: 'analytics', value: true, source: 'users/eng.yaml:20' },
      { email: 'bob@acme.com', attribute: 'proxy', value: false, source: 'users/ops.yaml:7' },
    ],
  });
}

/** A plan with an error (the move lacks `allow_number_change`) and a warning. */
export function blockedPlan(): Plan {
  const p = fullPlan();
  const violations: Plan['violations'] = [
    {
      code: 'country_change_requires_ack',
      severity: 'error',
      message:
        'Moving dan@acme.com from Acme HQ (US) to Acme London (GB) sends +14155550123 to the reserved pool. Add `allow_number_change: true` to dan@acme.com in users/eng.yaml:14.',
      operation_ids: ['op-6'],
    },
    ...p.violations,
  ];
  // Warning listed first in the plan: renderers must still show errors first.
  return { ...p, violations: [violations[1]!, violations[0]!], summary: { ...p.summary, blocked: true } };
}

export function emptyPlan(): Plan {
  return plan([]);
}

/** `users` user creations spread over `offices` offices, each with a number assignment. */
export function largePlan(users: number, offices = 12): Plan {
  const ops: Operation[] = [];
  for (let i = 0; i < users; i += 1) {
    const office: OfficeRef = { key: `office-${i % offices}`, id: String(9000 + (i % offices)), name: `Acme Office ${i % offices}` };
    const email = `user${i}@acme.com`;
    const number = `+1415${String(5_000_000 + i).padStart(7, '0')}`;
    ops.push({
      ...base({
        target: { type: 'user', email },
        changes: [
          { field: 'office', to: office.key },
          { field: 'license', to: 'talk' },
          { field: 'numbers', to: [number] },
        ],
        source: `users/bulk.yaml:${i * 7 + 3}`,
        office_key: office.key,
        notes: [`Primary number ${number} for ${email}.`],
      }),
      kind: 'create_user',
      id: `op-${i + 1}`,
      email,
      office,
      first_name: `First${i}`,
      last_name: `Last${i}`,
      license: 'talk',
      summary: `Create user ${email} in ${office.name} with ${number}`,
    });
  }
  return plan(ops);
}
