import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigSchemaPath, readConfigSchema } from '../../src/config/index.js';
import { RAW_SCHEMA_KEYS, RAW_SCHEMA_REQUIRED } from '../../src/config/raw-types.js';
import { getConfigValidator } from '../../src/config/schema.js';
import { ACCOUNT_TYPES, USER_LICENSES } from '../../src/model/tenant.js';

interface SchemaObject {
  properties?: Record<string, SchemaObject>;
  $defs?: Record<string, SchemaObject>;
  enum?: unknown[];
  additionalProperties?: unknown;
  type?: string;
  required?: string[];
}

const schema = readConfigSchema() as SchemaObject;
const defs = schema.$defs ?? {};

function schemaAt(name: string): SchemaObject {
  const s = name === '' ? schema : defs[name];
  if (s === undefined) throw new Error(`no $defs/${name} in the schema`);
  return s;
}

describe('config schema', () => {
  it('is found at the package root from the source layout', () => {
    expect(findConfigSchemaPath()).toBe(join(process.cwd(), 'schemas', 'dialform.schema.json'));
    expect(JSON.parse(readFileSync(findConfigSchemaPath(), 'utf8'))).toEqual(schema);
  });

  it('compiles under ajv strict mode', () => {
    expect(typeof getConfigValidator()).toBe('function');
  });

  it.each(Object.entries(RAW_SCHEMA_KEYS))('declares the same keys for "%s" as raw-types.ts', (name, keys) => {
    expect(Object.keys(schemaAt(name).properties ?? {}).sort()).toEqual([...keys].sort());
  });

  it.each(Object.entries(RAW_SCHEMA_REQUIRED))('requires the same keys for "%s" as raw-types.ts', (name, keys) => {
    expect([...(schemaAt(name).required ?? [])].sort()).toEqual([...keys].sort());
  });

  it('covers every object in the schema with a raw type key list', () => {
    const objects = Object.entries(defs).filter(([, s]) => s.type === 'object' && s.properties !== undefined).map(([n]) => n);
    expect(objects.sort()).toEqual(Object.keys(RAW_SCHEMA_KEYS).filter((n) => n !== '').sort());
  });

  it('closes every object with additionalProperties: false', () => {
    for (const name of Object.keys(RAW_SCHEMA_KEYS)) expect(schemaAt(name).additionalProperties, name).toBe(false);
  });

  it('uses the model enums for licenses and account types', () => {
    expect(schemaAt('user').properties?.license?.enum).toEqual([...USER_LICENSES]);
    expect(schemaAt('company').properties?.account_type?.enum).toEqual([...ACCOUNT_TYPES]);
  });

  it('accepts exactly the 84 office countries of CreateOfficeMessage.country in the Dialpad OpenAPI file', () => {
    // Copied from dialpad_api_spec.json (components.schemas["schemas.office.CreateOfficeMessage"]), which is not in the repo.
    const apiCountries = (
      'AR AT AU BD BE BG BH BR CA CH CI CL CN CO CR CY CZ DE DK DO DP EC EE EG ES FI FR GB GH GR GT HK HR HU ID IE IL IN IS IT JP KE ' +
      'KH KR KZ LK LT LU LV MA MD MM MT MX MY NG NL NO NZ PA PE PH PK PL PR PT PY RO RU SA SE SG SI SK SV TH TR TW UA US UY VE VN ZA'
    ).split(' ');
    expect(apiCountries).toHaveLength(84);
    expect(schemaAt('office').properties?.country?.enum).toEqual(apiCountries);
  });
});
