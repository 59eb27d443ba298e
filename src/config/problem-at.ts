import type { Problem } from '../errors.js';
import type { MergedConfig } from './merge-files.js';
import { formatPath } from './validate-schema.js';
import type { PathSegment } from './yaml-file.js';

/** The merged path as the user sees it in its own file, e.g. `users[3].office`. */
export function name(config: MergedConfig, path: readonly PathSegment[]): string {
  return formatPath(config.origin(path).path);
}

export function where(config: MergedConfig, path: readonly PathSegment[]): string {
  const p = config.locate(path);
  return `${p.file}:${p.line}:${p.col}`;
}

export function problemAt(config: MergedConfig, path: readonly PathSegment[], message: string): Problem {
  // Like schema problems, `path` points into the problem's own file, not the merged config.
  return { ...config.locate(path), path: `/${config.origin(path).path.join('/')}`, message };
}
