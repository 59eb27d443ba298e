/**
 * The runtime validators compile their schemas with `validateSchema: false` (it is about half of
 * compiling them, in every CLI process); this is where the schemas are held to the JSON Schema
 * 2020-12 meta-schema instead, once per test run.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { readConfigSchema } from '../../src/config/schema.js';
import { fixtureSchema } from '../../src/emulator/fixture-schema.js';
import { planSchemaPath } from '../../src/plan/plan-file.js';

const SCHEMAS: [string, () => object][] = [
  ['the config schema (schemas/dialform.schema.json)', readConfigSchema],
  ['the plan schema (schemas/plan.schema.json)', () => JSON.parse(readFileSync(planSchemaPath(), 'utf8')) as object],
  ['the emulator fixture schema', () => fixtureSchema as object],
];

describe('shipped schemas are valid JSON Schema 2020-12', () => {
  it.each(SCHEMAS)('%s', (_name, read) => {
    const ajv = new Ajv2020({ strict: false });
    const valid = ajv.validateSchema(read());
    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([]);
    expect(valid).toBe(true);
  });

  it('catches a schema the meta-schema refuses', () => {
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema({ type: 'object', properties: { a: { type: 'no-such-type' } } })).toBe(false);
  });
});
