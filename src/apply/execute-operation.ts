import { DialformError } from '../errors.js';
import { pickPhoneSettings } from '../model/phone-settings.js';
import type { LiveState } from '../model/tenant.js';
import type { OfficeRef, Operation, OperationKind, OperationOf, UserTarget } from '../plan/types.js';
import type { ApplyApi, OperationOutcome } from './types.js';
import { findConfirmed, type ConfirmedGrant } from '../model/confirmed-grants.js';
import { PERMISSION_EFFECT, type PermissionOperation } from '../plan/permission-changes.js';
import { GROUP_EXECUTORS, type GroupExecution } from './execute-groups.js';
import { ROOM_EXECUTORS, type RoomExecution } from './execute-rooms.js';
import { specOf } from '../plan/kinds/index.js';

/**
 * Ids learned while applying: offices and users created earlier in the same run have no id in
 * the plan, so they are resolved by name / email and remembered.
 */
export interface ExecutionContext {
  api: ApplyApi;
  /** The confirmations file's entries: how apply knows an analytics or proxy step is done. */
  confirmed: readonly ConfirmedGrant[];
  officeIds: Map<string, string>;
  userIds: Map<string, string>;
  /** Group keys → live ids learned while applying (groups created in this run). */
  groupIds: Map<string, string>;
  /** Room keys → live ids learned while applying (rooms created in this run); absent: none yet. */
  roomIds?: Map<string, string>;
}

type Executor<K extends OperationKind> = (op: OperationOf<K>, ctx: ExecutionContext) => Promise<OperationOutcome>;

const DONE: OperationOutcome = { status: 'done' };

/** The manual step's instructions, as the plan words them. */
const instructionsOf = (op: Operation): string => [op.summary, ...op.notes].join('\n');

/**
 * How apply carries out each kind: API operations return `done` or throw; manual ones report
 * whether the person has done them yet. One executor per kind (a missing one fails to compile).
 */
