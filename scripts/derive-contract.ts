/**
 * Derives test/contract/dialpad-contract.json from Dialpad's OpenAPI description: only the
 * operations dialform's client calls, and the component schemas they reference transitively,
 * with descriptions, examples and titles stripped. The output is committed so tests need
 * nothing outside the repository.
 *
 *   npx tsx scripts/derive-contract.ts /work/shared/dialpad-openapi/dialpad_api_spec.json [OUT]
 *
 * With a third argument `emulator-groups`, the operations of `EMULATOR_GROUP_OPERATION_IDS`
 * instead (the emulator's departments and call centers, checked by
 * test/contract/emulator-groups-contract.test.ts):
 *
 *   npx tsx scripts/derive-contract.ts SPEC.json test/contract/dialpad-groups-contract.json emulator-groups
 *
 * `emulator-rooms` for `EMULATOR_ROOM_OPERATION_IDS` (test/contract/emulator-rooms-contract.test.ts),
 * `emulator-deskphones` for `EMULATOR_DESKPHONE_OPERATION_IDS` (test/contract/emulator-deskphones-contract.test.ts),
 * and `emulator-caller-id` for `EMULATOR_CALLER_ID_OPERATION_IDS` (test/contract/emulator-caller-id-contract.test.ts):
 *
 *   npx tsx scripts/derive-contract.ts SPEC.json test/contract/dialpad-caller-id-contract.json emulator-caller-id
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** The operations `src/dialpad/client.ts` calls (operationIds). */
export const CLIENT_OPERATION_IDS = [
  'company.get',
  'offices.list',
  'offices.get',
  'offices.create',
  'plan.get',
  'plan.available_licenses.get',
  'users.list',
  'users.get',
  'users.create',
  'users.update',
  'users.delete',
  'users.move_office.patch',
  'caller_id.users.get',
  'caller_id.users.post',
  'numbers.assign_user_number.post',
  'numbers.user_unassign_number.post',
  'numbers.list',
  'numbers.get',
  'numbers.delete',
  'departments.listall',
  'departments.get',
  'departments.create',
  'departments.update',
  'departments.delete',
  'departments.operators.post',
  'departments.operators.delete',
  'callcenters.listall',
  'callcenters.get',
  'callcenters.create',
  'callcenters.update',
  'callcenters.delete',
  'callcenters.operators.post',
  'callcenters.operators.delete',
  'callcenters.operators.get.skilllevel',
  'callcenters.operators.skilllevel',
  'offices.e911.get',
  'offices.e911.update',
  'users.e911.get',
  'users.e911.update',
] as const;

/** The caller-ID operations the emulator answers (`src/emulator/routes-caller-id.ts`). */
export const EMULATOR_CALLER_ID_OPERATION_IDS = ['caller_id.users.get', 'caller_id.users.post'] as const;

/** The room operations the emulator serves and the client calls (test/contract/emulator-rooms-contract.test.ts). */
export const EMULATOR_ROOM_OPERATION_IDS = [
  'rooms.list',
  'rooms.post',
  'rooms.get',
  'rooms.patch',
  'rooms.delete',
  'numbers.assign_room_number.post',
  'numbers.room_unassign_number.post',
] as const;

/** The desk-phone reads the emulator serves and the client calls (test/contract/emulator-deskphones-contract.test.ts). */
export const EMULATOR_DESKPHONE_OPERATION_IDS = ['deskphones.rooms.list', 'deskphones.users.list'] as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const REF_PREFIX = '#/components/schemas/';
/** Documentation-only keywords; dropped at schema positions (never property names). */
const DOC_KEYWORDS = new Set(['description', 'example', 'examples', 'title', 'externalDocs']);
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Copies a schema without documentation keywords; property maps keep their names. */
function stripSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(stripSchema);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (DOC_KEYWORDS.has(k)) continue;
    if (k === 'properties' && isObject(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, stripSchema(s)]));
    } else if (k === 'enum' || k === 'required' || k === 'default') {
      out[k] = v;
    } else {
      out[k] = stripSchema(v);
    }
  }
  return out;
}

function collectRefs(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, into));
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) into.add(v.slice(REF_PREFIX.length));
      else collectRefs(v, into);
    }
  }
}

export interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: Json }>;
  requestBody?: Json;
  response?: Json;
}

export interface Contract {
  source: { file: string; sha256: string; openapi: string; version: string };
  operations: ContractOperation[];
  schemas: Record<string, Json>;
}

