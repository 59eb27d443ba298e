import { BugError, DialformError } from '../errors.js';
import type { Operation, OfficeRef } from '../plan/types.js';
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

/** Runs one operation. API operations return `done` or throw; manual ones report whether they are done. */
export async function executeOperation(op: Operation, ctx: ExecutionContext): Promise<OperationOutcome> {
  switch (op.kind) {
    case 'create_office': {
      if (!op.spec) {
        throw new DialformError(
          'office_spec_missing',
          `cannot create office "${op.office.name}": its config entry has no \`create:\` block with the billing fields Dialpad requires`,
        );
      }
      const existing = await ctx.api.findOfficeByName(op.office.name);
      const id = existing ?? (await ctx.api.createOffice({ name: op.office.name, country: op.country, spec: op.spec })).id;
      ctx.officeIds.set(op.office.key, id);
      return { status: 'done' };
    }
    case 'create_user': {
      const officeId = await resolveOffice(op.office, ctx);
      const created = await ctx.api.createUser({
        email: op.email,
        officeId,
        firstName: op.first_name,
        lastName: op.last_name,
        license: op.license,
      });
      ctx.userIds.set(op.email, created.id);
      return { status: 'done' };
    }
    case 'update_user': {
      const id = await resolveUser(op, ctx);
      const { admin_offices, ...rest } = op.patch;
      const body: Parameters<ApplyApi['updateUser']>[1] = { ...rest };
      if (admin_offices) {
        body.admin_office_ids = await Promise.all(admin_offices.map((o) => resolveOffice(o, ctx)));
      }
      await ctx.api.updateUser(id, body);
      return { status: 'done' };
    }
    case 'suspend_user':
      await ctx.api.updateUser(await resolveUser(op, ctx), { state: 'suspended' });
      return { status: 'done' };
    case 'reactivate_user':
      await ctx.api.updateUser(await resolveUser(op, ctx), { state: 'active' });
      return { status: 'done' };
    case 'move_user':
      await ctx.api.moveUser(await resolveUser(op, ctx), await resolveOffice(op.to, ctx));
      return { status: 'done' };
    case 'delete_user':
      await ctx.api.deleteUser(await resolveUser(op, ctx));
      return { status: 'done' };
    case 'assign_number':
      await ctx.api.assignNumber(await resolveUser(op, ctx), op.number, op.primary);
      return { status: 'done' };
    case 'unassign_number':
      await ctx.api.unassignNumber(await resolveUser(op, ctx), op.number);
      return { status: 'done' };
    case 'release_number':
      await ctx.api.releaseNumber(op.number);
      return { status: 'done' };
    case 'transfer_licenses': {
      // Manual: done once the destination has bought-in the transferred licenses.
      const officeId = await resolveOffice(op.to, ctx);
      const purchased = await ctx.api.purchasedLicenses(officeId, op.line);
      if (purchased >= op.to_purchased_after) return { status: 'done' };
      return { status: 'waiting', instructions: [op.summary, ...op.notes].join('\n') };
    }
    case 'restore_user': {
      const email = userEmail(op);
      const user = await ctx.api.findUserByEmail(email);
      if (user && user.state !== 'deleted') {
        ctx.userIds.set(email, user.id);
        return { status: 'done' };
      }
      return { status: 'waiting', instructions: [op.summary, ...op.notes].join('\n') };
    }
    case 'grant_analytics':
    case 'revoke_analytics':
    case 'grant_proxy':
    case 'revoke_proxy':
      // No API shows these: apply cannot wait for them, so it reminds instead of blocking.
      return { status: 'reminder', instructions: [op.summary, ...op.notes].join('\n') };
    default: {
      const _never: never = op;
      throw new BugError(`unknown operation kind ${JSON.stringify(_never)}`);
    }
  }
}

function userEmail(op: Operation): string {
  if (op.target.type !== 'user') throw new BugError(`${op.id} (${op.kind}) does not target a user`);
  return op.target.email;
}

async function resolveUser(op: Operation, ctx: ExecutionContext): Promise<string> {
  const email = userEmail(op);
  const known = ctx.userIds.get(email) ?? (op.target.type === 'user' ? op.target.id : undefined);
  if (known) return known;
  const found = await ctx.api.findUserByEmail(email);
  if (!found) throw new DialformError('user_not_found', `user ${email} does not exist in Dialpad`);
  ctx.userIds.set(email, found.id);
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
