/**
 * Contract helpers over `dialpad-contract.json` (derived from Dialpad's OpenAPI 3.0 description by
 * `scripts/derive-contract.ts`). OpenAPI 3.0 schemas are not JSON Schema, so each is translated
 * for ajv: `nullable` becomes a `null` type, int64 fields accept a decimal string or an integer
 * (the API sends strings), and `format`s are dropped (`int64` is not a JSON Schema format, and the
 * API's naive timestamps like `2021-06-20T19:18:00` are not RFC 3339 `date-time`).
 *
 * Requests are always validated strictly (no properties beyond the schema's): the API silently
 * ignores unknown fields, so a misspelt field would otherwise go unnoticed. Responses are lax by
 * default, because the spec allows additional properties and the live API adds fields over time
 * (S2 in dialpad-api.md); `strict: true` makes them strict too, which is how a renamed response
 * field is caught.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ContractOperation } from '../../scripts/derive-contract.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** One operation as `scripts/derive-contract.ts` writes it. */
export type { ContractOperation };

export interface Contract {
  operations: ContractOperation[];
  schemas: Record<string, Json>;
}

/** Reads a contract file of test/contract/ (written by `scripts/derive-contract.ts`). */
export function readContract(name: string): Contract {
  return JSON.parse(readFileSync(new URL(`../contract/${name}`, import.meta.url), 'utf8')) as Contract;
}

/**
 * Fields the emulator may send that the vendored (S1) spec does not declare: they are in Dialpad's
 * newer spec (S2, dialpad-api.md §4.1/§4.2/§4.7). Anything else undeclared fails a strict check.
 */
export const NEWER_SPEC_FIELDS = ['onboarding_completed', 'voicemail', 'session_type', 'voicemail_notification_emails', 'settings'];

/** The operations dialform's client calls. */
export const contract = readContract('dialpad-contract.json');

const REF_PREFIX = '#/components/schemas/';
const INT64_STRING = '^-?[0-9]+$';

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Translates one OpenAPI 3.0 schema to JSON Schema 2020-12 for ajv. */
function toJsonSchema(schema: Json, opts: { closed: boolean; extra: ReadonlySet<string> }): Json {
  if (!isObject(schema)) return schema;
  const nullable = schema['nullable'] === true;
  if (typeof schema['$ref'] === 'string') {
    const ref: Json = { $ref: `#/$defs/${schema['$ref'].slice(REF_PREFIX.length)}` };
    return nullable ? { anyOf: [ref, { type: 'null' }] } : ref;
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'nullable' || k === 'format') continue;
    if (k === 'properties' && isObject(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, toJsonSchema(s, opts)]));
    } else if (k === 'items') {
      out[k] = toJsonSchema(v, opts);
    } else {
      out[k] = v;
    }
  }
  const isInt64 = schema['type'] === 'integer' && (schema['format'] === 'int64' || schema['format'] === 'uint64');
  const types: string[] = isInt64 ? ['integer', 'string'] : typeof schema['type'] === 'string' ? [schema['type']] : [];
  if (isInt64) out['pattern'] = INT64_STRING;
  if (nullable) types.push('null');
  if (types.length > 0) out['type'] = types.length === 1 ? (types[0] as string) : types;
  if (nullable && Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
  if (opts.closed && schema['type'] === 'object' && isObject(schema['properties'])) {
    out['propertyNames'] = { enum: [...Object.keys(schema['properties']), ...opts.extra] };
  }
  return out;
}

function buildAjv(): Ajv2020 {
  return new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
}

/** Validation result: `ok`, or the ajv errors as readable lines. */
export interface ContractResult {
  ok: boolean;
  errors: string[];
}

function result(validate: ValidateFunction, data: unknown): ContractResult {
  const ok = validate(data) === true;
  return { ok, errors: ok ? [] : (validate.errors ?? []).map(formatError) };
}

function formatError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(root)' : e.instancePath;
  const detail = e.keyword === 'propertyNames' ? ` (${String((e.params as { propertyName?: string }).propertyName)})` : '';
  return `${where} ${e.message ?? e.keyword}${detail}`;
}

/** A request matched to its operation, with decoded path parameters. */
export interface MatchedOperation {
  op: ContractOperation;
  pathParams: Record<string, string>;
}

