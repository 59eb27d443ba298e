/**
 * The plan's TypeScript types (src/plan/types.ts) and its JSON Schema (schemas/plan.schema.json)
 * cannot drift: the schema generates types (json-schema-to-typescript) and the compiler must
 * find them assignable to the hand-written ones both ways.
 */
import { describe, expect, it } from 'vitest';
import { checkPlanTypesAgree, generatePlanTypes } from '../support/plan-document-types.js';

describe('plan types and plan.schema.json', () => {
  it('agree both ways', async () => {
    expect(checkPlanTypesAgree(await generatePlanTypes())).toEqual([]);
  });

  it('disagree when the schema drops a field the types have (the check can fail)', async () => {
    const generated = await generatePlanTypes();
    const withoutOfficeKey = generated.replace(/office_key: \(?string \| null\)?;?\n/, '');
    expect(withoutOfficeKey).not.toBe(generated);
    expect(checkPlanTypesAgree(withoutOfficeKey).join('\n')).toMatch(/planAgrees|operationAgrees/);
  });

  it('disagree when the schema ties a kind to another target type', async () => {
    const generated = await generatePlanTypes();
    const moved = generated.replace(/(kind: "release_number"\n?\s*target: )NumberTarget/, '$1UserTarget');
    expect(moved).not.toBe(generated);
    expect(checkPlanTypesAgree(moved).join('\n')).toMatch(/planAgrees|operationAgrees/);
  });
});
