import { liveGroupKey } from '../model/groups.js';
import type { User } from '../model/tenant.js';
import type { Int64 } from './api-types.js';

/** One call-center membership whose skill level a plan needs (`listSkillReads`). */
export interface SkillRead {
  userId: string;
  /** The call center's live id. */
  groupId: string;
}

/** A skill level as read (`OperatorSkillLevelProto.skill_level`; a read without one is incomplete, not here). */
export interface SkillLevel extends SkillRead {
  level: Int64;
}

/**
 * `users` (id-keyed, as `normalizeLive` makes them) with the `skill` of each call-center
 * membership in `levels` filled in (pure). Skill levels are not in `group_details`: `fetchLive`
 * reads them one by one, only for the memberships a plan asks for.
 */
export function withSkillLevels(users: User[], levels: readonly SkillLevel[]): User[] {
  if (levels.length === 0) return users;
  const skills = new Map<string, number>();
  for (const l of levels) skills.set(`${l.userId}\u0000${liveGroupKey('call_center', l.groupId)}`, Number(l.level));
  return users.map((u) => {
    if (u.id === undefined || u.callCenters === undefined) return u;
    const callCenters = u.callCenters.map((m) => {
      const skill = skills.get(`${u.id}\u0000${m.group}`);
      return skill === undefined ? m : { ...m, skill };
    });
    return { ...u, callCenters };
  });
}
