import type { Problem } from '../errors.js';
import type { MergedConfig } from './merge-files.js';
import { name, problemAt } from './problem-at.js';
import { RAW_PROFILE_KEYS, type RawProfile, type RawUser } from './raw-types.js';
import type { PathSegment } from './yaml-file.js';

/** The profile names a user entry lists, in order. */
export function listProfileNames(user: RawUser): string[] {
  const p = user.profile;
  return p === undefined ? [] : typeof p === 'string' ? [p] : [...p];
}

/**
 * The config with each user entry's profiles applied: the keys of each named profile in order,
 * then the entry's own keys, each replacing a key before it whole. Problems: a profile name that
 * `profiles` does not declare (that profile is skipped).
 *
 * The result says where every key came from: a path into a user entry under a key a profile gave
 * resolves to that key in the profile (`origin`, `locate`), so any later problem about it points
 * at the line that wrote it.
 */
export function applyProfiles(config: MergedConfig): { merged: MergedConfig; problems: Problem[] } {
  const profiles = config.raw.profiles ?? {};
  if (config.raw.users === undefined || !config.raw.users.some((u) => u.profile !== undefined)) return { merged: config, problems: [] };
  const problems: Problem[] = [];
  const declared = Object.keys(profiles).sort();
  const givenBy = new Map<number, Map<string, string>>();
  const users = config.raw.users.map((user, i) => {
    const names = listProfileNames(user);
    if (names.length === 0) return user;
    const from = new Map<string, string>();
    const expanded: Record<string, unknown> = {};
    names.forEach((profile, j) => {
      const found: RawProfile | undefined = Object.hasOwn(profiles, profile) ? profiles[profile] : undefined;
      if (found === undefined) {
        const path: PathSegment[] = typeof user.profile === 'string' ? ['users', i, 'profile'] : ['users', i, 'profile', j];
        const list = declared.length === 0 ? 'no profiles are declared' : `declared: ${declared.join(', ')}`;
        problems.push(problemAt(config, path, `${name(config, path)} "${profile}" is not a declared profile (${list})`));
        return;
      }
      for (const key of RAW_PROFILE_KEYS) {
        if (found[key] === undefined) continue;
        expanded[key] = found[key];
        from.set(key, profile);
      }
    });
    for (const key of Object.keys(user)) from.delete(key);
    givenBy.set(i, from);
    return { ...expanded, ...user } as RawUser;
  });
  const redirect = (path: readonly PathSegment[]): readonly PathSegment[] => {
    const [top, index, key, ...rest] = path;
    const profile = top === 'users' && typeof key === 'string' ? givenBy.get(Number(index))?.get(key) : undefined;
    return profile === undefined ? path : ['profiles', profile, key as string, ...rest];
  };
  const merged: MergedConfig = {
    raw: { ...config.raw, users },
    origin: (path) => config.origin(redirect(path)),
    locate: (path, key) => {
      const to = redirect(key === undefined ? path : [...path, key]);
      return key === undefined ? config.locate(to) : config.locate(to.slice(0, -1), key);
    },
  };
  return { merged, problems };
}

/**
 * Where a user entry comes from, as the plan's `source` shows it: `file:LINE` of the entry, then
 * each profile it names with its own `file:LINE`.
 */
export function describeUserSource(config: MergedConfig, index: number, user: RawUser): string {
  const at = (path: PathSegment[], key?: string): string => {
    const p = config.locate(path, key);
    return `${p.file}:${p.line}`;
  };
  const names = listProfileNames(user).filter((n) => config.raw.profiles !== undefined && Object.hasOwn(config.raw.profiles, n));
  const own = at(['users', index]);
  return names.length === 0 ? own : `${own} with ${names.map((n) => `profile ${n} (${at(['profiles'], n)})`).join(', ')}`;
}
