import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validate as generatedValidator } from './config-validator.generated.js';
import { schemaPath } from '../package-root.js';
import type { RawConfig } from './raw-types.js';

/** Absolute path of the shipped `schemas/dialform.schema.json`. */
export function findConfigSchemaPath(): string {
  return schemaPath('dialform.schema.json');
}

/** The config JSON Schema as data. */
export function readConfigSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(findConfigSchemaPath(), 'utf8')) as Record<string, unknown>;
}

/**
 * The validator for one config file: the schema compiled by ajv ahead of time
 * (`scripts/generate-config-validator.mjs`, Ajv2020 with `allErrors`, `strict`, `verbose` and the
 * `email` format), since compiling it was most of `validate`'s start-up. A test holds the
 * committed code to the schema; the schema is checked against the 2020-12 meta-schema by
 * test/unit/schemas-meta-valid.test.ts.
 */
export function getConfigValidator(): ValidateFunction<RawConfig> {
  return generatedValidator as ValidateFunction<RawConfig>;
}

export type { ErrorObject };
