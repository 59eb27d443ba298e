import { BugError, type Problem } from '../errors.js';
import type { RawConfig, RawUser } from './raw-types.js';
import { locateInFile, type PathSegment, type Position, type YamlFile } from './yaml-file.js';

/** Top-level keys whose mappings merge key by key across files; a key defined twice is a problem. */
const MAP_KEYS = ['company', 'policy', 'offices', 'reserved_numbers', 'emulator', 'departments', 'call_centers', 'rooms', 'profiles'] as const;
type MapKey = (typeof MAP_KEYS)[number];

/** The config merged from all its files, able to say where any part of it came from. */
export interface MergedConfig {
  raw: RawConfig;
  /** The file and the path inside it that hold the merged `path`. */
  origin(path: readonly PathSegment[]): { file: YamlFile; path: PathSegment[] };
  /** Line and column of the merged `path` (or of `key` inside the mapping there). */
  locate(path: readonly PathSegment[], key?: string): Position;
}

/**
 * Merges parsed files in the order given (their invalid parts dropped, see `dropInvalid`; a
 * `users` entry that is `undefined` is skipped): mappings under `company`, `policy`, `offices`,
 * `reserved_numbers` and `emulator` merge key by key, `users` lists concatenate, and `version` may
 * appear in any number of files (see `checkVersionDeclared`). A key defined in two places is reported
 * naming both.
 */
export function mergeFiles(files: readonly YamlFile[]): { merged: MergedConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const maps = {} as Record<MapKey, Record<string, unknown>>;
  const mapOrigins = new Map<string, YamlFile>();
  const topOrigins = new Map<string, YamlFile>();
  const users: RawUser[] = [];
  const userOrigins: { file: YamlFile; index: number }[] = [];

  for (const file of files) {
    const data = (file.data ?? {}) as Record<string, unknown>;
    for (const [top, value] of Object.entries(data)) {
      if (!topOrigins.has(top)) topOrigins.set(top, file);
      if (top === 'users') {
        (value as (RawUser | undefined)[]).forEach((u, index) => {
          if (u === undefined) return;
          users.push(u);
          userOrigins.push({ file, index });
        });
        continue;
      }
      if (!isMapKey(top)) continue;
      const target = (maps[top] ??= {});
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const id = `${top}/${key}`;
        const first = mapOrigins.get(id);
        if (first !== undefined) {
          const here = locateInFile(file, [top], key);
          const there = locateInFile(first, [top], key);
          const name = top === 'offices' ? `office "${key}"` : `${top}.${key}`;
          problems.push({ ...here, path: `/${top}/${key}`, message: `${name} is already defined at ${there.file}:${there.line}:${there.col}` });
          continue;
        }
        mapOrigins.set(id, file);
        target[key] = item;
      }
    }
  }

  // Invalid parts were dropped, so each merged mapping has the shape RawConfig declares for it
  // (offices excepted: see dropInvalid).
  const raw = { version: 1, ...maps, ...(topOrigins.has('users') ? { users } : {}) } as unknown as RawConfig;
  const fallback = files[0];
  const origin = (path: readonly PathSegment[]): { file: YamlFile; path: PathSegment[] } => {
    const [top, second, ...rest] = path;
    if (top === 'users' && second !== undefined) {
      const o = userOrigins[Number(second)];
      if (o !== undefined) return { file: o.file, path: ['users', o.index, ...rest] };
    }
    if (top !== undefined && second !== undefined) {
      const file = mapOrigins.get(`${top}/${second}`);
      if (file !== undefined) return { file, path: [...path] };
    }
    const file = (top === undefined ? undefined : topOrigins.get(String(top))) ?? fallback;
    if (file === undefined) throw new BugError('mergeFiles called without files');
    return { file, path: [...path] };
  };
  const merged: MergedConfig = {
    raw,
    origin,
    locate: (path, key) => {
      if (key === undefined) {
        const o = origin(path);
        return locateInFile(o.file, o.path);
      }
      const o = origin([...path, key]);
      return locateInFile(o.file, o.path.slice(0, -1), key);
    },
  };
  return { merged, problems };
}

function isMapKey(key: string): key is MapKey {
  return (MAP_KEYS as readonly string[]).includes(key);
}

/** `version: 1` must appear in at least one file of the config; reported at the first file. */
export function checkVersionDeclared(files: readonly YamlFile[]): Problem[] {
  const first = files[0];
  if (first === undefined || files.some((f) => f.data !== undefined && 'version' in f.data)) return [];
  const where = files.length > 1 ? 'one file of the config' : 'this file';
  return [{ ...locateInFile(first, []), path: '/version', message: `missing "version: 1": add it at the top of ${where}` }];
}
