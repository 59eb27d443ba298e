import { describe, expect, it } from 'vitest';
import {
  CALL_CENTER_SHAPE,
  CALLER_ID_GROUP_SHAPE,
  CALLER_ID_SHAPE,
  COMPANY_SHAPE,
  DEPARTMENT_SHAPE,
  E911_SHAPE,
  GROUP_DETAILS_SHAPE,
  SKILL_LEVEL_SHAPE,
  LINE_COUNTS_SHAPE,
  NUMBER_SHAPE,
  OFFICE_SHAPE,
  USER_SHAPE,
  type FieldType,
  type RecordShape,
} from '../../src/dialpad/response-shape.js';
import { contract } from '../support/contract.js';

type Schema = { type?: string; format?: string; items?: Schema; properties?: Record<string, Schema>; $ref?: string };

/** Fields the run-time checks read that the public description lacks, with why. */
const NOT_IN_SPEC: Record<string, readonly string[]> = {
  // The emulator's deletion time (DESIGN §8); the public API does not send it.
  user: ['deleted_at'],
};

function schema(name: string): Schema {
  const s = contract.schemas[name] as Schema | undefined;
  if (s === undefined) throw new Error(`no schema ${name} in the contract`);
  return s;
}

/** The run-time field type the contract's property means; undefined for one the checks do not model. */
function fieldTypeOf(s: Schema): FieldType | undefined {
  const int64 = (x: Schema | undefined) => x?.type === 'integer' && (x.format === 'int64' || x.format === 'uint64');
  if (int64(s)) return 'int64';
  if (s.type === 'string') return 'string';
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'array' && int64(s.items)) return 'int64[]';
  if (s.type === 'array' && s.items?.type === 'string') return 'string[]';
  if (s.type === 'array' && s.items?.$ref !== undefined) return 'object[]';
  if (s.type === 'object' && s.$ref !== undefined) return 'object';
  return undefined;
}

interface Case {
  noun: string;
  shape: RecordShape<never>;
  name: string;
  collection?: string;
}

const CASES: Case[] = [
  { noun: 'user', shape: USER_SHAPE, name: 'schemas.user.UserProto', collection: 'schemas.user.UserCollection' },
  { noun: 'office', shape: OFFICE_SHAPE, name: 'schemas.office.OfficeProto', collection: 'schemas.office.OfficeCollection' },
  { noun: 'number', shape: NUMBER_SHAPE, name: 'schemas.number.NumberProto', collection: 'schemas.number.NumberCollection' },
  { noun: 'company', shape: COMPANY_SHAPE, name: 'schemas.company.CompanyProto' },
  { noun: 'plan', shape: LINE_COUNTS_SHAPE, name: 'schemas.plan.PlanProto' },
  { noun: 'available licenses', shape: LINE_COUNTS_SHAPE, name: 'schemas.plan.AvailableLicensesProto' },
  { noun: 'group detail', shape: GROUP_DETAILS_SHAPE, name: 'schemas.user.GroupDetailsProto' },
  { noun: 'department', shape: DEPARTMENT_SHAPE, name: 'schemas.group.DepartmentProto', collection: 'schemas.group.DepartmentCollection' },
  { noun: 'call center', shape: CALL_CENTER_SHAPE, name: 'schemas.group.CallCenterProto', collection: 'schemas.group.CallCenterCollection' },
  { noun: 'skill level', shape: SKILL_LEVEL_SHAPE, name: 'schemas.group.OperatorSkillLevelProto' },
  { noun: 'E911 address', shape: E911_SHAPE, name: 'schemas.office.E911GetProto' },
  { noun: 'caller ID', shape: CALLER_ID_SHAPE, name: 'schemas.caller_id.CallerIdProto' },
  { noun: 'caller-ID group', shape: CALLER_ID_GROUP_SHAPE, name: 'schemas.caller_id.GroupProto' },
];

describe('the run-time response checks agree with the contract (issue 12 #5)', () => {
  it.each(CASES)('$noun: each checked field has the type $name gives it', ({ shape, name }) => {
    const properties = schema(name).properties ?? {};
    const expected = Object.fromEntries(
      Object.keys(shape.fields)
        .filter((f) => !(NOT_IN_SPEC[shape.noun] ?? []).includes(f))
        .map((f) => [f, properties[f] === undefined ? 'not in the contract' : fieldTypeOf(properties[f] as Schema)]),
    );
    const actual = Object.fromEntries(Object.entries(shape.fields).filter(([f]) => f in expected));
    expect(actual).toEqual(expected);
  });

  it.each(CASES.filter((c) => c.collection !== undefined))('$noun: a $collection page is {items, cursor} as checkPageFrame reads it', ({ name, collection }) => {
    const page = schema(collection as string).properties ?? {};
    expect(page['items']?.type).toBe('array');
    expect(page['items']?.items?.$ref).toBe(`#/components/schemas/${name}`);
    expect(page['cursor']?.type).toBe('string');
  });
});
