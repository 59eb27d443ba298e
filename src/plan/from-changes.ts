/**
 * Turns each `Change` into operation drafts (one change may give several, e.g. numbers).
 * License-count changes are collected and paired into transfers by `planTransfers`.
 */
import { planGroupSettings } from './group-settings-ops.js';
import type { Change, UserField } from '../diff/types.js';
import type { E911Address, OfficeCreateSpec, User, UserLicense } from '../model/tenant.js';
import { isCompleteE911 } from '../model/e911.js';
import { LINE_LABELS, lineOfLicense } from '../model/license-lines.js';
import { isInternationalMove, keepsNumbersOnMove, numbersPooledByMove } from '../model/international-move.js';
import { RESTORE_WINDOW_HOURS, restorableUntil } from '../model/restore-window.js';
import type { OfficeBook } from './office-refs.js';
import { operation } from './operations.js';
import { describeGroupNumbers, describeNumbersAfterMove, describePooled } from './describe-numbers.js';
import type { FieldChange, GroupRef, NewNumber, Operation, RoomRef, UserPatch } from './types.js';
import { roomOperations } from './room-operations.js';
import { GROUP_CONFIG_KEY, isAgentLicense } from '../model/groups.js';

export interface FromChangesContext {
  book: OfficeBook;
  /**
   * Now by Dialpad's clock (the live read's time, `LiveState.readAt`), from which restore windows
   * are dated; the planning machine's clock only when Dialpad sent none.
   */
  dialpadNow: Date;
  /** Numbers each live user holds (lower-cased email → numbers), for moves and deletes. */
  liveNumbers: (user: User) => readonly string[];
  /**
   * Numbers a number Dialpad chooses must never be (sorted): `reserved_numbers.keep`, numbers
   * config gives a user, numbers the plan releases. A function: built only if some change asks.
   */
  numbersNotToTake: () => readonly string[];
  /** A number's country (`indexNumberCountries`), so `excluding` lists only numbers Dialpad could offer there. */
  numberCountry: (number: string) => string | undefined;
  /**
   * The reserved pool as read, sorted, less the numbers moves planned so far have picked (each
   * pick is removed, so two users moved to one country never get the same number).
   */
  spareNumbers: string[];
  /** A group's reference by key (`createGroupBook`). */
  groupRef: (key: string) => GroupRef;
  /** A room's reference by key (`createRoomBook`). */
  roomRef: (key: string) => RoomRef;
  /** Numbers the plan releases (`release_number`), so a deletion's note says where its numbers end. */
  released: ReadonlySet<string>;
}

const sourceOf = (user: User | undefined): string => user?.source ?? (user === undefined ? 'unmanaged' : 'config');

function patchOf(fields: UserField[], book: OfficeBook): { patch: UserPatch; changes: FieldChange[] } {
  const patch: UserPatch = {};
  const changes: FieldChange[] = [];
  for (const f of fields) {
    changes.push({ field: f.field, from: f.from, to: f.to });
    switch (f.field) {
      case 'first_name': patch.first_name = f.to; break;
      case 'last_name': patch.last_name = f.to; break;
      case 'license': patch.license = f.to; break;
      case 'is_super_admin': patch.is_super_admin = f.to; break;
      case 'admin_offices': patch.admin_offices = f.to.map((k) => book.ref(k)); break;
      case 'email': patch.emails = [f.to]; break;
      case 'extension': patch.extension = f.to; break;
      case 'forwarding_numbers': patch.forwarding_numbers = f.to; break;
      case 'international_dialing_enabled': patch.international_dialing_enabled = f.to; break;
      case 'job_title': patch.job_title = f.to; break;
      default: {
        const _never: never = f;
        return _never;
      }
    }
  }
  return { patch, changes };
}

