import type { Problem } from '../errors.js';
import type { YamlFile } from './yaml-file.js';
import { splitPointer } from './validate-schema.js';

/**
 * A copy of `file` without the parts its schema problems are in, so the semantic rules can still
 * run on the rest without tripping over bad values or repeating a problem already reported:
 * - a `users` entry keeps its valid fields: a field with a problem is dropped (so the semantic
 *   rules still check the rest of that user in the same run), and an entry that is not a mapping
 *   becomes `undefined` (indexes stay those of the file);
 * - `company`, `policy`, `reserved_numbers` and `emulator` are dropped if anything in them is wrong;
 * - `offices` keep every entry, so references to a broken office are not reported as unknown
 *   (rules must check the types of office fields they read);
 * - a section of the wrong container type is dropped.
 */
export function dropInvalid(file: YamlFile, problems: readonly Problem[]): YamlFile {
  if (file.data === undefined || problems.length === 0) return file;
  const data: Record<string, unknown> = { ...file.data };
  /** Per user index: the fields with a problem (`''` for a problem with the entry as a whole). */
  const badUsers = new Map<number, Set<string>>();
  for (const problem of problems) {
    const [top, second, third] = splitPointer(problem.path === '/' || problem.path === undefined ? '' : problem.path);
    if (top === undefined || top === 'offices' || top === 'version') continue;
    if (top === 'users' && second !== undefined) {
      const fields = badUsers.get(Number(second)) ?? new Set<string>();
      fields.add(third ?? '');
      badUsers.set(Number(second), fields);
    } else delete data[top];
  }
  if (!isPlainObject(data.offices)) delete data.offices;
  if (Array.isArray(data.users)) data.users = data.users.map((u: unknown, i) => keepValidFields(u, badUsers.get(i)));
  else delete data.users;
  return { ...file, data };
}

/**
 * A user entry without its fields that have problems. A problem with the entry as a whole (a
 * missing or unknown key) leaves the rest as it is; an entry that is not a mapping is dropped.
 */
function keepValidFields(user: unknown, bad: Set<string> | undefined): unknown {
  if (bad === undefined) return user;
  if (!isPlainObject(user)) return undefined;
  return Object.fromEntries(Object.entries(user).filter(([field]) => !bad.has(field)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
