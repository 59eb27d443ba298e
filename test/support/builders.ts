/** Small builders for DesiredState / LiveState in unit tests of the pure core. */
import { digestConfig } from '../../src/config/digest.js';
import { diffTenant } from '../../src/diff/index.js';
import type {
  AccountType,
  Group,
  GroupType,
  DesiredState,
  LiveState,
  Office,
  PhoneNumber,
  Policy,
  ReservedNumbers,
  User,
} from '../../src/model/tenant.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { digestLive } from '../../src/plan/digest.js';
import type { Operation, Plan } from '../../src/plan/types.js';

export const NOW = new Date('2026-11-26T18:00:00Z');

export function office(key: string, over: Partial<Office> = {}): Office {
  return { key, name: `Acme ${key}`, country: 'US', priceLevel: 'premium', licenses: {}, ...over };
}

/** What `POST /api/v2/offices` needs: an office config creates carries it (`office_create_missing` otherwise). */
export const CREATE_SPEC: NonNullable<Office['create']> = {
  currency: 'USD',
  plan_period: 'monthly',
  annual_commit_monthly_billing: false,
  invoiced: false,
  unified_billing: true,
  billing_address: { address_line_1: '1 Main St', city: 'New York', country: 'US', postal_code: '10001', region: 'NY' },
};

/** A config office Dialpad does not have yet, with the `create` block its creation needs. */
export function newOffice(key: string, over: Partial<Office> = {}): Office {
  return office(key, { create: CREATE_SPEC, ...over });
}

/** A live office: `id` set, purchased `talk` lines as given. */
export function liveOffice(key: string, over: Partial<Office> = {}): Office {
  return office(key, { id: `id-${key}`, priceLevel: undefined, ...over });
}

export function user(email: string, over: Partial<User> = {}): User {
  const name = email.split('@')[0] ?? email;
  return {
    email,
    firstName: name,
    lastName: 'Test',
    office: 'hq',
    license: 'talk',
    admin: { company: false, offices: [] },
    state: 'active',
    ...over,
  };
}

export function liveUser(email: string, over: Partial<User> = {}): User {
  return user(email, { id: `u-${email.split('@')[0] ?? email}`, numbers: [], ...over });
}

export function desiredState(input: {
  offices?: Office[];
  users?: User[];
  groups?: Group[];
  policy?: Partial<Policy>;
  reserved?: Partial<ReservedNumbers>;
  accountType?: AccountType;
  /** Default: both sections present (every live group absent from `groups` is unmanaged). */
  groupSections?: GroupType[];
}): DesiredState {
  return {
    tenant: {
      company: input.accountType === undefined ? {} : { accountType: input.accountType },
      offices: input.offices ?? [office('hq')],
      users: input.users ?? [],
      numbers: [],
      ...(input.groups === undefined ? {} : { groups: input.groups }),
    },
    policy: { unmanagedUsers: 'ignore', protected: [], ...input.policy },
    reservedNumbers: { keep: [], releaseUnlisted: false, ...input.reserved },
    groupSections: input.groupSections ?? ['department', 'call_center'],
    files: ['dialform.yaml'],
    owners: { company: [], offices: {}, groups: {}, files: [] },
  };
}

export function liveState(input: {
  offices?: Office[];
  users?: User[];
  groups?: Group[];
  numbers?: PhoneNumber[];
  accountType?: AccountType;
  incomplete?: string[];
}): LiveState {
  return {
    tenant: {
      company: { id: 'c1', name: 'Acme', accountType: input.accountType ?? 'pro' },
      offices: input.offices ?? [liveOffice('hq', { licenses: { talk: 10 } })],
      users: input.users ?? [],
      numbers: input.numbers ?? [],
      ...(input.groups === undefined ? {} : { groups: input.groups }),
    },
    incomplete: input.incomplete ?? [],
  };
}

function runPlanner(desired: DesiredState, live: LiveState, base: DesiredState | undefined, digests: { configDigest: string; liveDigest: string }): Plan {
  return buildPlan({ desired, live, changes: diffTenant(desired, live), now: NOW, ...(base === undefined ? {} : { base }), ...digests });
}

/** diff + plan, the way the pipeline runs them (with placeholder digests). */
export function planOf(desired: DesiredState, live: LiveState, base?: DesiredState): Plan {
  return runPlanner(desired, live, base, { configDigest: 'sha256:config', liveDigest: 'sha256:live' });
}

/** `planOf` with the pipeline's digests too: a complete plan document, valid against plan.schema.json. */
export function digestedPlanOf(desired: DesiredState, live: LiveState, base?: DesiredState): Plan {
  return runPlanner(desired, live, base, { configDigest: digestConfig(desired), liveDigest: digestLive(live) });
}

/** `kind target` of each operation, in plan order: compact to assert on. */
export function steps(plan: Plan): string[] {
  return plan.operations.map((op) => `${op.kind} ${describeTarget(op)}`);
}

function describeTarget(op: Operation): string {
  if (op.kind === 'transfer_licenses') return `${op.count} ${op.line} ${op.from.key}->${op.to.key}`;
  if (op.kind === 'assign_number' || op.kind === 'unassign_number') return `${op.number} ${op.target.type === 'user' ? op.target.email : ''}`;
  const t = op.target;
  return t.type === 'user' ? t.email : t.type === 'office' ? t.key : t.type === 'number' ? t.number : t.type === 'group' ? t.name : 'company';
}

export function codes(plan: Plan): string[] {
  return plan.violations.map((v) => `${v.severity}:${v.code}`);
}

/** A live number held by a user. */
export function heldNumber(number: string, email: string, officeKey = 'hq'): PhoneNumber {
  return { number, status: 'user', office: officeKey, userEmail: email, targetType: 'user', targetId: `u-${email.split('@')[0]}` };
}

/** A live number in the reserved pool. */
export function poolNumber(number: string, officeKey = 'hq'): PhoneNumber {
  return { number, status: 'available', office: officeKey };
}

/** A department or call center: `key` is the config key (desired) or, given an `id`, matched live. */
export function group(key: string, type: Group['type'], over: Partial<Group> = {}): Group {
  return { key, type, name: key[0]?.toUpperCase() + key.slice(1), office: 'hq', ...over };
}