/** The department and call-center operations the emulator answers (`src/emulator/routes-groups.ts`). */
export const EMULATOR_GROUP_OPERATION_IDS = [
  'departments.listall',
  'departments.list',
  'departments.create',
  'departments.get',
  'departments.update',
  'departments.delete',
  'departments.operators.get',
  'departments.operators.post',
  'departments.operators.delete',
  'callcenters.listall',
  'callcenters.list',
  'callcenters.create',
  'callcenters.get',
  'callcenters.update',
  'callcenters.delete',
  'callcenters.operators.get',
  'callcenters.operators.post',
  'callcenters.operators.delete',
  'callcenters.operators.get.skilllevel',
  'callcenters.operators.skilllevel',
] as const;

export function deriveContract(specText: string, file: string, ids: readonly string[] = CLIENT_OPERATION_IDS): Contract {
  const spec = JSON.parse(specText) as JsonObject;
  const paths = spec['paths'] as Record<string, JsonObject>;
  const allSchemas = (spec['components'] as JsonObject)['schemas'] as Record<string, Json>;
  const wanted = new Set<string>(ids);
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op) || typeof op['operationId'] !== 'string' || !wanted.has(op['operationId'])) continue;
      const parameters = ((op['parameters'] ?? []) as JsonObject[]).map((p) => ({
        name: String(p['name']),
        in: String(p['in']),
        required: p['required'] === true,
        schema: stripSchema(p['schema'] ?? {}),
      }));
      const body = isObject(op['requestBody']) ? (op['requestBody']['content'] as JsonObject | undefined) : undefined;
      const ok = isObject(op['responses']) ? op['responses']['200'] : undefined;
      const okContent = isObject(ok) ? (ok['content'] as JsonObject | undefined) : undefined;
      const entry: ContractOperation = { operationId: op['operationId'], method: method.toUpperCase(), path, parameters };
      const reqSchema = body?.['application/json'];
      if (isObject(reqSchema) && reqSchema['schema'] !== undefined) entry.requestBody = stripSchema(reqSchema['schema']);
      const resSchema = okContent?.['application/json'];
      if (isObject(resSchema) && resSchema['schema'] !== undefined) entry.response = stripSchema(resSchema['schema']);
      operations.push(entry);
    }
  }
  const missing = [...wanted].filter((id) => !operations.some((o) => o.operationId === id));
  if (missing.length > 0) throw new Error(`operations not found in ${file}: ${missing.join(', ')}`);

  const names = new Set<string>();
  collectRefs(operations as unknown as Json, names);
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    const schema = allSchemas[name];
    if (schema === undefined) throw new Error(`unresolved $ref ${REF_PREFIX}${name}`);
    const more = new Set<string>();
    collectRefs(schema, more);
    for (const m of more) if (!names.has(m)) (names.add(m), queue.push(m));
  }
  const schemas = Object.fromEntries([...names].sort().map((n) => [n, stripSchema(allSchemas[n] as Json)]));
  operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
  const info = spec['info'] as JsonObject;
  return {
    source: {
      file: basename(file),
      sha256: createHash('sha256').update(specText).digest('hex'),
      openapi: String(spec['openapi']),
      version: String(info['version']),
    },
    operations,
    schemas,
  };
}

async function main(): Promise<void> {
  const [specPath, out = 'test/contract/dialpad-contract.json', which = 'client'] = process.argv.slice(2);
  if (specPath === undefined) {
    process.stderr.write('usage: npx tsx scripts/derive-contract.ts SPEC.json [OUT.json] [client|emulator-groups]\n');
    process.exitCode = 1;
    return;
  }
  const sets: Record<string, readonly string[]> = {
    client: CLIENT_OPERATION_IDS,
    'emulator-groups': EMULATOR_GROUP_OPERATION_IDS,
    'emulator-caller-id': EMULATOR_CALLER_ID_OPERATION_IDS,
    'emulator-rooms': EMULATOR_ROOM_OPERATION_IDS,
    'emulator-deskphones': EMULATOR_DESKPHONE_OPERATION_IDS,
  };
  const ids = Object.hasOwn(sets, which) ? sets[which] : undefined;
  if (ids === undefined) {
    process.stderr.write(`unknown operation set "${which}": ${Object.keys(sets).join(', ')}\n`);
    process.exitCode = 1;
    return;
  }
  const contract = deriveContract(await readFile(specPath, 'utf8'), specPath, ids);
  await writeFile(out, `${JSON.stringify(contract, null, 2)}\n`);
  process.stderr.write(`${out}: ${contract.operations.length} operations, ${Object.keys(contract.schemas).length} schemas\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