const EXECUTORS = {
  async create_office(op, ctx) {
    if (!op.spec) {
      throw new DialformError(
        'office_spec_missing',
        `cannot create office "${op.office.name}": its config entry has no \`create:\` block with the billing fields Dialpad requires`,
      );
    }
    const existing = await ctx.api.findOfficeByName(op.office.name);
    const id = existing ?? (await ctx.api.createOffice({ name: op.office.name, country: op.country, spec: op.spec })).id;
    ctx.officeIds.set(op.office.key, id);
    return DONE;
  },
  async create_user(op, ctx) {
    const officeId = await resolveOffice(op.office, ctx);
    const created = await ctx.api.createUser({
      email: op.email,
      officeId,
      firstName: op.first_name,
      lastName: op.last_name,
      license: op.license,
    });
    ctx.userIds.set(op.email, created.id);
    return DONE;
  },
  async update_user(op, ctx) {
    const id = await resolveUser(op.target, ctx);
    const { first_name, last_name, emails, license, is_super_admin, admin_offices, ...settings } = op.patch;
    const picked = pickPhoneSettings(settings);
    await ctx.api.updateUser(id, {
      ...(picked === undefined ? {} : { settings: picked }),
      ...(first_name === undefined ? {} : { firstName: first_name }),
      ...(last_name === undefined ? {} : { lastName: last_name }),
      ...(emails === undefined ? {} : { emails }),
      ...(license === undefined ? {} : { license }),
      ...(is_super_admin === undefined ? {} : { isSuperAdmin: is_super_admin }),
      ...(admin_offices === undefined ? {} : { adminOfficeIds: await Promise.all(admin_offices.map((o) => resolveOffice(o, ctx))) }),
    });
    return DONE;
  },
  async suspend_user(op, ctx) {
    await ctx.api.updateUser(await resolveUser(op.target, ctx), { state: 'suspended' });
    return DONE;
  },
  async reactivate_user(op, ctx) {
    await ctx.api.updateUser(await resolveUser(op.target, ctx), { state: 'active' });
    return DONE;
  },
  async move_user(op, ctx) {
    const [id, officeId] = [await resolveUser(op.target, ctx), await resolveOffice(op.to, ctx)];
    if (op.via === 'move_office') {
      await ctx.api.moveUser(id, officeId);
      return DONE;
    }
    await moveWithoutNumbers(op, { id, officeId }, ctx);
    return DONE;
  },
  async delete_user(op, ctx) {
    await ctx.api.deleteUser(await resolveUser(op.target, ctx));
    return DONE;
  },
  async assign_number(op, ctx) {
    await ctx.api.assignNumber(await resolveUser(op.target, ctx), op.number, op.primary);
    return DONE;
  },
  async unassign_number(op, ctx) {
    await ctx.api.unassignNumber(await resolveUser(op.target, ctx), op.number);
    return DONE;
  },
  async release_number(op, ctx) {
    await ctx.api.releaseNumber(op.number);
    return DONE;
  },
  async transfer_licenses(op, ctx) {
    // Manual: done once the destination has bought-in the transferred licenses.
    const purchased = await ctx.api.purchasedLicenses(await resolveOffice(op.to, ctx), op.line);
    return purchased >= op.to_purchased_after ? DONE : { status: 'waiting', instructions: instructionsOf(op) };
  },
  async buy_licenses(op, ctx) {
    // Manual (a purchase): done once the office has bought the licenses.
    const purchased = await ctx.api.purchasedLicenses(await resolveOffice(op.target, ctx), op.line);
    return purchased >= op.purchased_after ? DONE : { status: 'waiting', instructions: instructionsOf(op) };
  },
  async cancel_licenses(op, ctx) {
    // Manual (billing): done once the office has no more licenses than config asks for.
    const purchased = await ctx.api.purchasedLicenses(await resolveOffice(op.target, ctx), op.line);
    return purchased <= op.purchased_after ? DONE : { status: 'waiting', instructions: instructionsOf(op) };
  },
  async change_account_type(op, ctx) {
    // Manual (billing): done once Dialpad reports the tier config asserts.
    return (await ctx.api.accountType()) === op.account_type ? DONE : { status: 'waiting', instructions: instructionsOf(op) };
  },
  async rename_office(op, ctx) {
    // Manual: done once Dialpad shows the office under the name config gives it, exactly.
    const name = await ctx.api.officeName(await resolveOffice(op.target, ctx));
    return name === op.name ? DONE : { status: 'waiting', instructions: instructionsOf(op) };
  },
  async restore_user(op, ctx) {
    const email = op.target.email;
    const user = await ctx.api.findUserByEmail(email);
    if (user && user.state !== 'deleted') {
      ctx.userIds.set(email, user.id);
      return DONE;
    }
    return { status: 'waiting', instructions: instructionsOf(op) };
  },
  // No API shows analytics or proxy access: done once an operator confirmed it (`dialform confirm`).
  grant_analytics: awaitConfirmation,
  revoke_analytics: awaitConfirmation,
  grant_proxy: awaitConfirmation,
  revoke_proxy: awaitConfirmation,
  create_group: (op, ctx) => GROUP_EXECUTORS.create_group(op, groupExecution(ctx)),
  rename_group: (op, ctx) => GROUP_EXECUTORS.rename_group(op, groupExecution(ctx)),
  delete_group: (op, ctx) => GROUP_EXECUTORS.delete_group(op, groupExecution(ctx)),
  add_operator: (op, ctx) => GROUP_EXECUTORS.add_operator(op, groupExecution(ctx)),
  remove_operator: (op, ctx) => GROUP_EXECUTORS.remove_operator(op, groupExecution(ctx)),
  set_skill: (op, ctx) => GROUP_EXECUTORS.set_skill(op, groupExecution(ctx)),
  update_group_settings: (op, ctx) => GROUP_EXECUTORS.update_group_settings(op, groupExecution(ctx)),
  create_room: (op, ctx) => ROOM_EXECUTORS.create_room(op, roomExecution(ctx)),
  rename_room: (op, ctx) => ROOM_EXECUTORS.rename_room(op, roomExecution(ctx)),
  delete_room: (op, ctx) => ROOM_EXECUTORS.delete_room(op, roomExecution(ctx)),
  assign_room_number: (op, ctx) => ROOM_EXECUTORS.assign_room_number(op, roomExecution(ctx)),
  unassign_room_number: (op, ctx) => ROOM_EXECUTORS.unassign_room_number(op, roomExecution(ctx)),
  async update_office_e911(op, ctx) {
    await ctx.api.setOfficeE911(await resolveOffice(op.target, ctx), op.e911_address);
    return DONE;
  },
  async update_user_e911(op, ctx) {
    await ctx.api.setUserE911(await resolveUser(op.target, ctx), op.e911_address);
    return DONE;
  },
  async set_caller_id(op, ctx) {
    await ctx.api.setCallerId(await resolveUser(op.target, ctx), op.caller_id);
    return DONE;
  },
} satisfies { [K in OperationKind]: Executor<K> };

/** The room executors' view of the context. */
function roomExecution(ctx: ExecutionContext): RoomExecution {
  return { api: ctx.api, roomIds: (ctx.roomIds ??= new Map()), resolveOffice: (ref) => resolveOffice(ref, ctx) };
}

