/**
 * Plans for renderer and plan-file tests, built through the planner (`digestedPlanOf`, so each is
 * a complete plan document): every operation kind, violations, pool movements, an empty plan, a
 * blocked plan and a large synthetic one. Only `blockedPlan`'s `unverifiable` list is written by
 * hand (the planner no longer fills it; see there), so renderers are tested on what the planner
 * really makes and on what an older plan file holds.
 */
import type { OfficeCreateSpec, User } from '../../src/model/tenant.js';
import type { Operation, Plan } from '../../src/plan/types.js';
import { desiredState, digestedPlanOf, group, heldNumber, liveOffice, liveState, liveUser, office, poolNumber, user } from './builders.js';

const PARIS_SPEC: OfficeCreateSpec = {
  currency: 'EUR',
  plan_period: 'monthly',
  annual_commit_monthly_billing: false,
  invoiced: false,
  unified_billing: true,
  billing_address: { address_line_1: '1 rue de Rivoli', city: 'Paris', country: 'FR', postal_code: '75001', region: 'IDF' },
};

interface Declarations {
  /** dan@acme.com's entry accepts that the international move replaces his number. */
  ack: boolean;
  /** ada@acme.com's and bob@acme.com's analytics/proxy declarations. */
  ada: Pick<User, 'analytics' | 'proxy'>;
  bob: Pick<User, 'analytics' | 'proxy'>;
}

/**
 * The config of the sample company: hq (US) and london (GB) exist, paris (FR) is new; ada is
 * renamed and made office admin, bob suspended, carol reactivated, dan moved to London with a London
 * number, eve (not in config) deleted, frank's number unassigned, gina (deleted in Dialpad)
 * restored, grace created in Paris (with 1 talk license from hq); 2 talk licenses go from hq to
 * london, and the pool numbers +14155550199 (hq) and +18005550100 (no office) are released.
 */
function sampleDesired(d: Declarations) {
  return desiredState({
    offices: [
      office('hq', { name: 'Acme HQ', licenses: { talk: 7 }, source: 'offices.yaml:3' }),
      office('london', { name: 'Acme London', country: 'GB', licenses: { talk: 12 }, source: 'offices.yaml:12' }),
      office('paris', { name: 'Acme Paris', country: 'FR', licenses: { talk: 1 }, create: PARIS_SPEC, source: 'offices.yaml:20' }),
    ],
    users: [
      user('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace', admin: { company: false, offices: ['hq'] }, ...d.ada, source: 'users/eng.yaml:3' }),
      user('bob@acme.com', { state: 'suspended', ...d.bob, source: 'users/ops.yaml:3' }),
      user('carol@acme.com', { office: 'london', source: 'users/ops.yaml:9' }),
      user('dan@acme.com', {
        office: 'london',
        numbers: ['+442071234567'],
        ...(d.ack ? { allowNumberChange: true } : {}),
        source: 'users/eng.yaml:14',
      }),
      user('frank@acme.com', { numbers: [], source: 'users/eng.yaml:20' }),
      user('gina@acme.com', { source: 'users/eng.yaml:26' }),
      user('grace@acme.com', { firstName: 'Grace', lastName: 'Hopper', office: 'paris', source: 'users/eng.yaml:31' }),
    ],
    policy: { unmanagedUsers: 'delete' },
    reserved: { releaseUnlisted: true, keep: ['+14155550123', '+14155550177'], source: 'reserved_numbers.yaml:1' },
  });
}

function sampleLive() {
  return liveState({
    offices: [
      liveOffice('hq', { id: '5001', name: 'Acme HQ', licenses: { talk: 10 } }),
      liveOffice('london', { id: '5002', name: 'Acme London', country: 'GB', licenses: { talk: 10 } }),
    ],
    users: [
      liveUser('ada@acme.com', { firstName: 'Ada', lastName: 'Byron', numbers: [] }),
      liveUser('bob@acme.com'),
      liveUser('carol@acme.com', { office: 'london', state: 'suspended' }),
      liveUser('dan@acme.com', { numbers: ['+14155550123'] }),
      liveUser('eve@acme.com'),
      liveUser('frank@acme.com', { numbers: ['+14155550177'] }),
      liveUser('gina@acme.com', { state: 'deleted', deletedAt: '2026-11-25T09:00:00Z' }),
    ],
    numbers: [
      heldNumber('+14155550123', 'dan@acme.com'),
      heldNumber('+14155550177', 'frank@acme.com'),
      poolNumber('+14155550199'),
      poolNumber('+442071234567', 'london'),
      // A pool number no office owns: its release concerns no single office.
      { number: '+18005550100', status: 'available' },
    ],
  });
}

/**
 * Every operation kind, a warning (recently_deleted_user), pool movements; not blocked. Built
 * against a base config where ada declared no analytics/proxy and bob declared both, so those
 * declarations become manual grants and revokes (and nothing is unverifiable).
 */
