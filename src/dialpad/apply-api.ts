import type { ApplyApi } from '../apply/types.js';
import { compareIds } from '../model/ids.js';
import { LINE_FIELD } from '../model/license-lines.js';
import { isSameOfficeName } from '../model/office-names.js';
import { DialformError } from '../errors.js';
import { ApiError } from './api-error.js';
import type { DialpadClient } from './client.js';
import { confirmNumberAssigned } from './confirm-writes.js';
import { createGroupApplyApi } from './apply-api-groups.js';

/**
 * The writes apply makes, on the Dialpad client. Each call carries a label naming the object,
 * so an `ApiError` says which operation failed ("create user ada@acme.com: 400 …").
 */
export function createApplyApi(client: DialpadClient): ApplyApi {
  return {
    async createOffice({ name, country, spec }) {
      const res = await client.createOffice({ name, country, ...spec }, { label: `create office "${name}"` });
      return { id: String(res.office?.id ?? res.office?.office_id ?? '') };
    },
    async findOfficeByName(name) {
      // Like matchOffices: the same name trimmed and case-insensitive; of several, the smallest id.
      const ids = (await client.listOffices())
        .filter((o) => o.id !== undefined && isSameOfficeName(o.name ?? '', name))
        .map((o) => String(o.id))
        .sort(compareIds);
      return ids[0];
    },
    // Looked up first: a user the plan's read did not bring (a list that ended early) is refused,
    // not created twice. One request per create; a create that did land is settled by `LANDED` on resume.
    async createUser({ email, officeId, firstName, lastName, license }) {
      const existing = (await client.listUsers({ state: 'all', email })).find((u) => u.state !== 'deleted' && u.emails?.some((e) => e.toLowerCase() === email.toLowerCase()));
      if (existing !== undefined) {
        throw new DialformError(
          'live_read_incomplete',
          `create user ${email}: Dialpad already has this user (id ${String(existing.id)}), whom the plan's read did not show (the read was incomplete, or the user was added since). Nothing was created; plan again.`,
        );
      }
      const user = await client.createUser(
        { email, office_id: officeId, first_name: firstName, last_name: lastName, license },
        { label: `create user ${email}` },
      );
      return { id: String(user.id) };
    },
    async findUserByEmail(email) {
      const users = await client.listUsers({ state: 'all', email });
      const user = users.find((u) => u.emails?.[0]?.toLowerCase() === email.toLowerCase());
      return user?.id === undefined ? undefined : { id: String(user.id), state: user.state ?? 'active' };
    },
    async updateUser(id, { firstName, lastName, emails, license, isSuperAdmin, adminOfficeIds, state, settings }) {
      const body = {
        ...settings,
        ...(firstName === undefined ? {} : { first_name: firstName }),
        ...(lastName === undefined ? {} : { last_name: lastName }),
        ...(emails === undefined ? {} : { emails }),
        ...(license === undefined ? {} : { license }),
        ...(isSuperAdmin === undefined ? {} : { is_super_admin: isSuperAdmin }),
        ...(adminOfficeIds === undefined ? {} : { admin_office_ids: adminOfficeIds }),
        ...(state === undefined ? {} : { state }),
      };
      await client.updateUser(id, body, { label: `update user ${id}` });
    },
    async setCallerId(id, callerId) {
      await client.setCallerId(id, callerId, { label: `set the caller ID of user ${id}` });
    },
    async moveUser(id, officeId) {
      await client.moveUserOffice(id, officeId, { label: `move user ${id} to office ${officeId}` });
    },
    async deleteUser(id) {
      await client.deleteUser(id, { label: `delete user ${id}` });
    },
    async readUserNumbers(id) {
      const user = await client.getUser(id);
      return { officeId: String(user.office_id ?? ''), numbers: (user.phone_numbers ?? []).map(String) };
    },
    async setUserOffice(id, officeId) {
      await client.updateUser(id, { office_id: officeId }, { label: `move user ${id} to office ${officeId}` });
    },
    async assignChosenNumber(userId, heldBefore) {
      const label = `assign a number Dialpad chooses to user ${userId}`;
      const n = await client.assignUserNumber(userId, { primary: true }, { label, heldBefore });
      if (n.number === undefined) throw new DialformError('api_error', `assign a number Dialpad chooses to user ${userId}: Dialpad's answer names no number`);
      return n.number;
    },
    async assignNumber(userId, number, primary) {
      try {
        await client.assignUserNumber(userId, { number, primary }, { label: `assign ${number} to user ${userId}` });
      } catch (err) {
        // 409 also means "already assigned to this user": the goal reached. Read which, rather than the message's wording.
        if (!(err instanceof ApiError) || err.status !== 409) throw err;
        if ((await confirmNumberAssigned(client, number, userId)) === undefined) throw err;
      }
    },
    async unassignNumber(userId, number) {
      await client.unassignUserNumber(userId, number, { label: `unassign ${number} from user ${userId}` });
    },
    async releaseNumber(number) {
      await client.releaseNumber(number, { label: `release ${number}` });
    },
    async officeName(officeId) {
      return (await client.getOffice(officeId)).name ?? '';
    },
    async accountType() {
      return (await client.getCompany()).account_type;
    },
    async purchasedLicenses(officeId, line) {
      const plan = await client.getOfficePlan(officeId);
      return Number(plan[LINE_FIELD[line]] ?? 0);
    },
    ...createGroupApplyApi(client),
  };
}