/** The group executors' view of the context. */
function groupExecution(ctx: ExecutionContext): GroupExecution {
  return {
    api: ctx.api,
    groupIds: ctx.groupIds,
    resolveUser: (target) => resolveUser(target, ctx),
    resolveOffice: (ref) => resolveOffice(ref, ctx),
  };
}

/** `done` when the confirmations record the value the step leaves, else `waiting` with the instructions. */
async function awaitConfirmation(op: PermissionOperation, ctx: ExecutionContext): Promise<OperationOutcome> {
  const { attribute, value } = PERMISSION_EFFECT[op.kind];
  if (findConfirmed(ctx.confirmed, [op.target.email], attribute) === value) return DONE;
  return { status: 'waiting', instructions: instructionsOf(op) };
}

/**
 * An international move through `PATCH /users/{id}` `office_id`, so no number depends on what
 * Dialpad would auto-assign: the numbers leave to the pool first (the API refuses the PATCH while
 * the user holds any), then the user moves; then, with `new_number`, the user gets the pool number
 * the plan named, or, when it named none, one Dialpad provisions (the plan allows that only while
 * the pool holds no number of the country, so Dialpad cannot take a pool number). No number the
 * plan did not name is ever put on the user, so a kill at any write leaves nothing to take back.
 * Each step reads before it writes, so a rerun after a stop part way finishes the rest.
 */
async function moveWithoutNumbers(op: OperationOf<'move_user'>, user: { id: string; officeId: string }, ctx: ExecutionContext): Promise<void> {
  const now = await ctx.api.readUserNumbers(user.id);
  for (const n of op.numbers_to_pool) if (now.numbers.includes(n)) await ctx.api.unassignNumber(user.id, n);
  if (now.officeId !== user.officeId) await ctx.api.setUserOffice(user.id, user.officeId);
  const wanted = op.new_number;
  if (wanted === undefined) return;
  const held = now.numbers.filter((n) => !op.numbers_to_pool.includes(n));
  try {
    if (wanted.number !== undefined) {
      if (!held.includes(wanted.number)) await ctx.api.assignNumber(user.id, wanted.number, true);
      return;
    }
    if (held.length > 0) return;
    const number = await ctx.api.assignChosenNumber(user.id, held);
    if (wanted.excluding.includes(number)) {
      // Only if the pool changed since the plan was checked: the reviewed plan keeps this number off the user.
      await ctx.api.unassignNumber(user.id, number);
      throw new DialformError('api_error', `Dialpad gave ${number}, a number config keeps or gives someone, from the reserved pool, which held no ${wanted.country} number when the plan was made; it went back to the pool`);
    }
  } catch (err) {
    // The one state a later plan cannot tell from a user who never had a number: say it, with the way out.
    const message = err instanceof Error ? err.message : String(err);
    throw new DialformError(
      'api_error',
      `${op.target.email} is now in ${op.to.name} without a number: ${message}. ` +
        `Give them one: list it under numbers: in their entry and apply again, or assign one in Dialpad`,
    );
  }
}

/**
 * Whether `op`'s write already shows in `live`, a fresh read of Dialpad: its kind's `landed`
 * (`KindSpec`). A manual kind never writes, so it never landed: apply never sends it either.
 */
export function hasLanded(op: Operation, live: LiveState): boolean {
  const spec = specOf(op);
  return spec.manual === false && spec.landed(op, live);
}

/** Runs one operation with its kind's executor. */
export function executeOperation(op: Operation, ctx: ExecutionContext): Promise<OperationOutcome> {
  // The `satisfies` above pairs each kind with its executor; TypeScript cannot follow that
  // correlation through `op.kind`, hence the one widening here.
  const execute = EXECUTORS[op.kind] as Executor<OperationKind>;
  return execute(op, ctx);
}

async function resolveUser(target: UserTarget, ctx: ExecutionContext): Promise<string> {
  const known = ctx.userIds.get(target.email) ?? target.id;
  if (known) return known;
  const found = await ctx.api.findUserByEmail(target.email);
  if (!found) throw new DialformError('user_not_found', `user ${target.email} does not exist in Dialpad`);
  ctx.userIds.set(target.email, found.id);
  return found.id;
}

async function resolveOffice(ref: OfficeRef, ctx: ExecutionContext): Promise<string> {
  const known = ctx.officeIds.get(ref.key) ?? ref.id;
  if (known) return known;
  const found = await ctx.api.findOfficeByName(ref.name);
  if (!found) throw new DialformError('office_not_found', `office "${ref.name}" does not exist in Dialpad`);
  ctx.officeIds.set(ref.key, found);
  return found;
}
