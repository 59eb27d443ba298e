import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { isConfigFileName } from '../config/list-config-files.js';
import { git } from '../git.js';
import type { Journal } from './journal.js';
import type { AppliedConfigEntry } from '../journal-types.js';

/** The git commit a config is at, and the directory to ask git about it in. */
export interface ConfigCommit {
  sha: string;
  cwd: string;
}

/**
 * The commit (`HEAD`) of the repository holding the config at `path`, when the config is in a git
 * work tree and is exactly that commit: no config file (a file `path`, or a `*.yaml`/`*.yml` file
 * a directory `path` would read, nor any of `files` read) modified, deleted, untracked or ignored.
 * Otherwise (no git, no commit yet, local changes, a file outside the repository or reached
 * through a symbolic link) `undefined`: the config cannot be placed in history.
 */
export async function configCommit(path: string, files: readonly string[] = []): Promise<ConfigCommit | undefined> {
  try {
    const abs = resolve(path);
    const isDir = (await stat(abs)).isDirectory();
    const cwd = isDir ? abs : dirname(abs);
    if ((await git(cwd, ['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') return undefined;
    const sha = (await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
    if (!/^[0-9a-f]{40,64}$/.test(sha)) return undefined;
    const prefix = isDir ? (await git(cwd, ['rev-parse', '--show-prefix'])).trim() : '';
    const status = await git(cwd, ['status', '--porcelain', '-z', '--untracked-files=all', '--ignored=matching', '--', abs, ...files]);
    const changed = changedPaths(status);
    // In a directory only what the config reads counts (as `listConfigFiles`: no dot-folders), so
    // an untracked `.dialform/journal.jsonl` or `plan.json` beside the config does not.
    const dirty = isDir ? changed.some((p) => p.startsWith(prefix) && readsAsConfig(p.slice(prefix.length))) : changed.length > 0;
    return dirty ? undefined : { sha, cwd };
  } catch {
    return undefined;
  }
}

/** The paths (from the repository root) in `git status --porcelain -z` output, both sides of a rename. */
function changedPaths(status: string): string[] {
  const tokens = status.split('\0').filter(Boolean);
  const paths: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    paths.push(token.slice(3));
    // A rename or copy is followed by its original path, without a status.
    if (token[0] === 'R' || token[0] === 'C' || token[1] === 'R' || token[1] === 'C') paths.push(tokens[++i] ?? '');
  }
  return paths;
}

/** True for a path, relative to a config directory, that the directory walk would read. */
function readsAsConfig(rel: string): boolean {
  return isConfigFileName(basename(rel)) && !rel.split('/').some((seg) => seg.startsWith('.'));
}

/**
 * Whether commit `a` is an ancestor of (or is) commit `b`, as `git merge-base --is-ancestor` in
 * `cwd` says; `undefined` when git cannot tell (a commit this clone does not have, no repository).
 */
export async function isAncestor(a: string, b: string, cwd: string): Promise<boolean | undefined> {
  // A value starting with `-` would be read as an option; commits come from the journal, a file.
  if (a.startsWith('-') || b.startsWith('-')) return undefined;
  try {
    await git(cwd, ['merge-base', '--is-ancestor', a, b]);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === 1 ? false : undefined;
  }
}

/**
 * How the config about to be applied stands to the one last applied:
 * - `older`: its commit is a strict ancestor of the last applied one (applying it would undo
 *   newer changes); `allowed` when the caller asked to apply it anyway;
 * - `not_older`: go ahead, with the reason (nothing recorded, this config's commit unknown, the
 *   same commit, or not an ancestor: newer, on another branch, or unknown to this clone).
 */
export type ConfigOrder =
  | { status: 'not_older'; reason: 'no_record' | 'commit_unknown' | 'same' | 'not_ancestor' | 'cannot_tell' }
  | { status: 'older'; commit: string; applied: AppliedConfigEntry; allowed: boolean };

export interface CheckConfigOrderInput {
  journal: Journal;
  /** The config's commit (`configCommit`), if known. */
  commit: ConfigCommit | undefined;
  /** `--allow-older-config`. */
  allowOlder?: boolean;
}

/** Decides whether the config at `commit` is older than the one the journal last recorded as applied. */
export async function checkConfigOrder(input: CheckConfigOrderInput): Promise<ConfigOrder> {
  const applied = await input.journal.lastAppliedConfig();
  if (!applied) return { status: 'not_older', reason: 'no_record' };
  if (!input.commit) return { status: 'not_older', reason: 'commit_unknown' };
  if (input.commit.sha === applied.commit) return { status: 'not_older', reason: 'same' };
  const older = await isAncestor(input.commit.sha, applied.commit, input.commit.cwd);
  if (older === undefined) return { status: 'not_older', reason: 'cannot_tell' };
  if (!older) return { status: 'not_older', reason: 'not_ancestor' };
  return { status: 'older', commit: input.commit.sha, applied, allowed: input.allowOlder === true };
}

/** Records a complete apply's config in the journal, when its commit is known (else nothing). */
export async function recordAppliedConfig(
  journal: Journal,
  applied: { plan: string; commit: ConfigCommit | undefined; configDigest: string; at?: Date },
): Promise<void> {
  if (!applied.commit) return;
  await journal.recordAppliedConfig({
    record: 'applied_config',
    plan: applied.plan,
    commit: applied.commit.sha,
    config_digest: applied.configDigest,
    at: (applied.at ?? new Date()).toISOString(),
  });
}
