/**
 * Entries for the kinds that create, rename and delete a room and move numbers between a room and
 * the reserved pool (docs/rooms.md). A room holds a room license of its office (`ROOM_LINE`),
 * claimed and freed as users' lines are; a number beyond a room's first holds an additional-number
 * line, as on any target; its numbers come from and return to the pool under the same
 * `number_conflict` rules as users'.
 */
import { foreignNumberCountry } from '../../model/international-move.js';
import { ROOM_LINE } from '../../model/rooms.js';
import type { SimRoom, SimState } from '../sim-state.js';
import type { RoomRef } from '../types.js';
import { readRoom } from './landed-reads.js';
import type { Failure, KindSpec } from './spec.js';
import { existingOffice, giveLine, isFailure, needLine, numberKey, officeKey, poolNumber, takeLine } from './sim-steps.js';

/** Provided by a room's `create_room`; claimed by everything done to the room. */
export const roomKey = (key: string): string => `room:${key}`;

/** The room, unless it does not exist (yet, or any more) at this step. */
function existingRoom(sim: SimState, room: RoomRef): SimRoom | Failure {
  const found = sim.rooms.get(room.key);
  if (found === undefined || !found.exists) return { waitsFor: roomKey(room.key), message: `room ${room.name} does not exist (yet) at this step` };
  return found;
}

export const createRoom: KindSpec<'create_room'> = {
  // A claim of a license line: after every free and transfer.
  phase: () => 'license_claim',
  bucket: 'create',
  manual: false,
  landed: (op, live) => readRoom(live, { ...op.room, id: undefined }) !== undefined,
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const office = existingOffice(sim, op.room.office.key);
    if (isFailure(office)) return office;
    return needLine(office, ROOM_LINE, `create_room ${op.room.name}`);
  },
  apply(sim, op, fx) {
    fx.claims.push(officeKey(op.room.office.key));
    takeLine(sim, op.room.office.key, ROOM_LINE, fx);
    const room = sim.rooms.get(op.room.key);
    if (room !== undefined) room.exists = true;
    fx.provides.push(roomKey(op.room.key));
  },
  wouldProvide: (op) => roomKey(op.room.key),
  placement: (op) => ({ office: op.room.office.key }),
  harm: () => undefined,
  describe: () => ({ marker: '+', action: 'create room', details: [] }),
};

export const renameRoom: KindSpec<'rename_room'> = {
  phase: () => 'update',
  bucket: 'update',
  manual: false,
  landed: (op, live) => readRoom(live, op.target)?.name === op.name,
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const room = existingRoom(sim, op.target);
    return isFailure(room) ? room : undefined;
  },
  apply(_sim, op, fx) {
    fx.claims.push(roomKey(op.target.key));
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.office.key }),
  harm: () => undefined,
  describe: () => ({ marker: '~', action: 'rename room', details: [] }),
};

/**
 * Final: the API has no restore. Frees the room's license line (and its additional-number lines)
 * and sends its numbers to the reserved pool, where an assign or a release may take them later in
 * the plan; the room and its numbers count under `policy.max_deletions`.
 */
export const deleteRoom: KindSpec<'delete_room'> = {
  // Frees a line and fills the pool for later claims.
  phase: () => 'delete',
  bucket: 'delete',
  manual: false,
  // A read without rooms shows none: not proof the room is gone.
  landed: (op, live) => live.tenant.rooms !== undefined && readRoom(live, op.target) === undefined,
  deletes: { counts: 'room', numbers: (op) => op.numbers_to_pool ?? [] },
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const room = existingRoom(sim, op.target);
    return isFailure(room) ? room : undefined;
  },
  apply(sim, op, fx) {
    fx.claims.push(roomKey(op.target.key));
    const room = sim.rooms.get(op.target.key);
    if (room === undefined) return;
    giveLine(sim, room.office, ROOM_LINE, fx);
    for (let i = 1; i < room.numbers.length; i++) giveLine(sim, room.office, 'additional_numbers', fx);
    for (const n of room.numbers) poolNumber(sim, n, room.office, fx);
    room.numbers = [];
    room.exists = false;
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.office.key }),
  harm: () => undefined,
  describe: (op) => ({ marker: '-', action: 'delete room', details: op.numbers_to_pool === undefined ? [] : [`numbers sent to the reserved pool: ${op.numbers_to_pool.join(', ')}`] }),
};

