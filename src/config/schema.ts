import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { RawConfig } from './raw-types.js';

const SCHEMA_RELATIVE = join('schemas', 'dialform.schema.json');

/**
 * Absolute path of `schemas/dialform.schema.json`, found by walking up from this module to the
 * package root, so it works from `src/config/` (tsx, vitest) and `dist/src/config/` (built) alike.
 */
export function findConfigSchemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, SCHEMA_RELATIVE))) return join(dir, SCHEMA_RELATIVE);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`bug: ${SCHEMA_RELATIVE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The config JSON Schema as data. */
export function readConfigSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(findConfigSchemaPath(), 'utf8')) as Record<string, unknown>;
}

let compiled: ValidateFunction<RawConfig> | undefined;

/** The compiled validator for one config file (compiled once, lazily). */
export function getConfigValidator(): ValidateFunction<RawConfig> {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    formatsModule.default(ajv, ['email']);
    compiled = ajv.compile<RawConfig>(readConfigSchema());
  }
  return compiled;
}

export type { ErrorObject };
