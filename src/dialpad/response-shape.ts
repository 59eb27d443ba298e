/**
 * Run-time checks of the response fields dialform reads, so a body Dialpad (or a proxy in front
 * of it) got wrong becomes a named problem instead of a misread: `emails` as a string would
 * otherwise key every user as "u", and an id sent as a JSON number above 2^53 arrives rounded
 * (JSON.parse cannot keep the digits) and names a different user.
 *
 * The field types are those of the OpenAPI description (`test/contract/dialpad-contract.json`;
 * `test/contract/response-shapes.test.ts` holds them to it). Only fields dialform reads are
 * checked; other fields pass through untouched. `null` is the protobuf JSON mapping's "unset", so
 * a checked field that is `null` is dropped from the returned record, as if it were absent.
 */
import type { ApiCallCenter, ApiCallerId, ApiCompany, ApiDepartment, ApiE911, ApiGroupDetails, ApiLineCounts, ApiNumber, ApiOffice, ApiSkillLevel, ApiUser } from './api-types.js';

/**
 * How a checked field must look. `int64` is a decimal string or a safe JSON integer; `object[]` is
 * a list of records, each checked against the shape `RecordShape.nested` names for the field;
 * `object` is a JSON object whose fields the reader of it checks (a group's `routing_options`).
 */
export type FieldType = 'int64' | 'int64[]' | 'string' | 'string[]' | 'boolean' | 'object' | 'object[]';

/** The checked shape of one record kind. */
export interface RecordShape<T> {
  /** What one record is called in messages: `user`, `office`, `number`. */
  noun: string;
  fields: Readonly<Record<string, FieldType>>;
  /** Field groups of which at least one field must be present (e.g. an office's `id` or `office_id`). */
  required: readonly (readonly string[])[];
  /** The record's identity within a list (for repeated-item detection); absent for single records. */
  keyOf?: (record: T) => string;
  /**
   * The fields the planner matches a list item on (a user's email and office, a group's name and
   * office), which a list item must carry, non-empty: an item without them would be read as some
   * other object, or as none (a call center without `office_id` matched no config entry and was
   * deleted and created again). Single records are not held to this.
   */
  matchedOn?: (record: T) => readonly string[];
  /** The shape of each record in an `object[]` field. */
  nested?: Readonly<Record<string, RecordShape<unknown>>>;
}

/** `GroupDetailsProto`: one of a user's memberships (`UserProto.group_details`). */
export const GROUP_DETAILS_SHAPE: RecordShape<ApiGroupDetails> = {
  noun: 'group detail',
  fields: { group_id: 'int64', group_type: 'string', role: 'string', do_not_disturb: 'boolean' },
  required: [['group_id'], ['group_type']],
};

export const USER_SHAPE: RecordShape<ApiUser> = {
  noun: 'user',
  fields: {
    id: 'int64',
    company_id: 'int64',
    office_id: 'int64',
    admin_office_ids: 'int64[]',
    is_super_admin: 'boolean',
    first_name: 'string',
    last_name: 'string',
    emails: 'string[]',
    phone_numbers: 'string[]',
    license: 'string',
    state: 'string',
    country: 'string',
    // Not in the public API: the emulator's deletion time (DESIGN §8).
    deleted_at: 'string',
    group_details: 'object[]',
    extension: 'string',
    forwarding_numbers: 'string[]',
    international_dialing_enabled: 'boolean',
    job_title: 'string',
  },
  required: [['id']],
  keyOf: (u) => String(u.id),
  // A deleted user may be anonymized (no email left): it matches no one, and that is right.
  matchedOn: (u) => (u.state === 'deleted' ? ['office_id'] : ['emails', 'office_id']),
  nested: { group_details: GROUP_DETAILS_SHAPE as RecordShape<unknown> },
};

/** The fields of how a group answers (`model/group-settings.ts`) both kinds carry; `hold_queue` and `routing_options` are read field by field (`readGroupSettings`). */
const GROUP_SETTING_FIELDS = {
  monday_hours: 'string[]',
  tuesday_hours: 'string[]',
  wednesday_hours: 'string[]',
  thursday_hours: 'string[]',
  friday_hours: 'string[]',
  saturday_hours: 'string[]',
  sunday_hours: 'string[]',
  hours_on: 'boolean',
  ring_seconds: 'int64',
  hold_queue: 'object',
  routing_options: 'object',
} as const satisfies Record<string, FieldType>;

