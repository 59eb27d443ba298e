import {
  CALL_CENTER_SHAPE,
  COMPANY_SHAPE,
  DEPARTMENT_SHAPE,
  GROUP_DETAILS_SHAPE,
  LINE_COUNTS_SHAPE,
  NUMBER_SHAPE,
  OFFICE_SHAPE,
  SKILL_LEVEL_SHAPE,
  USER_SHAPE,
  checkRecord,
  type RecordShape,
} from '../dialpad/response-shape.js';
import { DOCUMENTED_FIELDS, type DocumentedSchema } from './documented-fields.js';
import type { ShapeReport } from './types.js';

/** One answer doctor read: the client's operation id and the parsed body of a 2xx response. */
export interface ReadAnswer {
  operation: string;
  body: unknown;
}

interface Reading {
  schema: DocumentedSchema;
  shape: RecordShape<unknown>;
  /** A list page (`{items, cursor}`) rather than one record. */
  page: boolean;
}

const reading = (schema: DocumentedSchema, shape: RecordShape<never>, page: boolean): Reading => ({ schema, shape: shape as RecordShape<unknown>, page });

/** The schema of each read's answer, by the client's operation id. */
const READINGS: Record<string, Reading> = {
  'company.get': reading('schemas.company.CompanyProto', COMPANY_SHAPE, false),
  'offices.list': reading('schemas.office.OfficeProto', OFFICE_SHAPE, true),
  'plan.get': reading('schemas.plan.PlanProto', LINE_COUNTS_SHAPE, false),
  'plan.available_licenses.get': reading('schemas.plan.AvailableLicensesProto', LINE_COUNTS_SHAPE, false),
  'users.list': reading('schemas.user.UserProto', USER_SHAPE, true),
  'numbers.list': reading('schemas.number.NumberProto', NUMBER_SHAPE, true),
  'departments.listall': reading('schemas.group.DepartmentProto', DEPARTMENT_SHAPE, true),
  'callcenters.listall': reading('schemas.group.CallCenterProto', CALL_CENTER_SHAPE, true),
  'callcenters.operators.get.skilllevel': reading('schemas.group.OperatorSkillLevelProto', SKILL_LEVEL_SHAPE, false),
};

/** A user's `group_details` entries are `GroupDetailsProto` records, compared the same way. */
const NESTED: Partial<Record<DocumentedSchema, { field: string; reading: Reading }>> = {
  'schemas.user.UserProto': { field: 'group_details', reading: reading('schemas.user.GroupDetailsProto', GROUP_DETAILS_SHAPE, false) },
};

/**
 * The documented fields every record of a kind carries when Dialpad answers as dialform reads it:
 * its identity and what a plan cannot do without. Other fields are legitimately absent (the
 * protobuf JSON mapping omits unset fields, empty lists and `false`: dialpad-api.md §1.6).
 */
export const ALWAYS_SENT: Readonly<Partial<Record<DocumentedSchema, readonly string[]>>> = {
  'schemas.company.CompanyProto': ['id', 'account_type'],
  'schemas.office.OfficeProto': ['id', 'name', 'country'],
  'schemas.user.UserProto': ['id', 'office_id', 'state', 'license'],
  'schemas.number.NumberProto': ['number', 'status'],
  'schemas.group.DepartmentProto': ['id', 'name', 'office_id'],
  'schemas.group.CallCenterProto': ['id', 'name', 'office_id'],
  'schemas.user.GroupDetailsProto': ['group_id', 'group_type'],
};

/** Names kept per schema in `invalid`: enough to act on, short enough to paste. */
const MAX_INVALID = 3;

/**
 * Compares every record of the answers with the OpenAPI description: the fields it does not
 * document (Dialpad added or renamed one), the fields of `ALWAYS_SENT` records lacked (removed or
 * renamed), and the records whose read fields have the wrong type
 * (`checkRecord`, the same check the plan's read makes). Pure; schemas without records are left out.
 */
export function checkShapes(answers: readonly ReadAnswer[]): ShapeReport[] {
  const bySchema = new Map<DocumentedSchema, { reading: Reading; records: Record<string, unknown>[] }>();
  const add = (r: Reading, records: readonly unknown[]) => {
    const entry = bySchema.get(r.schema) ?? { reading: r, records: [] };
    bySchema.set(r.schema, entry);
    for (const record of records) {
      if (!isObject(record)) continue;
      entry.records.push(record);
      const nested = NESTED[r.schema];
      const inner = nested === undefined ? undefined : record[nested.field];
      if (nested !== undefined && Array.isArray(inner)) add(nested.reading, inner);
    }
  };
  for (const answer of answers) {
    const r = READINGS[answer.operation];
    if (r === undefined || !isObject(answer.body)) continue;
    const items = answer.body['items'];
    add(r, r.page ? (Array.isArray(items) ? items : []) : [answer.body]);
  }
  return [...bySchema.values()]
    .filter((e) => e.records.length > 0)
    .map(({ reading: r, records }) => reportSchema(r, records))
    .sort((a, b) => a.schema.localeCompare(b.schema));
}

function reportSchema(r: Reading, records: readonly Record<string, unknown>[]): ShapeReport {
  const documented = new Set<string>(DOCUMENTED_FIELDS[r.schema]);
  const unknown: Record<string, number> = {};
  const missing: Record<string, number> = {};
  const invalid: string[] = [];
  for (const record of records) {
    for (const field of Object.keys(record)) if (!documented.has(field)) unknown[field] = (unknown[field] ?? 0) + 1;
    for (const field of ALWAYS_SENT[r.schema] ?? []) if (record[field] === undefined || record[field] === null) missing[field] = (missing[field] ?? 0) + 1;
    const checked = checkRecord(r.shape, record);
    if (!checked.ok && invalid.length < MAX_INVALID) invalid.push(checked.problem);
  }
  return { schema: r.schema, records: records.length, unknown_fields: sortKeys(unknown), missing_fields: sortKeys(missing), invalid };
}

function sortKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
