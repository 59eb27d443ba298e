import { isDeepStrictEqual } from 'node:util';
import { parseYamlFile, type ConfigSource, type PathSegment, type YamlFile } from '../../src/config/yaml-file.js';

/** Every path the fast path locates: the root, each top-level key and value, each key or item under one. */
function locatedPaths(data: Record<string, unknown>): [PathSegment[], string | undefined][] {
  const out: [PathSegment[], string | undefined][] = [[[], undefined]];
  for (const [top, value] of Object.entries(data)) {
    out.push([[], top], [[top], undefined]);
    if (Array.isArray(value)) value.forEach((_, i) => out.push([[top, i], undefined]));
    else if (typeof value === 'object' && value !== null) for (const key of Object.keys(value)) out.push([[top], key], [[top, key], undefined]);
  }
  return out;
}

/**
 * Where `read` (`source` as a faster reader, named `label`, read it) differs from `yaml`'s exact
 * read: a YAML problem `yaml` finds, another value, or another position; `undefined` when they agree.
 */
export function describeDifferenceFromYaml(source: ConfigSource, read: YamlFile, label: string): string | undefined {
  const exact = parseYamlFile(source);
  const problem = exact.problems[0];
  if (problem !== undefined) return `${label} read a file yaml refuses (${problem.line}:${problem.col}: ${problem.message})`;
  if (!isDeepStrictEqual(read.data, exact.file.data)) return `values differ: ${JSON.stringify(read.data).slice(0, 300)}`;
  for (const [path, key] of locatedPaths(exact.file.data ?? {})) {
    const a = read.locate(path, key);
    const b = exact.file.locate(path, key);
    if (!isDeepStrictEqual(a, b)) return `${JSON.stringify(path)} ${key ?? ''}: ${label} ${a.line}:${a.col}, exact ${b.line}:${b.col}`;
  }
  return undefined;
}