/** `CallCenterProto`. */
export const CALL_CENTER_SHAPE: RecordShape<ApiCallCenter> = {
  noun: 'call center',
  fields: { id: 'int64', name: 'string', office_id: 'int64', phone_numbers: 'string[]', state: 'string', ...GROUP_SETTING_FIELDS },
  required: [['id']],
  keyOf: (g) => String(g.id),
  matchedOn: () => ['name', 'office_id'],
};
/** `DepartmentProto`: a call center's fields and `auto_call_recording`. */
export const DEPARTMENT_SHAPE: RecordShape<ApiDepartment> = { ...CALL_CENTER_SHAPE, noun: 'department', fields: { ...CALL_CENTER_SHAPE.fields, auto_call_recording: 'boolean' } };

/**
 * `OperatorSkillLevelProto`. `skill_level` is what the read is for: one without it is a failed read
 * (then `incomplete`), never "no skill", which a re-add would turn into Dialpad's default 100.
 */
export const SKILL_LEVEL_SHAPE: RecordShape<ApiSkillLevel> = {
  noun: 'skill level',
  fields: { call_center_id: 'int64', user_id: 'int64', skill_level: 'int64' },
  required: [['skill_level']],
};

/** `E911GetProto`: every field optional (unset: no address yet). */
export const E911_SHAPE: RecordShape<ApiE911> = {
  noun: 'E911 address',
  fields: { address: 'string', address2: 'string', city: 'string', state: 'string', zip: 'string', country: 'string' },
  required: [],
};

/** `caller_id.GroupProto`: a group's number a user may present. */
export const CALLER_ID_GROUP_SHAPE: RecordShape<unknown> = { noun: 'caller-ID group', fields: { caller_id: 'string', display_name: 'string' }, required: [] };

export const CALLER_ID_SHAPE: RecordShape<ApiCallerId> = {
  noun: 'caller ID',
  fields: { id: 'int64', caller_id: 'string', phone_numbers: 'string[]', office_main_line: 'string', groups: 'object[]' },
  required: [['id']],
  nested: { groups: CALLER_ID_GROUP_SHAPE },
};

export const OFFICE_SHAPE: RecordShape<ApiOffice> = {
  noun: 'office',
  fields: {
    id: 'int64',
    office_id: 'int64',
    name: 'string',
    country: 'string',
    is_primary_office: 'boolean',
    state: 'string',
    phone_numbers: 'string[]',
  },
  required: [['id', 'office_id']],
  keyOf: (o) => String(o.id ?? o.office_id),
  matchedOn: () => ['name'],
};

export const NUMBER_SHAPE: RecordShape<ApiNumber> = {
  noun: 'number',
  fields: {
    number: 'string',
    company_id: 'int64',
    office_id: 'int64',
    status: 'string',
    target_id: 'int64',
    target_type: 'string',
    type: 'string',
    deleted: 'boolean',
  },
  required: [['number']],
  keyOf: (n) => String(n.number),
};

export const COMPANY_SHAPE: RecordShape<ApiCompany> = {
  noun: 'company',
  fields: { id: 'int64', name: 'string', account_type: 'string' },
  required: [],
};

export const LINE_COUNTS_SHAPE: RecordShape<ApiLineCounts> = {
  noun: 'license counts',
  fields: {
    talk_lines: 'int64',
    sell_lines: 'int64',
    contact_center_lines: 'int64',
    additional_number_lines: 'int64',
    tollfree_additional_number_lines: 'int64',
    room_lines: 'int64',
    tollfree_room_lines: 'int64',
    fax_lines: 'int64',
    uberconference_lines: 'int64',
    tollfree_uberconference_lines: 'int64',
  },
  required: [],
};

/** A checked record, or what is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A list page's frame: its items, not yet checked, and its cursor (absent at the end), or what is wrong with it. */
export type PageFrame = { ok: true; items: readonly unknown[]; cursor?: string } | { ok: false; problem: string };

/** Checks one record against its shape; the message names the field and what it holds. */
export function checkRecord<T>(shape: RecordShape<T>, value: unknown): Checked<T> {
  if (!isPlainObject(value)) return { ok: false, problem: `the ${shape.noun} is ${describe(value)}, not an object` };
  const out: Record<string, unknown> = { ...value };
  for (const [field, type] of Object.entries(shape.fields)) {
    const v = value[field];
    if (v === null) {
      delete out[field];
      continue;
    }
    if (v === undefined) continue;
    const problem = type === 'object[]' ? recordsProblem(shape.nested?.[field], v) : fieldProblem(type, v);
    if (problem !== undefined) return { ok: false, problem: `${shape.noun}${identify(value)} field ${field} ${problem}` };
  }
  for (const group of shape.required) {
    if (!group.some((f) => out[f] !== undefined)) {
      return { ok: false, problem: `${shape.noun}${identify(value)} has no ${group.join(' or ')}` };
    }
  }
  return { ok: true, value: out as T };
}

