/**
 * The plan file (`dialform plan --out FILE`, `dialform apply FILE`, `dialform show FILE`): a Plan
 * serialized as it is, validated against `schemas/plan.schema.json` when read back. A bad file is
 * a `plan_file_invalid` error naming the file and its first problems, never a stack trace.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { DialformError } from '../errors.js';
import { readUserText, UserFileError } from '../read-user-file.js';
import { schemaPath } from '../package-root.js';
import { PLAN_FORMAT_VERSION, type Plan } from './types.js';
import { fingerprintPlan } from './fingerprint.js';
import { KINDS } from './kinds/index.js';

/** How many problems a `plan_file_invalid` message lists. */
const MAX_PROBLEMS = 5;

/** Loads CommonJS ajv on first use only, synchronously: importing ajv costs ~60 ms. */
const requireCjs = createRequire(import.meta.url);

let validator: ValidateFunction | undefined;

/** Absolute path of the shipped plan schema. */
export function planSchemaPath(): string {
  return schemaPath('plan.schema.json');
}

/** The compiled plan schema (compiled once, on first use). */
export function getPlanValidator(): ValidateFunction {
  if (validator !== undefined) return validator;
  const { Ajv2020 } = requireCjs('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // ajv-formats is CommonJS: `module.exports.default` is the plugin.
  const formats = requireCjs('ajv-formats') as (typeof import('ajv-formats'))['default'];
  // The shipped schema is checked against the 2020-12 meta-schema once, by test/unit/schemas-meta-valid.test.ts,
  // not at every run: that check is about half of compiling it, in every CLI process.
  const ajv = new Ajv2020({ allErrors: true, strict: true, discriminator: true, validateSchema: false });
  formats.default(ajv, ['date-time']);
  // json-schema-to-typescript's annotation (the TypeScript type of a string pattern): no validation meaning.
  ajv.addKeyword('tsType');
  validator = ajv.compile(JSON.parse(readFileSync(planSchemaPath(), 'utf8')) as object);
  return validator;
}

function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(top level)' : e.instancePath;
  if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
    const name = (e.params as { additionalProperty?: string; unevaluatedProperty?: string });
    return `${where}: unknown property "${name.additionalProperty ?? name.unevaluatedProperty ?? '?'}"`;
  }
  return `${where}: ${e.message ?? e.keyword}`;
}

function invalid(path: string, problems: string[]): DialformError {
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => `  ${p}`);
  const more = problems.length > MAX_PROBLEMS ? [`  … and ${problems.length - MAX_PROBLEMS} more`] : [];
  return new DialformError(
    'plan_file_invalid',
    [`${path} is not a valid dialform plan file:`, ...shown, ...more].join('\n'),
  );
}

/**
 * Cross-references the schema cannot state: ids in order, references to existing operations,
 * `manual` as the kind says, steps on manual operations only, and a fingerprint that is the
 * operations' own (a file whose fingerprint was edited would show a reviewer another plan's).
 */
function checkReferences(plan: Plan): string[] {
  const problems: string[] = [];
  if (fingerprintPlan(plan) !== plan.fingerprint) problems.push('/fingerprint: not the fingerprint of this plan\'s operations (was the file edited?)');
  const position = new Map<string, number>();
  plan.operations.forEach((op, i) => {
    if (op.id !== `op-${i + 1}`) problems.push(`/operations/${i}/id: expected "op-${i + 1}" (execution order), got "${op.id}"`);
    position.set(op.id, i);
    // Only manual operations are steps a person does. (A manual one without a step is a plan file
    // from before steps were recorded, and still reads.)
    if (op.step !== undefined && !op.manual) problems.push(`/operations/${i}/step: only a manual operation has a step`);
    // Apply waits for a manual step instead of calling Dialpad: the kind decides which it is, not the file.
    const manual = KINDS[op.kind].manual !== false;
    if (op.manual !== manual) problems.push(`/operations/${i}/manual: ${op.kind} is ${manual ? '' : 'not '}a manual step`);
  });
  plan.operations.forEach((op, i) => {
    op.after.forEach((id, j) => {
      const at = position.get(id);
      if (at === undefined || at >= i) problems.push(`/operations/${i}/after/${j}: "${id}" is not an earlier operation`);
    });
  });
  plan.violations.forEach((v, i) => {
    v.operation_ids.forEach((id, j) => {
      if (!position.has(id)) problems.push(`/violations/${i}/operation_ids/${j}: no operation "${id}"`);
    });
  });
  plan.pool.forEach((p, i) => {
    if (!position.has(p.operation_id)) problems.push(`/pool/${i}/operation_id: no operation "${p.operation_id}"`);
  });
  return problems;
}

/**
 * Problems that make `doc` an invalid plan document (empty when it is valid): the format version,
 * then plan.schema.json, then cross-references. Each problem starts with a JSON pointer.
 */
export function validatePlanDocument(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['expected a JSON object'];
  const version = (doc as Record<string, unknown>).format_version;
  if (version !== PLAN_FORMAT_VERSION) {
    return [
      `format_version ${JSON.stringify(version)} is not supported: this dialform reads format_version ${PLAN_FORMAT_VERSION}. ` +
        'Re-create the plan with this version of dialform (`dialform plan --out FILE`).',
    ];
  }
  const validate = getPlanValidator();
  if (!validate(doc)) return (validate.errors ?? []).map(describeAjvError);
  return checkReferences(doc as Plan);
}

/**
 * Reads and validates a plan file. Throws `DialformError('plan_file_invalid')` for a missing,
 * unreadable, non-JSON, wrong-version or schema-invalid file.
 */
export async function readPlanFile(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readUserText(path, { what: 'plan file' });
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    throw new DialformError('plan_file_invalid', `cannot read plan file ${path}: ${e.problem}`, { cause: e });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw invalid(path, [`not JSON (${(e as Error).message}); was it written by \`dialform plan --out\`?`]);
  }
  const problems = validatePlanDocument(doc);
  if (problems.length > 0) throw invalid(path, problems);
  // The schema (additionalProperties/unevaluatedProperties: false) holds the document to the Plan type.
  return doc as Plan;
}

/** The plan document as JSON text (2-space indent, trailing newline): what `plan --out` writes. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** Writes the plan's JSON rendering atomically (temporary file in the same directory, then rename). */
export async function writePlanFile(path: string, plan: Plan): Promise<void> {
  const target = resolve(path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, serializePlan(plan), { encoding: 'utf8', mode: 0o644 });
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw new DialformError('plan_file_write_failed', `cannot write plan file ${path}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}