/** Operation drafts for every change except `office_licenses` (see `planTransfers`). */
export function operationsFromChange(c: Change, ctx: FromChangesContext): Operation[] {
  const { book } = ctx;
  switch (c.kind) {
    case 'create_office':
      return [
        operation.createOffice({
          office: book.ref(c.office.key),
          country: c.office.country,
          // `offices.<key>.e911` is what the office is created with when its `create:` block gives none.
          ...(c.office.create === undefined ? {} : { spec: withE911(c.office.create, c.office.e911) }),
          source: c.office.source ?? 'config',
          // Without a `create` block the step is blocked (`office_create_missing`), whose message says what to add.
          notes: c.office.create === undefined ? [] : ['The API creates secondary offices only; licenses come from transfers or a purchase.'],
        }),
      ];
    case 'rename_office':
      return [operation.renameOffice({ office: book.ref(c.office.key), name: c.office.name, source: c.office.source ?? 'config' })];
    case 'office_licenses':
      return [];
    // Not operations: the plan lists them under `waiting_for_provisioning` and `scheduled` (`buildPlan`).
    case 'await_provisioning':
    case 'schedule_lifecycle':
      return [];
    case 'create_user':
      return [
        operation.createUser({
          email: c.user.email,
          source: sourceOf(c.user),
          office: book.ref(c.user.office),
          firstName: c.user.firstName,
          lastName: c.user.lastName,
          license: c.user.license,
          changes: [{ field: 'office', to: c.user.office }, { field: 'license', to: c.user.license }],
        }),
        ...(c.user.admin.company || c.user.admin.offices.length > 0
          ? [operation.updateUser({ email: c.user.email, source: sourceOf(c.user), ...patchOf(adminFields(c.user), book) })]
          : []),
      ];
    case 'restore_user':
      return [
        operation.restoreUser({
          email: c.user.email,
          ...(c.live.id === undefined ? {} : { id: c.live.id }),
          ...restoreDeadline(c.live.deletedAt),
          source: sourceOf(c.user),
          changes: [{ field: 'state', from: 'deleted', to: 'active' }],
          notes: [
            `Admin Settings › Users › Deleted Users: restore ${c.live.email}. Possible only within ${RESTORE_WINDOW_HOURS} h of the deletion; after that the account is anonymized.`,
          ],
        }),
      ];
    case 'update_user':
      return [operation.updateUser({ email: c.user.email, ...idOf(c.live), source: sourceOf(c.user), ...patchOf(c.fields, book) })];
    case 'move_user': {
      const [fromCountry, toCountry] = [book.country(c.from).toUpperCase(), book.country(c.to).toUpperCase()];
      const international = isInternationalMove(fromCountry, toCountry);
      const held = ctx.liveNumbers(c.live);
      // Only move_office keeps internal numbers; PATCH office_id assigns no number Dialpad picks.
      const via = international && !keepsNumbersOnMove(held) ? 'office_id' : 'move_office';
      const newNumber = via === 'office_id' && c.user.numbers === undefined ? pickNewNumber(toCountry, ctx) : undefined;
      return [
        operation.moveUser({
          email: c.user.email,
          ...idOf(c.live),
          source: sourceOf(c.user),
          from: book.ref(c.from),
          to: book.ref(c.to),
          numbersToPool: numbersPooledByMove(held, fromCountry, toCountry),
          international,
          via,
          ...(newNumber === undefined ? {} : { newNumber }),
          changes: [{ field: 'office', from: c.from, to: c.to }],
          notes: [
            ...(c.partWay === true
              ? [`${c.user.email} is in ${book.ref(c.to).name} already, without the number this move gives: an earlier apply stopped part way (its journal shows it). This finishes the move.`]
              : []),
            ...(international ? [describeNumbersAfterMove({ email: c.user.email, fromCountry, toCountry, held, via, wanted: c.user.numbers, picked: newNumber?.number })] : []),
          ],
        }),
      ];
    }
    case 'suspend_user':
      return [
        operation.suspendUser({
          email: c.user?.email ?? c.live.email,
          ...idOf(c.live),
          source: sourceOf(c.user),
          changes: [{ field: 'state', from: c.live.state, to: 'suspended' }],
          notes: c.user === undefined ? ['Not in config and policy.unmanaged_users is suspend.'] : c.user.leavesOn === undefined ? [] : [`Leaves on ${c.user.leavesOn} (leaves_on).`],
        }),
      ];
    case 'reactivate_user':
      return [
        operation.reactivateUser({
          email: c.user.email,
          ...idOf(c.live),
          source: sourceOf(c.user),
          changes: [{ field: 'state', from: 'suspended', to: 'active' }],
        }),
      ];
    case 'delete_user': {
      const held = ctx.liveNumbers(c.live);
      // A pending (never accepted) user's numbers are deleted with them (`findNumbersDeletedWithPendingUsers`).
      const pooled = c.live.state === 'pending' ? [] : held;
      return [
        operation.deleteUser({
          email: c.live.email,
          ...idOf(c.live),
          source: c.user === undefined ? 'unmanaged' : sourceOf(c.user),
          restorableUntil: restorableUntil(ctx.dialpadNow).toISOString(),
          changes: [{ field: 'state', from: c.live.state, to: 'deleted' }],
          notes: [
            c.user === undefined
              ? 'Not in config and policy.unmanaged_users is delete.'
              : c.user.leavesOn === undefined
                ? 'Offboarded: their entry says state: deleted.'
                : `Left on ${c.user.leavesOn} (leaves_on); deleted policy.delete_after_days later.`,
            ...(pooled.length > 0 ? [`${describePooled(pooled)}.`] : []),
          ],
        }),
      ];
    }
    case 'user_numbers':
      return numberOperations(c);
    case 'release_number':
      return [
        operation.releaseNumber({
          number: c.number.number,
          source: c.listed ? 'reserved_numbers.release' : 'reserved_numbers.release_unlisted',
          notes: ['Irreversible: the number goes back to Dialpad.'],
        }),
      ];
    case 'create_group':
    case 'rename_group':
    case 'delete_group':
    case 'add_operator':
    case 'remove_operator':
    case 'set_skill':
      return groupOperations(c, ctx);
    case 'group_settings':
      return [planGroupSettings(c, ctx.groupRef)];
    case 'create_room':
    case 'rename_room':
    case 'delete_room':
    case 'room_numbers':
      return roomOperations(c, ctx);
    case 'office_e911':
      return [operation.updateOfficeE911({ office: book.ref(c.office.key), from: c.from, to: c.to, source: c.office.source ?? 'config' })];
    case 'user_e911':
      return [
        operation.updateUserE911({
          email: c.user.email,
          ...(c.live === undefined ? {} : idOf(c.live)),
          source: sourceOf(c.user),
          ...(c.from === undefined ? {} : { from: c.from }),
          to: c.to,
          ...(c.live === undefined ? { notes: ['A new account starts with its office\'s address; this sets the person\'s own.'] } : {}),
        }),
      ];
    case 'set_caller_id':
      return [
        operation.setCallerId({
          email: c.user.email,
          ...idOf(c.live),
          source: sourceOf(c.user),
          callerId: c.to,
          choices: c.live.callerIdChoices ?? [],
          changes: [{ field: 'caller_id', from: c.from === '' ? null : c.from, to: c.to }],
        }),
      ];
    default: {
      const _never: never = c;
      return _never;
    }
  }
}

