import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
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

let compiled: ValidateFunction<RawConfig> | undefined;

/** The compiled validator for one config file (compiled once, lazily). */
export function getConfigValidator(): ValidateFunction<RawConfig> {
  if (compiled === undefined) {
    // The shipped schema is checked against the 2020-12 meta-schema once, by test/unit/schemas-meta-valid.test.ts,
    // not at every run: that check is about half of compiling it, in every CLI process.
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, validateSchema: false });
    formatsModule.default(ajv, ['email']);
    compiled = ajv.compile<RawConfig>(readConfigSchema());
  }
  return compiled;
}

export type { ErrorObject };
