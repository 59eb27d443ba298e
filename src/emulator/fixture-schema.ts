/**
 * JSON Schema (2020-12) of an emulator fixture: structure only. References, duplicates and license
 * accounting are checked afterwards in `check-fixture.ts`. Items allow the API's other response
 * fields (they are passed through), so only the fields the emulator interprets are typed here.
 */
import { GROUP_KIND_LIST, GROUP_NAME_MAX, SKILL_ON_PATCH } from './groups.js';
import { LINE_FIELDS } from './types.js';

const id = {
  anyOf: [
    { type: 'string', pattern: '^[0-9]+$' },
    { type: 'integer', minimum: 0 },
  ],
} as const;

const count = {
  anyOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', pattern: '^[0-9]+$' },
  ],
} as const;

/** Counts per `PlanProto` line field (office `licenses` and `assigned_licenses`). */
const lineCounts = { type: 'object', additionalProperties: false, properties: Object.fromEntries(LINE_FIELDS.map((f) => [f, count])) };

/** ISO-8601 date-time; without a zone it is UTC (the API writes naive timestamps). */
const isoTime = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?$' } as const;

/** An E911 address as `E911GetProto` holds it (an office's `e911_address`, a user's own). */
const e911Address = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(['address', 'address2', 'city', 'country', 'state', 'zip'].map((f) => [f, { type: 'string' }])),
} as const;

const e164 = { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' } as const;

/** A desk phone of a room or a user; other `DeskPhone` fields pass through. */
const deskphone = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    id: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    type: { enum: ['ata', 'audiocodes', 'c2t', 'ciscompp', 'dect', 'grandstream', 'mini', 'mitel', 'obi', 'polyandroid', 'polycom', 'sip', 'tickiot', 'yealink'] },
    mac_address: { type: 'string', pattern: '^[0-9a-f]{12}$' },
    device_model: { type: 'string' },
    firmware_version: { type: 'string' },
    phone_number: e164,
    byod: { type: 'boolean' },
    owner_id: false,
    owner_type: false,
  },
} as const;

/** A room; other `RoomProto` fields pass through. */
const room = {
  type: 'object',
  required: ['id', 'name', 'office_id'],
  properties: {
    id,
    name: { type: 'string', minLength: 1, maxLength: GROUP_NAME_MAX },
    office_id: id,
    phone_numbers: { type: 'array', items: e164 },
    deskphones: { type: 'array', items: deskphone },
  },
} as const;

/**
 * A department or call center; other `DepartmentProto` / `CallCenterProto` fields pass through.
 * Roles and skill ranges per kind are checked in `check-fixture.ts`, which names the kind.
 */
const group = {
  type: 'object',
  required: ['id', 'name', 'office_id'],
  properties: {
    id,
    name: { type: 'string', minLength: 1, maxLength: GROUP_NAME_MAX },
    office_id: id,
    phone_numbers: { type: 'array', items: e164 },
    // A deleted group is kept as a tombstone so its id is never minted again (`isLiveGroup`).
    state: { enum: ['active', 'deleted'] },
    operators: {
      type: 'array',
      items: {
        type: 'object',
        required: ['user_id'],
        additionalProperties: false,
        properties: {
          user_id: id,
          role: { enum: [...new Set(GROUP_KIND_LIST.flatMap((k) => k.roles))] },
          // A saved state may hold what the skill PATCH allows.
          skill_level: { type: 'integer', minimum: SKILL_ON_PATCH.min, maximum: SKILL_ON_PATCH.max },
        },
      },
    },
  },
} as const;

export const fixtureSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['company', 'offices'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    clock: isoTime,
    number_assignment: { enum: ['pool_first', 'provision', 'foreign'] },
    license_changes: { enum: ['applied', 'ignored'] },
    suspended_licenses: { enum: ['freed', 'kept'] },
    company: {
      type: 'object',
      required: ['id', 'name', 'account_type'],
      properties: {
        id,
        name: { type: 'string', minLength: 1 },
        account_type: { enum: ['free', 'standard', 'pro', 'enterprise'] },
      },
    },
    offices: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'name', 'country'],
        properties: {
          id,
          office_id: id,
          name: { type: 'string', minLength: 1 },
          country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
          state: { enum: ['active', 'cancelled', 'deleted', 'pending', 'suspended'] },
          is_primary_office: { type: 'boolean' },
          phone_numbers: { type: 'array', items: e164 },
          price_level: { type: 'string', minLength: 1 },
          licenses: lineCounts,
          assigned_licenses: lineCounts,
        },
      },
    },
    users: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'emails', 'office_id'],
        properties: {
          id,
          emails: { type: 'array', minItems: 1, items: { type: 'string', minLength: 3 } },
          office_id: id,
          state: { enum: ['active', 'suspended', 'pending', 'deleted', 'cancelled'] },
          license: {
            enum: ['talk', 'agents', 'lite_support_agents', 'lite_lines', 'admins', 'dpde_all', 'dpde_one', 'magenta_lines', 'user'],
          },
          first_name: { type: 'string' },
          last_name: { type: 'string' },
          phone_numbers: { type: 'array', items: e164 },
          is_super_admin: { type: 'boolean' },
          admin_office_ids: { type: 'array', items: id },
          // Derived from the groups' operators and admin_office_ids: one home for memberships.
          group_details: false,
          deleted_at: isoTime,
          anonymized: { type: 'boolean' },
          anonymized_email_sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          analytics: { type: 'boolean' },
          proxy: { type: 'boolean' },
          e911_address: e911Address,
          deskphones: { type: 'array', items: deskphone },
        },
      },
    },
    numbers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['number'],
        properties: {
          number: e164,
          status: {
            enum: ['available', 'call_center', 'call_router', 'department', 'dynamic_caller', 'office', 'pending', 'porting', 'room', 'user'],
          },
          office_id: id,
          target_id: id,
          target_type: { type: 'string' },
          area_code: { type: 'string' },
          type: { enum: ['free', 'local', 'mobile', 'softbank', 'tollfree'] },
          last_user_email: { type: 'string', minLength: 3 },
          unassigned_at: isoTime,
        },
      },
    },
    departments: { type: 'array', items: group },
    call_centers: { type: 'array', items: group },
    rooms: { type: 'array', items: room },
    api_keys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'scope'],
        additionalProperties: false,
        properties: {
          key: { type: 'string', minLength: 1 },
          scope: { enum: ['company', 'office'] },
          office_id: id,
        },
      },
    },
  },
} as const;
