/**
 * The plan's JSON contract (DESIGN.md §6), documented by `schemas/plan.schema.json`. Built field
 * by field from the Plan so an internal field never leaks into the contract by accident; the
 * schema test holds both together.
 */
import type { FieldChange, OfficeRef, Operation, Plan, Target, UserPatch } from '../plan/types.js';
import { redactPlan } from './redact.js';

export interface JsonOptions {
  /** Mask every email address and phone number (display only: such a plan cannot be applied). */
  redact?: boolean;
}

type JsonObject = Record<string, unknown>;

function officeRefJson(ref: OfficeRef): JsonObject {
  return { key: ref.key, ...(ref.id === undefined ? {} : { id: ref.id }), name: ref.name };
}

function targetJson(target: Target): JsonObject {
  switch (target.type) {
    case 'user':
      return { type: 'user', email: target.email, ...(target.id === undefined ? {} : { id: target.id }) };
    case 'office':
      return {
        type: 'office',
        key: target.key,
        ...(target.id === undefined ? {} : { id: target.id }),
        name: target.name,
      };
    case 'number':
      return { type: 'number', number: target.number };
    case 'company':
      return { type: 'company' };
    default: {
      const _never: never = target;
      return _never;
    }
  }
}

/** `from`/`to` are omitted when absent (JSON has no `undefined`). */
function changeJson(change: FieldChange): JsonObject {
  return {
    field: change.field,
    ...(change.from === undefined ? {} : { from: change.from }),
    ...(change.to === undefined ? {} : { to: change.to }),
  };
}

function patchJson(patch: UserPatch): JsonObject {
  const out: JsonObject = {};
  if (patch.first_name !== undefined) out.first_name = patch.first_name;
  if (patch.last_name !== undefined) out.last_name = patch.last_name;
  if (patch.license !== undefined) out.license = patch.license;
  if (patch.is_super_admin !== undefined) out.is_super_admin = patch.is_super_admin;
  if (patch.admin_offices !== undefined) out.admin_offices = patch.admin_offices.map(officeRefJson);
  if (patch.emails !== undefined) out.emails = [...patch.emails];
  return out;
}

/** The fields a kind adds to the common ones. */
function kindFieldsJson(op: Operation): JsonObject {
  switch (op.kind) {
    case 'create_office':
      return {
        office: officeRefJson(op.office),
        country: op.country,
        ...(op.spec === undefined ? {} : { spec: structuredClone(op.spec) }),
      };
    case 'create_user':
      return {
        email: op.email,
        office: officeRefJson(op.office),
        first_name: op.first_name,
        last_name: op.last_name,
        license: op.license,
      };
    case 'update_user':
      return { patch: patchJson(op.patch) };
    case 'move_user':
      return { from: officeRefJson(op.from), to: officeRefJson(op.to), numbers_to_pool: [...op.numbers_to_pool] };
    case 'assign_number':
      return { number: op.number, primary: op.primary };
    case 'unassign_number':
    case 'release_number':
      return { number: op.number };
    case 'transfer_licenses':
      return {
        line: op.line,
        count: op.count,
        from: officeRefJson(op.from),
        to: officeRefJson(op.to),
        to_purchased_after: op.to_purchased_after,
      };
    case 'suspend_user':
    case 'reactivate_user':
    case 'delete_user':
    case 'restore_user':
    case 'grant_analytics':
    case 'revoke_analytics':
    case 'grant_proxy':
    case 'revoke_proxy':
      return {};
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

function operationJson(op: Operation): JsonObject {
  return {
    id: op.id,
    kind: op.kind,
    target: targetJson(op.target),
    changes: op.changes.map(changeJson),
    manual: op.manual,
    reversible: op.reversible,
    source: op.source,
    after: [...op.after],
    summary: op.summary,
    notes: [...op.notes],
    ...(op.office_key === undefined ? {} : { office_key: op.office_key }),
    ...kindFieldsJson(op),
  };
}

/** The plan as the JSON document of DESIGN.md §6 (a plain object, ready for `JSON.stringify`). */
export function toPlanDocument(plan: Plan): JsonObject {
  return {
    format_version: plan.format_version,
    created_at: plan.created_at,
    basis: { config_digest: plan.basis.config_digest, live_digest: plan.basis.live_digest },
    summary: {
      create: plan.summary.create,
      update: plan.summary.update,
      delete: plan.summary.delete,
      move: plan.summary.move,
      manual: plan.summary.manual,
      blocked: plan.summary.blocked,
    },
    operations: plan.operations.map(operationJson),
    violations: plan.violations.map((v) => ({
      code: v.code,
      severity: v.severity,
      message: v.message,
      operation_ids: [...v.operation_ids],
    })),
    pool: plan.pool.map((p) => ({
      number: p.number,
      direction: p.direction,
      ...(p.user === undefined ? {} : { user: p.user }),
      ...(p.office === undefined ? {} : { office: p.office }),
      operation_id: p.operation_id,
    })),
    unverifiable: plan.unverifiable.map((u) => ({
      email: u.email,
      attribute: u.attribute,
      value: u.value === undefined ? null : u.value,
      source: u.source,
    })),
    ...(plan.offices === undefined ? {} : { offices: plan.offices.map((o) => ({ key: o.key, name: o.name })) }),
  };
}

/** Exactly one JSON document (2-space indent, trailing newline). */
export function renderJson(plan: Plan, options: JsonOptions = {}): string {
  const source = options.redact === true ? redactPlan(plan) : plan;
  return `${JSON.stringify(toPlanDocument(source), null, 2)}\n`;
}
