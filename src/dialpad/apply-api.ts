import type { ApplyApi, UserAnswer } from '../apply/types.js';
import type { E911Address } from '../model/tenant.js';
import type { ApiUser } from './api-types.js';
import { compareIds } from '../model/ids.js';
import { LINE_FIELD } from '../model/license-lines.js';
import { isSameOfficeName } from '../model/office-names.js';
import { DialformError } from '../errors.js';
import { ApiError } from './api-error.js';
import type { DialpadClient } from './client.js';
import { confirmNumberAssigned } from './confirm-writes.js';
import { createGroupApplyApi } from './apply-api-groups.js';
import { createRoomApplyApi } from './apply-api-rooms.js';

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
    // not created twice. One request per create; a create that did land is settled by its kind's `landed` on resume.
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
      return { id: String(user.id), answer: readUserAnswer(user) };
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
      return readUserAnswer(await client.updateUser(id, body, { label: `update user ${id}` }));
    },
    async setCallerId(id, callerId) {
      await client.setCallerId(id, callerId, { label: `set the caller ID of user ${id}` });
    },
    async moveUser(id, officeId) {
      return readUserAnswer(await client.moveUserOffice(id, officeId, { label: `move user ${id} to office ${officeId}` }));
    },
    async deleteUser(id) {
      await client.deleteUser(id, { label: `delete user ${id}` });
    },
    async readUserNumbers(id) {
      const user = await client.getUser(id);
      return { officeId: String(user.office_id ?? ''), numbers: (user.phone_numbers ?? []).map(String) };
    },
    async setUserOffice(id, officeId) {
      return readUserAnswer(await client.updateUser(id, { office_id: officeId }, { label: `move user ${id} to office ${officeId}` }));
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
    // update_all: false, so no user's own address changes unseen; use_validated_option: false, so
    // Dialpad stores the address reviewed, not a suggestion of its own.
    async setOfficeE911(officeId, address) {
      await client.setOfficeE911(officeId, { ...e911Body(address), update_all: false, use_validated_option: false }, { label: `update E911 address of office ${officeId}` });
    },
    async setUserE911(userId, address) {
      await client.setUserE911(userId, { ...e911Body(address), use_validated_option: false }, { label: `update E911 address of user ${userId}` });
    },
    ...createGroupApplyApi(client),
    ...createRoomApplyApi(client),
  };
}

/** The address fields of an `E911UpdateMessage`; `address2` always sent (Dialpad's default is "", so an absent one clears it). */
function e911Body(a: E911Address): { address: string; address2: string; city: string; state: string; zip: string; country: string } {
  return { address: a.address, address2: a.address2 ?? '', city: a.city, state: a.state, zip: a.zip, country: a.country };
}

/** The fields of a user write's answer apply compares with the plan (`findSurprise`); those absent stay absent. */
function readUserAnswer(user: ApiUser): UserAnswer {
  return {
    ...(user.state === undefined ? {} : { state: String(user.state) }),
    ...(user.license === undefined ? {} : { license: String(user.license) }),
    ...(user.office_id === undefined ? {} : { officeId: String(user.office_id) }),
    ...(user.phone_numbers === undefined ? {} : { numbers: user.phone_numbers.map(String) }),
  };
}
