import type { Problem } from '../errors.js';
import { formatPath, joinPointer } from './validate-schema.js';
import { locateInFile, type PathSegment, type YamlFile } from './yaml-file.js';

/** C0 and C1 control characters and DEL: never part of a name, email or address Dialpad keeps. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;

/**
 * Problems for string values that would reach Dialpad garbled: one holding a control character
 * (NUL, BEL, a newline, a tab…) and one that is only whitespace. Values at `skip` (JSON pointers
 * that already have a schema problem) are not reported twice.
 */
export function checkStrings(file: YamlFile, skip: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  // One path, extended and cut back as the walk goes: copied only for a problem.
  const path: PathSegment[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const message = describeString(value);
      if (message === undefined) return;
      const pointer = joinPointer(path);
      if (!skip.has(pointer)) problems.push({ ...locateInFile(file, [...path]), path: pointer, message: `${formatPath(path)} ${message}` });
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        path.push(key);
        visit((value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  visit(file.data);
  return problems;
}

function describeString(value: string): string | undefined {
  const control = value.match(CONTROL);
  if (control !== null) {
    const code = control[0].codePointAt(0) ?? 0;
    return `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}: remove it`;
  }
  if (value.length > 0 && value.trim() === '') return 'must not be blank (it holds only whitespace)';
  return undefined;
}

/** `value` with newlines and other control characters escaped, so a message stays on one line. */
export function escapeControl(value: string): string {
  return value.replace(CONTROL, (c) => {
    const escaped = JSON.stringify(c).slice(1, -1);
    return escaped.startsWith('\\') ? escaped : `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
  });
}