export function fullPlan(): Plan {
  const desired = sampleDesired({ ack: true, ada: { analytics: true, proxy: true }, bob: { analytics: false, proxy: false } });
  const base = sampleDesired({ ack: true, ada: {}, bob: { analytics: true, proxy: true } });
  return digestedPlanOf(desired, sampleLive(), base);
}

/**
 * Departments and call centers: Support renamed, Billing created for the new hire dave, the
 * unmanaged Old department deleted, ada made admin of Sales (remove + add), bob's skill in Support
 * raised, carol (leaving) removed from Sales before her deletion.
 */
export function groupsPlan(): Plan {
  const desired = desiredState({
    offices: [office('hq', { name: 'Acme HQ' })],
    groups: [group('sales', 'department'), group('support', 'call_center', { name: 'Customer Support', id: '601' }), group('billing', 'call_center')],
    users: [
      user('ada@acme.com', { departments: [{ group: 'sales', role: 'admin' }], source: 'users/eng.yaml:3' }),
      user('bob@acme.com', { license: 'agents', callCenters: [{ group: 'support', role: 'operator', skill: 80 }], source: 'users/eng.yaml:9' }),
      user('carol@acme.com', { state: 'deleted', source: 'users/eng.yaml:15' }),
      user('dave@acme.com', { license: 'agents', callCenters: [{ group: 'billing', role: 'supervisor', skill: 40 }], source: 'users/eng.yaml:21' }),
    ],
    policy: { unmanagedGroups: 'delete' },
  });
  const live = liveState({
    offices: [liveOffice('hq', { id: '5001', name: 'Acme HQ', licenses: { talk: 10, sell: 5 } })],
    groups: [
      group('sales', 'department', { id: '501' }),
      group('support', 'call_center', { id: '601', name: 'Support' }),
      group('department:502', 'department', { id: '502', name: 'Old' }),
    ],
    users: [
      liveUser('ada@acme.com', { departments: [{ group: 'sales', role: 'operator' }] }),
      liveUser('bob@acme.com', { license: 'agents', callCenters: [{ group: 'support', role: 'operator', skill: 50 }] }),
      liveUser('carol@acme.com', { departments: [{ group: 'sales', role: 'operator' }] }),
    ],
  });
  return digestedPlanOf(desired, live);
}

/**
 * Manual office steps: HQ (pinned by id) renamed in config, which no API does; one more Talk
 * license than HQ has bought, which no transfer brings (a purchase); one Sell license config no
 * longer asks for (a cancellation); and a plan tier config asserts that Dialpad does not report.
 */
export function officeStepsPlan(): Plan {
  const offices = desiredState({ offices: [office('hq', { id: '5001', name: 'Acme Headquarters', licenses: { talk: 3, sell: 0 } })] });
  const desired = { ...offices, tenant: { ...offices.tenant, company: { accountType: 'enterprise' as const, source: 'dialform.yaml:2' } } };
  const live = liveState({ accountType: 'pro', offices: [liveOffice('hq', { id: '5001', name: 'Acme HQ', licenses: { talk: 2, sell: 1 } })] });
  return digestedPlanOf(desired, live);
}

/** E911 addresses: HQ's moved across town; ada works from home, with her own. */
export function e911Plan(): Plan {
  const hq = { address: '500 Howard St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' };
  const old = { address: '1 Market St', city: 'San Francisco', state: 'ca', zip: '94105', country: 'US' };
  const desired = desiredState({
    offices: [office('hq', { name: 'Acme HQ', e911: hq })],
    users: [user('ada@acme.com', { e911: { address: '9 Elm Rd', city: 'Oakland', state: 'CA', zip: '94601', country: 'US' }, source: 'users/eng.yaml:3' })],
  });
  const live = liveState({
    offices: [liveOffice('hq', { id: '5001', name: 'Acme HQ', e911: old })],
    users: [liveUser('ada@acme.com', { e911: old })],
  });
  return digestedPlanOf(desired, live);
}

/** ada's caller ID set to the Support group's number, which she may present. */
export function callerIdPlan(): Plan {
  const desired = desiredState({ offices: [office('hq', { name: 'Acme HQ' })], users: [user('ada@acme.com', { callerId: '+14155550177', source: 'users/eng.yaml:3' })] });
  const live = liveState({
    offices: [liveOffice('hq', { name: 'Acme HQ' })],
    users: [liveUser('ada@acme.com', { callerId: '+14155550101', callerIdChoices: [{ number: '+14155550101', heldBy: 'user' }, { number: '+14155550177', heldBy: 'group', name: 'Support' }] })],
  });
  return digestedPlanOf(desired, live);
}

/**
 * Rooms (docs/rooms.md): Lobby created with a pool number, Board Room (pinned) renamed with its
 * number sent to the pool, and Old Lobby deleted under `unmanaged_rooms: delete`.
 */