/**
 * The number a user whose numbers config does not manage gets after an international move: the
 * first spare pool number of `country` config neither keeps, gives anyone nor releases, so the
 * plan names it; else none named, and Dialpad provisions one (see `NewNumber`).
 */
function pickNewNumber(country: string, ctx: FromChangesContext): NewNumber {
  const excluding = ctx.numbersNotToTake().filter((n) => [country, undefined].includes(ctx.numberCountry(n)));
  const notToTake = new Set(ctx.numbersNotToTake());
  const index = ctx.spareNumbers.findIndex((n) => !notToTake.has(n) && ctx.numberCountry(n) === country);
  if (index < 0) return { country, excluding };
  const [number] = ctx.spareNumbers.splice(index, 1);
  return { country, ...(number === undefined ? {} : { number }), excluding };
}

/** A restore's deadline from the deletion time Dialpad gave, when it gave a readable one. */
function restoreDeadline(deletedAt: string | undefined): { expiresAt?: string } {
  const at = deletedAt === undefined ? Number.NaN : Date.parse(deletedAt);
  return Number.isFinite(at) ? { expiresAt: restorableUntil(new Date(at)).toISOString() } : {};
}

function withE911(spec: OfficeCreateSpec, e911: Partial<E911Address> | undefined): OfficeCreateSpec {
  return spec.e911_address !== undefined || e911 === undefined || !isCompleteE911(e911) ? spec : { ...spec, e911_address: e911 };
}

function idOf(user: User): { id?: string } {
  return user.id === undefined ? {} : { id: user.id };
}

function adminFields(user: User): UserField[] {
  const fields: UserField[] = [];
  if (user.admin.company) fields.push({ field: 'is_super_admin', from: false, to: true });
  if (user.admin.offices.length > 0) fields.push({ field: 'admin_offices', from: [], to: [...user.admin.offices].sort() });
  return fields;
}

/**
 * Unassign what the user holds but should not, assign what they should hold but do not. A primary
 * that is already held but not first is re-established by unassigning and re-assigning it.
 */