function coerceParam(value: string, schema: Json): unknown {
  if (!isObject(schema)) return value;
  if (schema['type'] === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** The checks below, over one contract's operations and schemas. */
export interface ContractChecker {
  /** Finds the operation for `method` and a concrete path (query ignored); literal segments win. */
  matchOperation(method: string, path: string): MatchedOperation | undefined;
  /** Checks path and query parameters against the operation: declared, typed, required present. */
  validateParameters(op: ContractOperation, pathParams: Record<string, string>, query: Record<string, string>): ContractResult;
  /** Validates a request body (strict: no undeclared properties). */
  validateRequest(op: ContractOperation, body: unknown): ContractResult;
  /**
   * Validates a 200 response body. `strict` rejects properties the spec does not declare, except
   * those in `allowExtra` (fields newer than the vendored spec, or emulator-only fields).
   */
  validateResponse(op: ContractOperation, json: unknown, opts?: { strict?: boolean; allowExtra?: readonly string[] }): ContractResult;
}

/** A checker over `c` (its own compiled-schema cache). */
export function createContractChecker(c: Contract): ContractChecker {
  const cache = new Map<string, ValidateFunction>();

  const compile = (schema: Json, closed: boolean, extra: readonly string[] = []): ValidateFunction => {
    const key = JSON.stringify([schema, closed, extra]);
    const hit = cache.get(key);
    if (hit) return hit;
    const opts = { closed, extra: new Set(extra) };
    const $defs = Object.fromEntries(Object.entries(c.schemas).map(([n, s]) => [n, toJsonSchema(s, opts)]));
    const root = toJsonSchema(schema, opts);
    const validate = buildAjv().compile(isObject(root) ? { ...root, $defs } : { $defs });
    cache.set(key, validate);
    return validate;
  };

  return {
    matchOperation(method, path) {
      const segments = path.split('?')[0]?.split('/') ?? [];
      let best: { m: MatchedOperation; literals: number } | undefined;
      for (const op of c.operations) {
        if (op.method !== method.toUpperCase()) continue;
        const template = op.path.split('/');
        if (template.length !== segments.length) continue;
        const pathParams: Record<string, string> = {};
        let literals = 0;
        let ok = true;
        template.forEach((t, i) => {
          const seg = decodeURIComponent(segments[i] ?? '');
          const param = /^\{(.+)\}$/.exec(t);
          if (param) pathParams[param[1] as string] = seg;
          else if (t === seg) literals++;
          else ok = false;
        });
        if (ok && (best === undefined || literals > best.literals)) best = { m: { op, pathParams }, literals };
      }
      return best?.m;
    },

    validateParameters(op, pathParams, query) {
      const errors: string[] = [];
      const check = (where: 'path' | 'query', values: Record<string, string>) => {
        const declared = op.parameters.filter((p) => p.in === where);
        for (const [name, value] of Object.entries(values)) {
          const p = declared.find((d) => d.name === name);
          if (!p) {
            errors.push(`${where} parameter "${name}" is not declared by ${op.operationId}`);
            continue;
          }
          const coerced = coerceParam(value, p.schema);
          const r = result(compile(p.schema, false), coerced);
          errors.push(...r.errors.map((e) => `${where} parameter "${name}": ${e}`));
        }
        for (const p of declared) if (p.required && !(p.name in values)) errors.push(`missing required ${where} parameter "${p.name}"`);
      };
      check('path', pathParams);
      check('query', query);
      return { ok: errors.length === 0, errors };
    },

    validateRequest(op, body) {
      if (op.requestBody === undefined) {
        return body === undefined ? { ok: true, errors: [] } : { ok: false, errors: [`${op.operationId} takes no request body`] };
      }
      if (body === undefined) return { ok: false, errors: [`${op.operationId} needs a request body`] };
      return result(compile(op.requestBody, true), body);
    },

    validateResponse(op, json, opts = {}) {
      if (op.response === undefined) return { ok: true, errors: [] };
      return result(compile(op.response, opts.strict ?? false, opts.allowExtra), json);
    },
  };
}

const clientChecker = createContractChecker(contract);
export const { matchOperation, validateParameters, validateRequest, validateResponse } = clientChecker;
