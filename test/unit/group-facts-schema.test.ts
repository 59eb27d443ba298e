/**
 * The config schema (schemas/dialform.schema.json, kept by hand) states the group roles and the
 * skill range too: it must say what `src/model/groups.ts`, their home, says (issue 19 review #11).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROUP_ROLES, SKILL_RANGE } from '../../src/model/groups.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/dialform.schema.json', import.meta.url), 'utf8')) as {
  $defs: Record<string, { properties: Record<string, any> }>;
};

describe('group facts in the config schema', () => {
  it('allows each group type the roles GROUP_ROLES gives it', () => {
    const user = schema.$defs.user!.properties;
    expect(user.departments.additionalProperties.enum).toEqual(GROUP_ROLES.department);
    expect(user.call_centers.additionalProperties.then.enum).toEqual(GROUP_ROLES.call_center);
    expect(schema.$defs.callCenterMembership!.properties.role.enum).toEqual(GROUP_ROLES.call_center);
  });

  it('bounds a skill by SKILL_RANGE', () => {
    const skill = schema.$defs.callCenterMembership!.properties.skill;
    expect([skill.minimum, skill.maximum]).toEqual([SKILL_RANGE.min, SKILL_RANGE.max]);
  });
});