export function roomsPlan(): Plan {
  const desired = desiredState({ offices: [office('hq', { name: 'Acme HQ' })], policy: { unmanagedRooms: 'delete' } });
  desired.tenant.rooms = [
    { key: 'board', id: '83', name: 'Boardroom', office: 'hq', numbers: [], source: 'rooms.yaml:2' },
    { key: 'lobby', name: 'Lobby', office: 'hq', numbers: ['+14155550150'], source: 'rooms.yaml:3' },
  ];
  const live = liveState({
    offices: [liveOffice('hq', { name: 'Acme HQ', licenses: { talk: 10, rooms: 3 }, available: { talk: 10, rooms: 1 } })],
    numbers: [{ number: '+14155550150', status: 'available', office: 'hq' }],
  });
  live.tenant.rooms = [
    // Keyed as `keyLive` leaves them: the pinned one under its config key.
    { key: 'board', id: '83', name: 'Board Room', office: 'hq', numbers: ['+14155550160'] },
    { key: 'room:84', id: '84', name: 'Old Lobby', office: 'hq', numbers: ['+14155550161'] },
  ];
  return digestedPlanOf(desired, live);
}

/** The operations of `fullPlan()`, `groupsPlan()`, `officeStepsPlan()`, `e911Plan()`, `callerIdPlan()`, `groupSettingsPlan()` and `roomsPlan()`: one or more of every kind. */
export function everyKindOperations(): Operation[] {
  return [
    ...fullPlan().operations,
    ...groupsPlan().operations,
    ...officeStepsPlan().operations,
    ...e911Plan().operations,
    ...callerIdPlan().operations,
    ...groupSettingsPlan().operations,
    ...roomsPlan().operations,
  ];
}

/** Support (live) opens earlier on Mondays, rings 20 s, and sends callers after hours to Sales, which the plan creates. */
export function groupSettingsPlan(): Plan {
  const desired = desiredState({
    offices: [office('hq', { name: 'Acme HQ' })],
    groups: [
      group('sales', 'department'),
      group('support', 'call_center', {
        settings: {
          monday_hours: ['08:00', '18:00'],
          ring_seconds: 20,
          hold_queue: { max_hold_count: 20 },
          routing_options: {
            open: { action: 'voicemail', try_dial_operators: true },
            closed: { action: 'department', try_dial_operators: false, target: { type: 'department', key: 'sales' } },
          },
        },
      }),
    ],
  });
  const live = liveState({
    offices: [liveOffice('hq', { id: '5001', name: 'Acme HQ' })],
    groups: [group('support', 'call_center', { id: '601', settings: { monday_hours: ['09:00', '17:00'], ring_seconds: 30, hold_queue: { max_hold_count: 50, announce_position: true } } })],
  });
  return digestedPlanOf(desired, live);
}

/**
 * The sample company without dan's `allow_number_change` (a country_change_requires_ack error)
 * and without a base ref or confirmations, so ada's analytics/proxy declarations are manual steps.
 * Its `unverifiable` list is filled by hand, as a plan file of an earlier version has it (plans made
 * now leave it empty), so renderers still show what such a file holds.
 */
export function blockedPlan(): Plan {
  const plan = digestedPlanOf(sampleDesired({ ack: false, ada: { analytics: true, proxy: true }, bob: {} }), sampleLive());
  plan.unverifiable = [
    { email: 'ada@acme.com', attribute: 'analytics', value: true, source: 'users/eng.yaml:3' },
    { email: 'ada@acme.com', attribute: 'proxy', value: true, source: 'users/eng.yaml:3' },
  ];
  return plan;
}

/** Config and Dialpad agree. */
export function emptyPlan(): Plan {
  return digestedPlanOf(desiredState({ offices: [office('hq', { name: 'Acme HQ' })] }), liveState({ offices: [liveOffice('hq', { name: 'Acme HQ' })] }));
}

/** `users` new users spread over `offices` offices, each given a number from its office's pool. */
export function largePlan(users: number, offices = 12): Plan {
  const keys = Array.from({ length: offices }, (_, i) => `office-${i}`);
  const perOffice = Math.ceil(users / offices);
  const numberOf = (i: number) => `+1415${String(5_000_000 + i).padStart(7, '0')}`;
  const desired = desiredState({
    offices: keys.map((key, i) => office(key, { name: `Acme Office ${i}` })),
    users: Array.from({ length: users }, (_, i) =>
      user(`user${i}@acme.com`, {
        firstName: `First${i}`,
        lastName: `Last${i}`,
        office: keys[i % offices]!,
        numbers: [numberOf(i)],
        source: `users/bulk.yaml:${i * 7 + 3}`,
      }),
    ),
  });
  const live = liveState({
    offices: keys.map((key, i) => liveOffice(key, { id: String(9000 + i), name: `Acme Office ${i}`, licenses: { talk: perOffice } })),
    numbers: Array.from({ length: users }, (_, i) => poolNumber(numberOf(i), keys[i % offices]!)),
  });
  return digestedPlanOf(desired, live);
}
