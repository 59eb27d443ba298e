/**
 * Generates `test/support/plan-document.generated.ts` — the TypeScript types of the plan document —
 * from `schemas/plan.schema.json` with json-schema-to-typescript, so the schema is the one author
 * of the contract's shape. `src/plan/types.ts` must agree with it both ways (checked by tsc in
 * `test/unit/plan-schema-types.test.ts`, which also fails when this file is out of date).
 *
 *   npx tsx scripts/generate-plan-types.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { findPackageRoot } from '../src/package-root.js';
import { join } from 'node:path';

const BANNER = `/* Generated from schemas/plan.schema.json by scripts/generate-plan-types.ts: do not edit. */`;

/** The generated module's text for the current schema. */
export async function generatePlanTypes(): Promise<string> {
  const root = findPackageRoot();
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'plan.schema.json'), 'utf8')) as JSONSchema;
  return compile(schema, 'PlanDocument', {
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: true,
    cwd: join(root, 'schemas'),
  });
}

export const GENERATED_PATH = join(findPackageRoot(), 'test', 'support', 'plan-document.generated.ts');

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  writeFileSync(GENERATED_PATH, await generatePlanTypes());
  console.log(`wrote ${GENERATED_PATH}`);
}
