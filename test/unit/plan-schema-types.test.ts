/**
 * The plan's TypeScript types (src/plan/types.ts) and its JSON Schema (schemas/plan.schema.json)
 * cannot drift: the schema generates `test/support/plan-document.generated.ts`, this test fails
 * when that file is stale, and the type-level assertions below make `npm run typecheck` fail when
 * the hand-written types and the generated ones are not assignable both ways.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Operation, Plan } from '../../src/plan/types.js';
import { GENERATED_PATH, generatePlanTypes } from '../../scripts/generate-plan-types.js';
import type { DialformPlan as PlanDocument, Operation as OperationDocument } from '../support/plan-document.generated.js';

/** `true` only when A and B are assignable to each other. */
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const planAgrees: Agree<Plan, PlanDocument> = true;
const operationAgrees: Agree<Operation, OperationDocument> = true;

describe('plan types and plan.schema.json', () => {
  it('agree both ways (checked by tsc; a disagreement is a type error on these constants)', () => {
    expect([planAgrees, operationAgrees]).toEqual([true, true]);
  });

  it('generated types are up to date with the schema (regenerate: npx tsx scripts/generate-plan-types.ts)', async () => {
    expect(await generatePlanTypes()).toBe(readFileSync(GENERATED_PATH, 'utf8'));
  });
});
