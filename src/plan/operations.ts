/**
 * Typed constructors, one per operation kind: the only way operations are built. They return
 * drafts with `id: ''` and `after: []`; `orderOperations` fills both once the order is known.
 */
import type { LineType, OfficeCreateSpec, UserLicense } from '../model/tenant.js';
import { LINE_LABELS } from './sim-state.js';
import type { FieldChange, OfficeRef, Operation, Reversible, Target, UserPatch } from './types.js';

interface UserOpInput {
  email: string;
  /** Live id; absent for a user created in this plan. */
  id?: string;
  source: string;
  changes?: FieldChange[];
  notes?: string[];
}

function userTarget(email: string, id?: string): Target {
  return id === undefined ? { type: 'user', email } : { type: 'user', email, id };
}

function base(target: Target, input: { source: string; changes?: FieldChange[]; notes?: string[] }, extra: {
  manual?: boolean;
  reversible?: Reversible;
  summary: string;
}) {
  return {
    id: '',
    target,
    changes: input.changes ?? [],
    manual: extra.manual ?? false,
    reversible: extra.reversible ?? 'yes',
    source: input.source,
    after: [],
    summary: extra.summary,
    notes: input.notes ?? [],
  };
}

const officeTarget = (o: OfficeRef): Target =>
  o.id === undefined ? { type: 'office', key: o.key, name: o.name } : { type: 'office', key: o.key, id: o.id, name: o.name };

export const operation = {
  createOffice(i: { office: OfficeRef; country: string; spec?: OfficeCreateSpec; source: string; notes?: string[] }): Operation {
    return {
      ...base(officeTarget(i.office), i, { reversible: 'no', summary: `create office ${i.office.name} (${i.country})` }),
      kind: 'create_office',
      office: i.office,
      country: i.country,
      ...(i.spec === undefined ? {} : { spec: i.spec }),
    };
  },
  createUser(i: UserOpInput & { office: OfficeRef; firstName: string; lastName: string; license: UserLicense }): Operation {
    return {
      ...base(userTarget(i.email), i, { summary: `create user ${i.email} in ${i.office.name} (${i.license})` }),
      kind: 'create_user',
      email: i.email,
      office: i.office,
      first_name: i.firstName,
      last_name: i.lastName,
      license: i.license,
    };
  },
  updateUser(i: UserOpInput & { patch: UserPatch }): Operation {
    const fields = (i.changes ?? []).map((c) => c.field).join(', ');
    return { ...base(userTarget(i.email, i.id), i, { summary: `update ${i.email}: ${fields}` }), kind: 'update_user', patch: i.patch };
  },
  suspendUser(i: UserOpInput): Operation {
    return { ...base(userTarget(i.email, i.id), i, { summary: `suspend ${i.email}` }), kind: 'suspend_user' };
  },
  reactivateUser(i: UserOpInput): Operation {
    return { ...base(userTarget(i.email, i.id), i, { summary: `reactivate ${i.email}` }), kind: 'reactivate_user' };
  },
  moveUser(i: UserOpInput & { from: OfficeRef; to: OfficeRef; numbersToPool: string[]; international: boolean }): Operation {
    return {
      ...base(userTarget(i.email, i.id), i, {
        // An international move provisions a new number and pools the old ones: not simply undone.
        reversible: i.international ? 'no' : 'yes',
        summary: `move ${i.email}: ${i.from.name} → ${i.to.name}`,
      }),
      kind: 'move_user',
      from: i.from,
      to: i.to,
      numbers_to_pool: i.numbersToPool,
    };
  },
  deleteUser(i: UserOpInput & { restorableUntil: string }): Operation {
    return {
      ...base(userTarget(i.email, i.id), i, { reversible: `until ${i.restorableUntil}`, summary: `delete ${i.email}` }),
      kind: 'delete_user',
    };
  },
  restoreUser(i: UserOpInput): Operation {
    return {
      ...base(userTarget(i.email, i.id), i, { manual: true, summary: `restore deleted user ${i.email} (manual)` }),
      kind: 'restore_user',
    };
  },
  assignNumber(i: UserOpInput & { number: string; primary: boolean }): Operation {
    return {
      ...base(userTarget(i.email, i.id), i, { summary: `assign ${i.number} to ${i.email}${i.primary ? ' (primary)' : ''}` }),
      kind: 'assign_number',
      number: i.number,
      primary: i.primary,
    };
  },
  unassignNumber(i: UserOpInput & { number: string }): Operation {
    return {
      ...base(userTarget(i.email, i.id), i, { summary: `unassign ${i.number} from ${i.email} (to the reserved pool)` }),
      kind: 'unassign_number',
      number: i.number,
    };
  },
  releaseNumber(i: { number: string; source: string; notes?: string[] }): Operation {
    return {
      ...base({ type: 'number', number: i.number }, i, { reversible: 'no', summary: `release ${i.number} back to Dialpad` }),
      kind: 'release_number',
      number: i.number,
    };
  },
  transferLicenses(i: { line: LineType; count: number; from: OfficeRef; to: OfficeRef; toPurchasedAfter: number; source: string }): Operation {
    const what = `${i.count} ${LINE_LABELS[i.line]} license${i.count === 1 ? '' : 's'}`;
    return {
      ...base(officeTarget(i.to), {
        source: i.source,
        changes: [{ field: `licenses.${i.line}`, from: i.toPurchasedAfter - i.count, to: i.toPurchasedAfter }],
        notes: [
          `Company Settings › Licenses › Transfer Licenses: transfer ${what} from ${i.from.name} to ${i.to.name}.`,
          'Only unassigned licenses transfer; a Company Admin on an Advanced or Premium plan must do it.',
        ],
      }, { manual: true, summary: `transfer ${what} from ${i.from.name} to ${i.to.name} (manual)` }),
      kind: 'transfer_licenses',
      line: i.line,
      count: i.count,
      from: i.from,
      to: i.to,
      to_purchased_after: i.toPurchasedAfter,
    };
  },
  grantAnalytics(i: UserOpInput): Operation {
    return { ...base(userTarget(i.email, i.id), i, { manual: true, summary: `grant analytics to ${i.email} (manual)` }), kind: 'grant_analytics' };
  },
  revokeAnalytics(i: UserOpInput): Operation {
    return { ...base(userTarget(i.email, i.id), i, { manual: true, summary: `revoke analytics from ${i.email} (manual)` }), kind: 'revoke_analytics' };
  },
  grantProxy(i: UserOpInput): Operation {
    return { ...base(userTarget(i.email, i.id), i, { manual: true, summary: `grant proxy access to ${i.email} (manual)` }), kind: 'grant_proxy' };
  },
  revokeProxy(i: UserOpInput): Operation {
    return { ...base(userTarget(i.email, i.id), i, { manual: true, summary: `revoke proxy access from ${i.email} (manual)` }), kind: 'revoke_proxy' };
  },
};
