import { DialformError } from '../errors.js';
import type { OfficeRef, Operation, OperationKind, OperationOf, UserTarget } from '../plan/types.js';
import type { ApplyApi, OperationOutcome } from './types.js';

/**
 * Ids learned while applying: offices and users created earlier in the same run have no id in
 * the plan, so they are resolved by name / email and remembered.
 */
export interface ExecutionContext {
  api: ApplyApi;
  officeIds: Map<string, string>;
  userIds: Map<string, string>;
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
    const { admin_offices, ...rest } = op.patch;
    const body: Parameters<ApplyApi['updateUser']>[1] = { ...rest };
    if (admin_offices) body.admin_office_ids = await Promise.all(admin_offices.map((o) => resolveOffice(o, ctx)));
    await ctx.api.updateUser(id, body);
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
    await ctx.api.moveUser(await resolveUser(op.target, ctx), await resolveOffice(op.to, ctx));
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
  async restore_user(op, ctx) {
    const email = op.target.email;
    const user = await ctx.api.findUserByEmail(email);
    if (user && user.state !== 'deleted') {
      ctx.userIds.set(email, user.id);
      return DONE;
    }
    return { status: 'waiting', instructions: instructionsOf(op) };
  },
  // No API shows analytics or proxy access: apply cannot wait for them, so it reminds instead.
  grant_analytics: remind,
  revoke_analytics: remind,
  grant_proxy: remind,
  revoke_proxy: remind,
} satisfies { [K in OperationKind]: Executor<K> };

async function remind(op: Operation): Promise<OperationOutcome> {
  return { status: 'reminder', instructions: instructionsOf(op) };
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