/**
 * Checks a list page's frame, not its records: a JSON object whose `items`, if any, is an array and
 * whose `cursor`, if any, is a string. Cheap, so a reader can ask for the next page before it
 * checks this one's records (`checkPageItems`).
 */
export function checkPageFrame(body: unknown): PageFrame {
  if (!isPlainObject(body)) return { ok: false, problem: `the page is ${describe(body)}, not an object` };
  const { items, cursor } = body;
  if (items !== undefined && items !== null && !Array.isArray(items)) return { ok: false, problem: `items is ${describe(items)}, not an array` };
  if (cursor !== undefined && cursor !== null && typeof cursor !== 'string') return { ok: false, problem: `cursor is ${describe(cursor)}, not a string` };
  return { ok: true, items: (items ?? []) as readonly unknown[], ...(typeof cursor === 'string' && cursor !== '' ? { cursor } : {}) };
}

/** A page's records, each checked against `shape` and carrying the fields the planner matches on; the problem names the item (1-based). */
export function checkPageItems<T>(shape: RecordShape<T>, items: readonly unknown[]): Checked<T[]> {
  const records: T[] = [];
  for (const [i, item] of items.entries()) {
    const checked = checkRecord(shape, item);
    if (!checked.ok) return { ok: false, problem: `item ${i + 1}: ${checked.problem}` };
    const missing = missingMatchField(shape, checked.value);
    if (missing !== undefined) return { ok: false, problem: `item ${i + 1}: ${missing}` };
    records.push(checked.value);
  }
  return { ok: true, value: records };
}

/** The first field the planner matches on that a checked list item lacks or has empty, named. */
function missingMatchField<T>(shape: RecordShape<T>, record: T): string | undefined {
  const fields = record as Record<string, unknown>;
  const field = shape.matchedOn?.(record).find((f) => isEmpty(fields[f]));
  if (field === undefined) return undefined;
  return `${shape.noun}${identify(fields)} has no ${field}, which the plan matches ${shape.noun}s on`;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0 || v.every(isEmpty);
  return false;
}

/** A list of records, each well-formed (unset fields inside are dropped as at the top level). */
function recordsProblem(shape: RecordShape<unknown> | undefined, v: unknown): string | undefined {
  if (!Array.isArray(v)) return `is ${describe(v)}, not a list`;
  if (shape === undefined) return undefined;
  for (const [i, e] of v.entries()) {
    const checked = checkRecord(shape, e);
    if (!checked.ok) return `item ${i + 1}: ${checked.problem}`;
  }
  return undefined;
}

function fieldProblem(type: Exclude<FieldType, 'object[]'>, v: unknown): string | undefined {
  switch (type) {
    case 'int64':
      return int64Problem(v);
    case 'int64[]':
      if (!Array.isArray(v)) return `is ${describe(v)}, not a list of ids`;
      for (const e of v) {
        const problem = int64Problem(e);
        if (problem !== undefined) return `holds an id that ${problem}`;
      }
      return undefined;
    case 'string':
      return typeof v === 'string' ? undefined : `is ${describe(v)}, not a string`;
    case 'string[]':
      if (!Array.isArray(v)) return `is ${describe(v)}, not a list of strings`;
      return v.every((e) => typeof e === 'string') ? undefined : 'holds a value that is not a string';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `is ${describe(v)}, not true or false`;
    case 'object':
      return isPlainObject(v) ? undefined : `is ${describe(v)}, not an object`;
    default: {
      const _never: never = type;
      return _never;
    }
  }
}

/**
 * An int64 is a decimal string, or a JSON integer that the parser kept exactly. A number beyond
 * Number.MAX_SAFE_INTEGER has already been rounded by JSON.parse, so it is refused, never used.
 */
function int64Problem(v: unknown): string | undefined {
  if (typeof v === 'string') return /^-?[0-9]+$/.test(v) ? undefined : `is ${describe(v)}, not a decimal id`;
  if (typeof v !== 'number' || !Number.isInteger(v)) return `is ${describe(v)}, not an integer`;
  if (!Number.isSafeInteger(v)) return `is the JSON number ${String(v)}, beyond 2^53: its exact value is lost (ids must be sent as strings)`;
  return undefined;
}

/** ` 42` when the record has a usable id, for messages. */
function identify(value: Record<string, unknown>): string {
  for (const f of ['id', 'office_id', 'number']) {
    const v = value[f];
    if (typeof v === 'string' && v.length <= 40) return ` ${v}`;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return ` ${String(v)}`;
  }
  return '';
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length <= 20 ? `the string ${JSON.stringify(v)}` : 'a string';
  if (typeof v === 'number') return `the number ${String(v)}`;
  return `a ${typeof v}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
