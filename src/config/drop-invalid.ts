import type { Problem } from '../errors.js';
import type { YamlFile } from './yaml-file.js';
import { splitPointer } from './validate-schema.js';

/**
 * A copy of `file` without the parts its schema problems are in, so the semantic rules can still
 * run on the rest without tripping over bad values or repeating a problem already reported:
 * - a `users` entry with a problem becomes `undefined` (indexes stay those of the file);
 * - `company`, `policy`, `reserved_numbers` and `emulator` are dropped if anything in them is wrong;
 * - `offices` keep every entry, so references to a broken office are not reported as unknown
 *   (rules must check the types of office fields they read);
 * - a section of the wrong container type is dropped.
 */
export function dropInvalid(file: YamlFile, problems: readonly Problem[]): YamlFile {
  if (file.data === undefined || problems.length === 0) return file;
  const data: Record<string, unknown> = { ...file.data };
  const badUsers = new Set<number>();
  for (const problem of problems) {
    const [top, second] = splitPointer(problem.path === '/' || problem.path === undefined ? '' : problem.path);
    if (top === undefined || top === 'offices' || top === 'version') continue;
    if (top === 'users' && second !== undefined) badUsers.add(Number(second));
    else delete data[top];
  }
  if (!isPlainObject(data.offices)) delete data.offices;
  if (Array.isArray(data.users)) data.users = data.users.map((u: unknown, i) => (badUsers.has(i) ? undefined : u));
  else delete data.users;
  return { ...file, data };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
