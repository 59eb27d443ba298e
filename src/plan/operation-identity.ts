import { canonicalJson } from '../model/canonical-json.js';
import { specOf } from './kinds/index.js';
import type { Operation } from './types.js';

/**
 * Fields every operation has that place, explain or schedule it rather than say what it does:
 * its id and ordering in one plan, display text, where the config asked for it, and facts
 * derived from the rest. Two plans that need the same write differ in these freely.
 */
const NON_STRUCTURAL: ReadonlySet<string> = new Set([
  'id',
  'after',
  'summary',
  'notes',
  'office_key',
  'source',
  'changes',
  'manual',
  'step',
  'reversible',
]);

/** Live ids appear at every level (target, office refs): a created object has none yet. */
const OMIT_IDS: ReadonlySet<string> = new Set(['id']);

/**
 * What an operation does, as a canonical string: its kind, its target and its own fields
 * (`number`, `primary`, `from`/`to`, `line`, `count`, `patch`, `license`, …), without the
 * non-structural base fields and without live ids anywhere (a user or office this plan creates
 * has no id in it; a plan made after the create knows it by id). Equal strings mean the same
 * write to the same object. Generic over kinds: a new kind's fields count without listing them.
 */
export function identifyOperation(op: Operation): string {
  return canonicalJson(structuralFields(op, (field) => !NON_STRUCTURAL.has(field)), { omit: OMIT_IDS });
}

/**
 * Which object and aspect an operation is about: its kind, its target and what tells apart
 * operations of one kind on one target (the kind's `tieDetail`: which number, which line from
 * which office). Two operations with the same slot but different identities are the same step
 * with different contents (e.g. the same user's patch, with other values).
 */
export function slotOfOperation(op: Operation): string {
  const where = structuralFields(op, (field) => field === 'kind' || field === 'target');
  return canonicalJson({ ...where, detail: specOf(op).tieDetail(op) }, { omit: OMIT_IDS });
}

function structuralFields(op: Operation, keep: (field: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(op).filter(([field]) => keep(field)));
}