function numberOperations(c: Extract<Change, { kind: 'user_numbers' }>): Operation[] {
  const ops: Operation[] = [];
  const id = c.live === undefined ? {} : idOf(c.live);
  const source = sourceOf(c.user);
  const primary = c.to[0];
  const reprimary = primary !== undefined && c.from.includes(primary) && c.from[0] !== primary;
  for (const n of c.from) {
    if (!c.to.includes(n) || (reprimary && n === primary)) {
      ops.push(operation.unassignNumber({ email: c.email, ...id, source, number: n, changes: [{ field: 'numbers', from: n }] }));
    }
  }
  for (const n of c.to) {
    if (!c.from.includes(n) || (reprimary && n === primary)) {
      ops.push(operation.assignNumber({ email: c.email, ...id, source, number: n, primary: n === primary, changes: [{ field: 'numbers', to: n }] }));
    }
  }
  return ops;
}

type GroupChange = Extract<Change, { kind: 'create_group' | 'rename_group' | 'delete_group' | 'add_operator' | 'remove_operator' | 'set_skill' }>;

/** `Sell`: the office license a user license takes. */
function describeLine(license: UserLicense): string {
  const line = lineOfLicense(license);
  return line === undefined ? license : LINE_LABELS[line];
}

/** `call_centers.support`: the config path a membership change concerns. */
const membershipField = (g: GroupRef): string => `${GROUP_CONFIG_KEY[g.group_type]}.${g.key}`;

function groupOperations(c: GroupChange, ctx: FromChangesContext): Operation[] {
  switch (c.kind) {
    case 'create_group':
      return [operation.createGroup({ group: ctx.groupRef(c.group.key), source: c.group.source ?? 'config' })];
    case 'rename_group':
      // The target as Dialpad names it now; `name` is the new one.
      return [operation.renameGroup({ group: { ...ctx.groupRef(c.live.key), name: c.live.name }, name: c.group.name, source: c.group.source ?? 'config' })];
    case 'delete_group': {
      const numbers = [...(c.live.numbers ?? [])].sort();
      return [
        operation.deleteGroup({
          group: ctx.groupRef(c.live.key),
          numbersToPool: numbers,
          source: 'unmanaged',
          notes: [
            'Not in config and policy.unmanaged_groups is delete. Irreversible: the API cannot restore a group; its operators lose the membership.',
            ...describeGroupNumbers(numbers, ctx.released),
          ],
        }),
      ];
    }
    case 'add_operator': {
      const group = ctx.groupRef(c.group.key);
      const callCenter = group.group_type === 'call_center';
      const licenseType = callCenter && isAgentLicense(c.user.license) ? c.user.license : undefined;
      const switches = callCenter && c.live !== undefined && !isAgentLicense(c.live.license);
      return [
        operation.addOperator({
          email: c.email,
          ...(c.live === undefined ? {} : idOf(c.live)),
          source: sourceOf(c.user),
          group,
          role: c.role,
          ...(c.skill === undefined ? {} : { skillLevel: c.skill }),
          ...(licenseType === undefined ? {} : { licenseType }),
          changes: [{ field: membershipField(group), to: c.role }, ...(c.skill === undefined ? [] : [{ field: `${membershipField(group)}.skill`, to: c.skill }])],
          notes: switches ? [`${c.email} holds license ${c.live?.license}: the change to ${c.user.license} runs first (Dialpad would switch it on the add), taking a ${describeLine(c.user.license)} license in their office.`] : [],
        }),
      ];
    }
    case 'remove_operator': {
      const group = ctx.groupRef(c.group.key);
      return [
        operation.removeOperator({
          email: c.email,
          ...idOf(c.live),
          source: c.user === undefined ? 'unmanaged' : sourceOf(c.user),
          group,
          role: c.role,
          changes: [{ field: membershipField(group), from: c.role }],
          notes: ['No license changes or is released by a removal.'],
        }),
      ];
    }
    case 'set_skill': {
      const group = ctx.groupRef(c.group.key);
      return [
        operation.setSkill({
          email: c.email,
          ...idOf(c.live),
          source: sourceOf(c.user),
          group,
          from: c.from,
          to: c.to,
          changes: [{ field: `${membershipField(group)}.skill`, from: c.from, to: c.to }],
        }),
      ];
    }
    default: {
      const _never: never = c;
      return _never;
    }
  }
}
