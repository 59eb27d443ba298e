import type { ApplyApi } from '../apply/types.js';
import { DialformError } from '../errors.js';
import { compareIds } from '../model/ids.js';
import { roomNameOf } from '../model/rooms.js';
import type { DialpadClient } from './client.js';

type RoomApplyApi = Pick<ApplyApi, 'createRoom' | 'findRoomByName' | 'renameRoom' | 'deleteRoom' | 'assignRoomNumber' | 'unassignRoomNumber'>;

/** The room writes apply makes; each labelled with the object, so a failure names the operation. */
export function createRoomApplyApi(client: DialpadClient): RoomApplyApi {
  const api: RoomApplyApi = {
    // Looked up by name right before the write, as groups are: one created since the plan's read
    // is not created twice, nor adopted (a later plan could delete what nobody reviewed creating).
    async createRoom({ name, officeId }) {
      const existing = await api.findRoomByName(name, officeId);
      if (existing !== undefined) {
        throw new DialformError(
          'room_exists',
          `create room "${name}": Dialpad already has one of that name in office ${officeId} (id ${existing}), which the plan's read did not show (created since, e.g. by another apply). Nothing was created; plan again.`,
        );
      }
      const room = await client.createRoom({ name, office_id: officeId }, { label: `create room "${name}"` });
      return { id: String(room.id) };
    },
    async findRoomByName(name, officeId) {
      const wanted = roomNameOf(name);
      const ids = (await client.listRooms())
        .filter((r) => r.id !== undefined && roomNameOf(r.name ?? '') === wanted && String(r.office_id) === officeId)
        .map((r) => String(r.id))
        .sort(compareIds);
      return ids[0];
    },
    async renameRoom(id, name) {
      await client.renameRoom(id, name, { label: `rename room ${id} to "${name}"` });
    },
    async deleteRoom(id) {
      await client.deleteRoom(id, { label: `delete room ${id}` });
    },
    async assignRoomNumber(roomId, number, primary) {
      await client.assignRoomNumber(roomId, { number, primary }, { label: `assign ${number} to room ${roomId}` });
    },
    async unassignRoomNumber(roomId, number) {
      await client.unassignRoomNumber(roomId, number, { label: `unassign ${number} from room ${roomId}` });
    },
  };
  return api;
}