/** A number of another country than the room's office: Dialpad assigns numbers in the office's country. */
function checkCountry(sim: SimState, room: SimRoom, number: string, name: string): Failure | undefined {
  const office = sim.offices.get(room.office);
  if (office === undefined) return undefined;
  const country = foreignNumberCountry(number, office.country, sim.numberCountry(number));
  if (country === undefined) return undefined;
  return {
    code: 'number_conflict',
    message: `assign_room_number ${number} to room ${name}: a ${country} number, and its office ${office.name} is in ${office.country.toUpperCase()}; Dialpad assigns numbers in the office's country. Use a ${office.country.toUpperCase()} number.`,
  };
}

export const assignRoomNumber: KindSpec<'assign_room_number'> = {
  // Number claims: after unassigns and deletes filled the pool, and after the room exists.
  phase: () => 'assign',
  bucket: 'update',
  manual: false,
  landed: (op, live) => (readRoom(live, op.target)?.numbers ?? []).includes(op.number),
  deletes: false,
  suspends: false,
  tieDetail: (op) => op.number,
  check(sim, op) {
    const room = existingRoom(sim, op.target);
    if (isFailure(room)) return room;
    const country = checkCountry(sim, room, op.number, op.target.name);
    if (country !== undefined) return country;
    if (!sim.pool.has(op.number)) {
      return {
        code: 'number_conflict',
        message:
          `assign_room_number ${op.number} to room ${op.target.name}: the number is not in the reserved pool at this step, and Dialpad assigns only numbers from the pool (see number_conflict in docs/rules.md). ` +
          'Someone config leaves alone holds it, or it is not a number of this company. Free it in config or in Dialpad first, or remove it from the room.',
      };
    }
    const office = sim.offices.get(room.office);
    if (office === undefined || room.numbers.length === 0) return undefined;
    return needLine(office, 'additional_numbers', `assign_room_number ${op.number} to room ${op.target.name}, beside ${room.numbers.join(', ')}`);
  },
  apply(sim, op, fx) {
    fx.claims.push(roomKey(op.target.key), numberKey(op.number));
    const room = sim.rooms.get(op.target.key);
    if (room === undefined) return;
    sim.pool.delete(op.number);
    if (room.numbers.length > 0) takeLine(sim, room.office, 'additional_numbers', fx);
    room.numbers = op.primary ? [op.number, ...room.numbers] : [...room.numbers, op.number];
    fx.pool.push({ number: op.number, direction: 'out', office: room.office });
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.office.key }),
  harm: () => undefined,
  // The summary names the number and whether it is the primary.
  describe: () => ({ marker: '~', action: 'assign room number', details: [] }),
};

export const unassignRoomNumber: KindSpec<'unassign_room_number'> = {
  phase: () => 'unassign',
  bucket: 'update',
  manual: false,
  landed: (op, live) => {
    const room = readRoom(live, op.target);
    return room !== undefined && !(room.numbers ?? []).includes(op.number);
  },
  deletes: false,
  suspends: false,
  tieDetail: (op) => op.number,
  check(sim, op) {
    const room = existingRoom(sim, op.target);
    if (isFailure(room)) return room;
    if (room.numbers.includes(op.number)) return undefined;
    return { code: 'number_conflict', message: `unassign_room_number ${op.number}: room ${op.target.name} does not hold it at this step` };
  },
  apply(sim, op, fx) {
    fx.claims.push(roomKey(op.target.key));
    const room = sim.rooms.get(op.target.key);
    if (room === undefined) return;
    // Each number beyond the first holds an additional-number line of the room's office.
    if (room.numbers.length > 1) giveLine(sim, room.office, 'additional_numbers', fx);
    room.numbers = room.numbers.filter((n) => n !== op.number);
    poolNumber(sim, op.number, room.office, fx);
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.office.key }),
  harm: () => undefined,
  describe: (op) => ({ marker: '-', action: 'unassign room number', details: [`${op.number} goes to the reserved pool`] }),
};
