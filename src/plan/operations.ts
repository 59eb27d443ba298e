/**
 * Typed constructors, one per operation kind: the only way operations are built. Each returns
 * its kind's variant as a draft with `id: ''`, `after: []` and `office_key: null`;
 * `orderOperations` fills all three once the order is known. The `summary` each writes is the
 * one sentence a reviewer reads for the operation; `kinds/`'s `describe` adds only what it omits.
 */
import type { AccountType, CallerIdChoice, E911Address, GroupRole, LineType, OfficeCreateSpec, UserLicense } from '../model/tenant.js';
import { formatE911 } from '../model/e911.js';
import { GROUP_LABELS } from '../model/groups.js';
import type { PlannedGroupSettings } from './group-settings-types.js';
import { countOf } from './plural.js';
import { KINDS } from './kinds/index.js';
import { LINE_KINDS, LINE_LABELS } from '../model/license-lines.js';
import type { FieldChange, GroupRef, GroupTarget, ManualStep, MoveVia, NewNumber, OfficeRef, OfficeTarget, OperationKind, OperationOf, Reversible, Target, UserPatch, UserTarget } from './types.js';

interface UserOpInput {
  email: string;
  /** Live id; absent for a user created in this plan. */
  id?: string;
  source: string;
  changes?: FieldChange[];
  notes?: string[];
}

function userTarget(email: string, id?: string): UserTarget {
  return id === undefined ? { type: 'user', email } : { type: 'user', email, id };
}

export function base<K extends OperationKind, T extends Target>(kind: K, target: T, input: { source: string; changes?: FieldChange[]; notes?: string[] }, extra: {
  /**
   * A manual kind's step (its entry in `KINDS` says whether the kind is manual and how it is
   * verified): its id, by default the kind (one bulk step for every user), and its deadline.
   */
  step?: { id: string; expiresAt?: string };
  reversible?: Reversible;
  summary: string;
}) {
  const manual = KINDS[kind].manual;
  return {
    id: '',
    kind,
    target,
    changes: input.changes ?? [],
    manual: manual !== false,
    ...(manual === false ? {} : { step: pendingStep(extra.step?.id ?? kind, manual.verifiedBy, extra.step?.expiresAt) }),
    reversible: extra.reversible ?? 'yes',
    source: input.source,
    after: [],
    summary: extra.summary,
    notes: input.notes ?? [],
    office_key: null,
  };
}

/** A pending manual step. */
function pendingStep(id: string, verifiedBy: ManualStep['verified_by'], expiresAt?: string): ManualStep {
  return { id, verified_by: verifiedBy, state: 'pending', ...(expiresAt === undefined ? {} : { expires_at: expiresAt }) };
}

const officeTarget = (o: OfficeRef): OfficeTarget =>
  o.id === undefined ? { type: 'office', key: o.key, name: o.name } : { type: 'office', key: o.key, id: o.id, name: o.name };

const groupTarget = (g: GroupRef): GroupTarget => ({ type: 'group', ...g });

/** `call center Support`. */
const groupName = (g: GroupRef): string => `${GROUP_LABELS[g.group_type]} ${g.name}`;

