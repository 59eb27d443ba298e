import type { CallerIdChoice, User } from '../model/tenant.js';
import type { ApiCallerId } from './api-types.js';

/**
 * `users` (id-keyed, as `normalizeLive` makes them) with the caller ID read for each user in
 * `reads` (pure): what they present and what they may (their numbers, their office's main line,
 * their groups' numbers). Caller IDs are not in the user read: `fetchLive` reads them one by one,
 * only for the users whose config declares one (`choosePlanReads`).
 */
export function withCallerIds(users: User[], reads: readonly ApiCallerId[]): User[] {
  if (reads.length === 0) return users;
  const byId = new Map(reads.map((r) => [String(r.id), r]));
  return users.map((u) => {
    const r = u.id === undefined ? undefined : byId.get(u.id);
    if (r === undefined) return u;
    const choices: CallerIdChoice[] = [
      ...(r.phone_numbers ?? []).map((number): CallerIdChoice => ({ number, heldBy: 'user' })),
      ...(r.office_main_line === undefined ? [] : [{ number: r.office_main_line, heldBy: 'office' as const }]),
      ...(r.groups ?? []).flatMap((g): CallerIdChoice[] => (g.caller_id === undefined ? [] : [{ number: g.caller_id, heldBy: 'group', ...(g.display_name === undefined ? {} : { name: g.display_name }) }])),
    ];
    return { ...u, callerId: r.caller_id ?? '', callerIdChoices: choices };
  });
}
