/**
 * Re-reads that settle an ambiguous write (connection reset after sending, timeout, any 5xx).
 * Each returns the write's result if the re-read shows it took effect, `undefined` if it shows it
 * did not (the transport then sends the write once more), and throws if the re-read itself fails
 * (the transport then reports the outcome as unknown).
 */
import { ApiError } from './api-error.js';
import type { ApiNumber, ApiOfficeUpdateResponse, ApiUser, Int64 } from './api-types.js';
import type { DialpadClient } from './client.js';

type Reader = Pick<DialpadClient, 'listUsers' | 'listOffices' | 'getUser' | 'getNumber'>;

/** `create_user` took effect if a non-deleted user with this email exists now. */
export async function confirmCreateUser(client: Reader, email: string): Promise<ApiUser | undefined> {
  const wanted = email.trim().toLowerCase();
  const users = await client.listUsers({ email });
  return users.find((u) => u.state !== 'deleted' && (u.emails ?? []).some((e) => e.trim().toLowerCase() === wanted));
}

/** `create_office` took effect if an office with this name exists now. */
export async function confirmCreateOffice(client: Reader, name: string): Promise<ApiOfficeUpdateResponse | undefined> {
  const wanted = name.trim().toLowerCase();
  const offices = await client.listOffices();
  const office = offices.find((o) => (o.name ?? '').trim().toLowerCase() === wanted);
  return office === undefined ? undefined : { office };
}

/** `delete_user` took effect if the user is in state `deleted`, or gone. */
export async function confirmDeleteUser(client: Reader, id: Int64): Promise<ApiUser | undefined> {
  const user = await readOrNotFound(() => client.getUser(id));
  if (user === 'not_found') return { id, state: 'deleted' };
  return user.state === 'deleted' ? user : undefined;
}

/** `move_office` took effect if the user's `office_id` is the destination. */
export async function confirmMoveUser(client: Reader, id: Int64, officeId: Int64): Promise<ApiUser | undefined> {
  const user = await client.getUser(id);
  return user.office_id !== undefined && String(user.office_id) === String(officeId) ? user : undefined;
}

/** `assign_number` took effect if the number now targets this user. */
export async function confirmNumberAssigned(client: Reader, number: string, userId: Int64): Promise<ApiNumber | undefined> {
  const n = await client.getNumber(number);
  return n.target_type === 'user' && n.target_id !== undefined && String(n.target_id) === String(userId) ? n : undefined;
}

/** `assign_number` without a number took effect if the user now holds a number they did not hold before. */
export async function confirmChosenNumberAssigned(client: Reader, userId: Int64, heldBefore: readonly string[]): Promise<ApiNumber | undefined> {
  const user = await client.getUser(userId);
  const number = (user.phone_numbers ?? []).find((n) => !heldBefore.includes(n));
  return number === undefined ? undefined : { number, target_id: userId, target_type: 'user', status: 'user' };
}

/**
 * `unassign_number` took effect if the number is back in the pool (`available`, no target), or
 * gone (with no reserved pool Dialpad releases it).
 */
export async function confirmNumberUnassigned(client: Reader, number: string): Promise<ApiNumber | undefined> {
  const n = await readOrNotFound(() => client.getNumber(number));
  if (n === 'not_found') return { number };
  return n.status === 'available' && n.target_id === undefined ? n : undefined;
}

/** `release_number` took effect if the number is gone or marked `deleted`. */
export async function confirmNumberReleased(client: Reader, number: string): Promise<ApiNumber | undefined> {
  const n = await readOrNotFound(() => client.getNumber(number));
  if (n === 'not_found') return { number, deleted: true };
  return n.deleted === true ? n : undefined;
}

async function readOrNotFound<T>(read: () => Promise<T>): Promise<T | 'not_found'> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'not_found') return 'not_found';
    throw err;
  }
}
