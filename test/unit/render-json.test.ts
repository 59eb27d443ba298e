import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getPlanValidator, planSchemaPath, validatePlanDocument } from '../../src/plan/plan-file.js';
import { OPERATION_KINDS } from '../../src/plan/kinds/index.js';
import { RULE_CODES, type Plan } from '../../src/plan/types.js';
import { renderJson } from '../../src/render/json.js';
import { blockedPlan, emptyPlan, everyKindOperations, fullPlan, largePlan } from '../support/plan-samples.js';

interface SchemaShape {
  $defs: Record<string, { enum?: string[]; oneOf?: { $ref: string }[]; properties?: { kind?: { const?: string } } }>;
}
const schema = JSON.parse(readFileSync(planSchemaPath(), 'utf8')) as SchemaShape;

describe('renderJson', () => {
  const samples: [string, Plan][] = [
    ['full', fullPlan()],
    ['blocked', blockedPlan()],
    ['empty', emptyPlan()],
    ['large', largePlan(50)],
  ];

  it('has samples that reach every part of the document', () => {
    const [full, blocked, empty] = [fullPlan(), blockedPlan(), emptyPlan()];
    expect(full.violations.length).toBeGreaterThan(0);
    expect(full.pool.map((p) => p.direction).sort()).toEqual(['in', 'in', 'out', 'released', 'released']);
    expect(full.operations.some((op) => op.office_key === null)).toBe(true);
    expect(blocked.summary.blocked).toBe(true);
    expect(blocked.unverifiable.length).toBeGreaterThan(0);
    expect(empty.operations).toEqual([]);
  });

  it.each(samples)('renders the %s plan as one document valid against plan.schema.json', (_name, plan) => {
    const validate = getPlanValidator();
    const text = renderJson(plan);
    const doc: unknown = JSON.parse(text);
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(validatePlanDocument(doc)).toEqual([]);
  });

  it('puts format_version, created_at, basis and summary first, as DESIGN.md §6 shows', () => {
    const doc = JSON.parse(renderJson(fullPlan())) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'format_version', 'created_at', 'basis', 'fingerprint', 'summary', 'operations', 'violations', 'pool', 'unverifiable', 'offices',
    ]);
    expect(doc.format_version).toBe(1);
  });

  it('redacts emails and numbers when asked', () => {
    const text = renderJson(fullPlan(), { redact: true });
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(text).not.toMatch(/\+\d{7,15}/);
  });

  it('is rejected by the schema when an operation lacks its own fields', () => {
    const validate = getPlanValidator();
    const doc = JSON.parse(renderJson(fullPlan())) as { operations: Record<string, unknown>[] };
    const move = doc.operations.findIndex((op) => op.kind === 'move_user');
    expect(validate(doc)).toBe(true);
    delete doc.operations[move]!.numbers_to_pool;
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe(`/operations/${move}`);
  });
});

describe('plan.schema.json stays in step with src/plan/types.ts', () => {
  it('has the operation kind enum equal to OPERATION_KINDS', () => {
    expect(schema.$defs.operation_kind?.enum).toEqual([...OPERATION_KINDS]);
  });

  it('has one oneOf branch per kind, discriminated by a kind const', () => {
    const branches = (schema.$defs.operation?.oneOf ?? []).map((b) => {
      const name = b.$ref.replace('#/$defs/', '');
      return schema.$defs[name]?.properties?.kind?.const;
    });
    expect([...branches].sort()).toEqual([...OPERATION_KINDS].sort());
  });

  it('has the rule code enum equal to RULE_CODES', () => {
    expect(schema.$defs.rule_code?.enum).toEqual([...RULE_CODES]);
  });

  it('samples cover every operation kind', () => {
    expect(new Set(everyKindOperations().map((op) => op.kind))).toEqual(new Set(OPERATION_KINDS));
  });
});
