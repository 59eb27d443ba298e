import { liveGroupKey } from '../model/groups.js';
import type { LiveState } from '../model/tenant.js';
import { ApiError } from './api-error.js';
import type { DialpadClient } from './client.js';

/** One call-centre membership whose skill level a plan needs (`listSkillReads`). */
export interface SkillRead {
  userId: string;
  /** The call centre's live id. */
  groupId: string;
}

/**
 * Reads the skill level of each membership in `wanted` (`GET …/callcenters/{id}/operators/{user_id}/skill`,
 * one call each, concurrently within the rate limit) and returns `read` with those memberships'
 * `skill` filled in. A read that fails is recorded in `incomplete`, as `fetchLive` does, so the
 * plan is blocked rather than made from a skill it does not know; auth failures are thrown.
 */
export async function readSkills(client: DialpadClient, read: LiveState, wanted: readonly SkillRead[]): Promise<LiveState> {
  if (wanted.length === 0) return read;
  const incomplete: string[] = [];
  const skills = new Map<string, number>();
  await Promise.all(
    wanted.map(async ({ userId, groupId }) => {
      try {
        const level = await client.getOperatorSkill(groupId, userId);
        if (level.skill_level !== undefined) skills.set(`${userId}\u0000${liveGroupKey('call_center', groupId)}`, Number(level.skill_level));
      } catch (err) {
        if (!(err instanceof ApiError) || err.kind === 'unauthorized' || err.kind === 'forbidden') throw err;
        incomplete.push(`skill level of user ${userId} in call centre ${groupId}: ${err.message}`);
      }
    }),
  );
  const users = read.tenant.users.map((u) => {
    if (u.id === undefined || u.callCenters === undefined) return u;
    const callCenters = u.callCenters.map((m) => {
      const skill = skills.get(`${u.id}\u0000${m.group}`);
      return skill === undefined ? m : { ...m, skill };
    });
    return { ...u, callCenters };
  });
  return { ...read, tenant: { ...read.tenant, users }, incomplete: [...read.incomplete, ...incomplete].sort() };
}
