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

/**
 * The values an operation's identity consists of, flattened: `path → value` for every leaf of its
 * structural fields but `kind` (objects are walked, arrays kept whole: `patch.first_name`,
 * `numbers_to_pool`, `to.name`), live ids left out as in `identifyOperation`. Display of what a
 * saved plan's operation does, taken from what apply acts on rather than from its texts.
 */
export function listStructuralValues(op: Operation): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) if (!OMIT_IDS.has(key)) walk(inner, path === '' ? key : `${path}.${key}`);
    } else if (value !== undefined) {
      values.set(path, value);
    }
  };
  walk(structuralFields(op, (field) => !NON_STRUCTURAL.has(field) && field !== 'kind'), '');
  return values;
}

/**
 * How two operations' structural values differ, path by path (in the order of `saved`'s paths,
 * then `fresh`'s): `undefined` on a side where the path is absent.
 */
export function compareStructuralValues(saved: Operation, fresh: Operation): { path: string; saved: unknown; fresh: unknown }[] {
  const a = listStructuralValues(saved);
  const b = listStructuralValues(fresh);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((path) => canonicalJson(a.get(path) ?? null) !== canonicalJson(b.get(path) ?? null))
    .map((path) => ({ path, saved: a.get(path), fresh: b.get(path) }));
}
