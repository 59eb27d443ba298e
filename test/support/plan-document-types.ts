/**
 * The plan document's TypeScript types as `schemas/plan.schema.json` describes them, generated with
 * json-schema-to-typescript, and a type check that they agree with the hand-written types of
 * `src/plan/types.ts` both ways. Used by `test/unit/plan-schema-types.test.ts`; nothing is
 * written to disk (the compiler reads the generated module from memory).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import ts from 'typescript';
import { ROOT } from './cli.js';

/** The TypeScript module json-schema-to-typescript makes of the plan schema. */
export async function generatePlanTypes(): Promise<string> {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'plan.schema.json'), 'utf8')) as JSONSchema;
  return compile(schema, 'PlanDocument', {
    bannerComment: '',
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: false,
    cwd: join(ROOT, 'schemas'),
  });
}

const GENERATED = join(ROOT, 'test', 'support', 'plan-document.virtual.ts');
const CHECK = join(ROOT, 'test', 'support', 'plan-agreement.virtual.ts');

/** Compiles unless `Plan`/`Operation` and the generated document types are assignable both ways. */
const CHECK_SOURCE = `
import type { Operation, Plan } from '../../src/plan/types.js';
import type { DialformPlan, Operation as OperationDocument } from './plan-document.virtual.js';
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const planAgrees: Agree<Plan, DialformPlan> = true;
export const operationAgrees: Agree<Operation, OperationDocument> = true;
`;

/** Type errors (empty when they agree) of the agreement check over `generated` (the schema's types). */
export function checkPlanTypesAgree(generated: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (parsed === undefined) throw new Error('tsconfig.json could not be read');
  const options = { ...parsed.options, noEmit: true };
  const virtual = new Map([
    [GENERATED, generated],
    [CHECK, CHECK_SOURCE],
  ]);
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = virtual.get(file);
    return text === undefined ? getSourceFile.call(host, file, language, onError, create) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([CHECK], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return message;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const source = d.file.text.split('\n')[line]?.trim() ?? '';
    return `${d.file.fileName.slice(ROOT.length + 1)}:${line + 1}: ${message} (${source})`;
  });
}