export const operation = {
  createOffice(i: { office: OfficeRef; country: string; spec?: OfficeCreateSpec; source: string; notes?: string[] }): OperationOf<'create_office'> {
    return {
      ...base('create_office', officeTarget(i.office), i, { reversible: 'no', summary: `create office ${i.office.name} (${i.country})` }),
      office: i.office,
      country: i.country,
      ...(i.spec === undefined ? {} : { spec: i.spec }),
    };
  },
  createUser(i: UserOpInput & { office: OfficeRef; firstName: string; lastName: string; license: UserLicense }): OperationOf<'create_user'> {
    return {
      ...base('create_user', userTarget(i.email), i, { summary: `create user ${i.email} in ${i.office.name} (${i.license})` }),
      email: i.email,
      office: i.office,
      first_name: i.firstName,
      last_name: i.lastName,
      license: i.license,
    };
  },
  updateUser(i: UserOpInput & { patch: UserPatch }): OperationOf<'update_user'> {
    const fields = (i.changes ?? []).map((c) => c.field).join(', ');
    return { ...base('update_user', userTarget(i.email, i.id), i, { summary: `update ${i.email}: ${fields}` }), patch: i.patch };
  },
  suspendUser(i: UserOpInput): OperationOf<'suspend_user'> {
    return base('suspend_user', userTarget(i.email, i.id), i, { summary: `suspend ${i.email}` });
  },
  reactivateUser(i: UserOpInput): OperationOf<'reactivate_user'> {
    return base('reactivate_user', userTarget(i.email, i.id), i, { summary: `reactivate ${i.email}` });
  },
  moveUser(
    i: UserOpInput & { from: OfficeRef; to: OfficeRef; numbersToPool: string[]; international: boolean; via: MoveVia; newNumber?: NewNumber },
  ): OperationOf<'move_user'> {
    return {
      ...base('move_user', userTarget(i.email, i.id), i, {
        // An international move provisions a new number and pools the old ones: not simply undone.
        reversible: i.international ? 'no' : 'yes',
        summary: `move ${i.email}: ${i.from.name} → ${i.to.name}`,
      }),
      from: i.from,
      to: i.to,
      numbers_to_pool: i.numbersToPool,
      via: i.via,
      ...(i.newNumber === undefined ? {} : { new_number: i.newNumber }),
    };
  },
  /** `restorableUntil` undefined: the deletion cannot be undone (a pending user's numbers go with them). */
  deleteUser(i: UserOpInput & { restorableUntil: string | undefined }): OperationOf<'delete_user'> {
    const reversible: Reversible = i.restorableUntil === undefined ? 'no' : `until ${i.restorableUntil}`;
    return {
      ...base('delete_user', userTarget(i.email, i.id), i, { reversible, summary: `delete ${i.email}` }),
    };
  },
  restoreUser(i: UserOpInput & { expiresAt?: string }): OperationOf<'restore_user'> {
    return {
      ...base('restore_user', userTarget(i.email, i.id), i, {
        step: { id: `restore_user:${i.email}`, ...(i.expiresAt === undefined ? {} : { expiresAt: i.expiresAt }) },
        summary: `restore deleted user ${i.email} (manual)`,
      }),
    };
  },
  assignNumber(i: UserOpInput & { number: string; primary: boolean }): OperationOf<'assign_number'> {
    return {
      ...base('assign_number', userTarget(i.email, i.id), i, { summary: `assign ${i.number} to ${i.email}${i.primary ? ' (primary)' : ''}` }),
      number: i.number,
      primary: i.primary,
    };
  },
  unassignNumber(i: UserOpInput & { number: string }): OperationOf<'unassign_number'> {
    return {
      ...base('unassign_number', userTarget(i.email, i.id), i, { summary: `unassign ${i.number} from ${i.email} (to the reserved pool)` }),
      number: i.number,
    };
  },
  releaseNumber(i: { number: string; source: string; notes?: string[] }): OperationOf<'release_number'> {
    return {
      ...base('release_number', { type: 'number', number: i.number }, i, { reversible: 'no', summary: `release ${i.number} back to Dialpad` }),
      number: i.number,
    };
  },
  buyLicenses(i: { line: LineType; count: number; office: OfficeRef; purchasedAfter: number; source: string }): OperationOf<'buy_licenses'> {
    const what = countOf(i.count, `${LINE_LABELS[i.line]} license`);
    return {
      ...base('buy_licenses', officeTarget(i.office), {
        source: i.source,
        changes: [{ field: `licenses.${i.line}`, from: i.purchasedAfter - i.count, to: i.purchasedAfter }],
        notes: [
          `No office has unassigned ${LINE_LABELS[i.line]} licenses to transfer, and dialform cannot buy licenses (the API cannot): ` +
            `buy ${what} for ${i.office.name} in Company Settings › Licenses › ${LINE_KINDS[i.line].category}, or through Dialpad's Customer Care.`,
          `Or lower licenses.${i.line} for ${i.office.key} in config.`,
        ],
      }, {
        step: { id: `buy_licenses:${i.line}:${i.office.key}` },
        summary: `buy ${what} for ${i.office.name} (manual: a purchase)`,
      }),
      line: i.line,
      count: i.count,
      purchased_after: i.purchasedAfter,
    };
  },
  cancelLicenses(i: { line: LineType; count: number; office: OfficeRef; purchasedAfter: number; source: string }): OperationOf<'cancel_licenses'> {
    const what = countOf(i.count, `${LINE_LABELS[i.line]} license`);
    return {
      ...base('cancel_licenses', officeTarget(i.office), {
        source: i.source,
        changes: [{ field: `licenses.${i.line}`, from: i.purchasedAfter + i.count, to: i.purchasedAfter }],
        notes: [
          `${i.office.name} has ${what} more than config asks for and no office takes them; dialform cannot cancel licenses (the API cannot): ` +
            `remove them in Company Settings › Licenses › ${LINE_KINDS[i.line].category} (billing), or through Dialpad's Customer Care.`,
          `Or raise licenses.${i.line} for ${i.office.key} in config to keep them.`,
        ],
      }, {
        step: { id: `cancel_licenses:${i.line}:${i.office.key}` },
        summary: `cancel ${what} of ${i.office.name} (manual: billing)`,
      }),
      line: i.line,
      count: i.count,
      purchased_after: i.purchasedAfter,
    };
  },
  changeAccountType(i: { from: AccountType; to: AccountType; name?: string; source: string }): OperationOf<'change_account_type'> {
    return {
      ...base('change_account_type', i.name === undefined ? { type: 'company' as const } : { type: 'company' as const, name: i.name }, {
        source: i.source,
        changes: [{ field: 'account_type', from: i.from, to: i.to }],
        notes: [
          `Dialpad reports the plan tier (account_type) "${i.from}", config asserts "${i.to}", and dialform cannot change it (the API cannot): ` +
            "change the plan in Dialpad's billing settings, or with Dialpad's Customer Care.",
          `Or set company.account_type to "${i.from}" in config.`,
        ],
      }, {
        step: { id: 'change_account_type' },
        summary: `change ${i.name ?? 'the company'}'s plan tier from ${i.from} to ${i.to} (manual: billing)`,
      }),
      account_type: i.to,
    };
  },
  renameOffice(i: { office: OfficeRef; name: string; source: string }): OperationOf<'rename_office'> {
    return {
      ...base('rename_office', officeTarget(i.office), {
        source: i.source,
        changes: [{ field: 'name', from: i.office.name, to: i.name }],
        notes: [
          `Admin Settings › Offices › ${i.office.name} › Office settings: change the office name to ${i.name}. ` +
            "Dialpad's API cannot rename an office; until it is done, Dialpad and these steps call it " + `${i.office.name}.`,
        ],
      }, {
        step: { id: `rename_office:${i.office.key}` },
        summary: `rename office ${i.office.name} to ${i.name} (manual)`,
      }),
      name: i.name,
    };
  },
  transferLicenses(i: { line: LineType; count: number; from: OfficeRef; to: OfficeRef; toPurchasedAfter: number; source: string }): OperationOf<'transfer_licenses'> {
    const what = countOf(i.count, `${LINE_LABELS[i.line]} license`);
    return {
      ...base('transfer_licenses', officeTarget(i.to), {
        source: i.source,
        changes: [{ field: `licenses.${i.line}`, from: i.toPurchasedAfter - i.count, to: i.toPurchasedAfter }],
        notes: [
          `Company Settings › Licenses › ${LINE_KINDS[i.line].category} › Transfer Licenses: transfer ${what} from ${i.from.name} to ${i.to.name}.`,
          'Only unassigned licenses transfer; a Company Admin on an Advanced or Premium plan must do it.',
        ],
      }, {
        step: { id: `transfer_licenses:${i.line}:${i.from.key}:${i.to.key}` },
        summary: `transfer ${what} from ${i.from.name} to ${i.to.name} (manual)`,
      }),
      line: i.line,
      count: i.count,
      from: i.from,
      to: i.to,
      to_purchased_after: i.toPurchasedAfter,
    };
  },
  grantAnalytics(i: UserOpInput): OperationOf<'grant_analytics'> {
    return base('grant_analytics', userTarget(i.email, i.id), i, { summary: `grant analytics to ${i.email} (manual)` });
  },
  revokeAnalytics(i: UserOpInput): OperationOf<'revoke_analytics'> {
    return base('revoke_analytics', userTarget(i.email, i.id), i, { summary: `revoke analytics from ${i.email} (manual)` });
  },
  grantProxy(i: UserOpInput): OperationOf<'grant_proxy'> {
    return base('grant_proxy', userTarget(i.email, i.id), i, { summary: `grant proxy access to ${i.email} (manual)` });
  },
  createGroup(i: { group: GroupRef; source: string; notes?: string[] }): OperationOf<'create_group'> {
    return {
      ...base('create_group', groupTarget(i.group), { ...i, changes: [{ field: 'name', to: i.group.name }, { field: 'office', to: i.group.office.key }] }, {
        summary: `create ${groupName(i.group)} in ${i.group.office.name}`,
      }),
      group: i.group,
    };
  },
  renameGroup(i: { group: GroupRef; name: string; source: string }): OperationOf<'rename_group'> {
    return {
      ...base('rename_group', groupTarget(i.group), { ...i, changes: [{ field: 'name', from: i.group.name, to: i.name }] }, {
        summary: `rename ${groupName(i.group)} to ${i.name}`,
      }),
      name: i.name,
    };
  },
  /** An absolute value per field: writing the old values back undoes it. */
  updateGroupSettings(i: { group: GroupRef; settings: PlannedGroupSettings; changes: FieldChange[]; source: string; notes?: string[] }): OperationOf<'update_group_settings'> {
    return {
      ...base('update_group_settings', groupTarget(i.group), i, { summary: `update how ${groupName(i.group)} answers` }),
      settings: i.settings,
    };
  },
  /** Irreversible: the API has no restore for a deleted group. */
  deleteGroup(i: { group: GroupRef; numbersToPool: readonly string[]; source: string; notes?: string[] }): OperationOf<'delete_group'> {
    return {
      ...base('delete_group', groupTarget(i.group), i, { reversible: 'no', summary: `delete ${groupName(i.group)}` }),
      ...(i.numbersToPool.length === 0 ? {} : { numbers_to_pool: [...i.numbersToPool] }),
    };
  },
  addOperator(i: UserOpInput & { group: GroupRef; role: GroupRole; skillLevel?: number; licenseType?: UserLicense }): OperationOf<'add_operator'> {
    const skill = i.skillLevel === undefined ? '' : `, skill ${i.skillLevel}`;
    return {
      ...base('add_operator', userTarget(i.email, i.id), i, { summary: `add ${i.email} to ${groupName(i.group)} as ${i.role}${skill}` }),
      group: i.group,
      role: i.role,
      ...(i.skillLevel === undefined ? {} : { skill_level: i.skillLevel }),
      ...(i.licenseType === undefined ? {} : { license_type: i.licenseType }),
    };
  },
  removeOperator(i: UserOpInput & { group: GroupRef; role: GroupRole }): OperationOf<'remove_operator'> {
    return {
      ...base('remove_operator', userTarget(i.email, i.id), i, { summary: `remove ${i.email} from ${groupName(i.group)} (${i.role})` }),
      group: i.group,
      role: i.role,
    };
  },
  setCallerId(i: UserOpInput & { callerId: string; choices: CallerIdChoice[] }): OperationOf<'set_caller_id'> {
    return { ...base('set_caller_id', userTarget(i.email, i.id), i, { summary: `set ${i.email}'s caller ID to ${i.callerId}` }), caller_id: i.callerId, choices: i.choices };
  },
  setSkill(i: UserOpInput & { group: GroupRef; from: number; to: number }): OperationOf<'set_skill'> {
    return {
      ...base('set_skill', userTarget(i.email, i.id), i, { summary: `set ${i.email}'s skill in ${groupName(i.group)}: ${i.from} → ${i.to}` }),
      group: i.group,
      skill_level: i.to,
    };
  },
  updateOfficeE911(i: { office: OfficeRef; from: Partial<E911Address>; to: E911Address; source: string }): OperationOf<'update_office_e911'> {
    return {
      ...base('update_office_e911', officeTarget(i.office), {
        source: i.source,
        changes: [{ field: 'e911_address', from: formatE911(i.from), to: formatE911(i.to) }],
        notes: [`The office's address only: its users keep their own E911 addresses (update_all: false); declare users[].e911 for those that change too.`],
      }, { summary: `update the E911 address of office ${i.office.name}` }),
      e911_address: i.to,
    };
  },
  updateUserE911(i: UserOpInput & { from?: Partial<E911Address>; to: E911Address }): OperationOf<'update_user_e911'> {
    return {
      ...base('update_user_e911', userTarget(i.email, i.id), { ...i, changes: [{ field: 'e911_address', from: formatE911(i.from), to: formatE911(i.to) }] }, {
        summary: `update ${i.email}'s own E911 address`,
      }),
      e911_address: i.to,
    };
  },
  revokeProxy(i: UserOpInput): OperationOf<'revoke_proxy'> {
    return base('revoke_proxy', userTarget(i.email, i.id), i, { summary: `revoke proxy access from ${i.email} (manual)` });
  },
};
