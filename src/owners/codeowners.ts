/**
 * The `CODEOWNERS` entries a config's owners call for (docs/owners.md), and the block of a
 * `CODEOWNERS` file dialform keeps. Pure: paths come in already relative to the repository root.
 *
 * GitHub's rules (docs.github.com, "About code owners") that shape the output: a line is a
 * gitignore-style pattern followed by owners (`@user`, `@org/team`), separated by spaces; `#`
 * starts a comment; the last matching pattern wins; a pattern starting with `#` cannot be escaped,
 * `!` does not negate and `[ ]` is no character range; the file must stay under 3 MB. So each
 * config file gets one anchored, literal pattern (`/users/london.yaml`), and a path those rules
 * cannot express literally is refused rather than written as a pattern that would match other files.
 */
import { UsageError } from '../errors.js';
import { compareCodeUnits } from '../model/compare.js';
import type { ConfigFileParts, ConfigOwners } from '../model/config-owners.js';

/** One line of the block: a config file (repository-relative, `/`-separated) and who owns it. */
export interface CodeownersEntry {
  path: string;
  owners: string[];
}

export const BLOCK_BEGIN = '# BEGIN dialform codeowners: written by `dialform codeowners` from the config\'s owners; edit those, not these lines';
export const BLOCK_END = '# END dialform codeowners';
/** GitHub ignores a `CODEOWNERS` file of 3 MB or more. */
export const CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024;

/**
 * Who owns one config file: the owners of every office it declares or declares users of, of every
 * group it declares (a group without owners: its office's), and the company owners when it declares
 * a company-level section. A file none of those own falls back to the company owners. Sorted, each
 * handle once (GitHub handles are case-insensitive).
 */
export function ownersOfFile(owners: ConfigOwners, part: ConfigFileParts): string[] {
  const found = [
    ...part.offices.flatMap((o) => owners.offices[o] ?? []),
    ...part.groups.flatMap((g) => owners.groups[g.key] ?? owners.offices[g.office] ?? []),
    ...(part.company ? owners.company : []),
  ];
  return uniqueHandles(found.length > 0 ? found : owners.company);
}

/** Handles sorted, each once whatever its case (the first spelling in sorted order is kept). */
export function uniqueHandles(handles: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const h of [...handles].sort(compareCodeUnits)) if (!seen.has(h.toLowerCase())) seen.set(h.toLowerCase(), h);
  return [...seen.values()];
}

/**
 * The entries for every config file that has owners, sorted by path; `repoPath` turns a file's
 * absolute path into its repository-relative one. Files nobody owns are returned as `unowned`.
 */
export function buildCodeownersEntries(owners: ConfigOwners, repoPath: (abs: string) => string): { entries: CodeownersEntry[]; unowned: string[] } {
  const entries: CodeownersEntry[] = [];
  const unowned: string[] = [];
  for (const part of owners.files) {
    const path = repoPath(part.file);
    const who = ownersOfFile(owners, part);
    if (who.length === 0) unowned.push(path);
    else entries.push({ path, owners: who });
  }
  entries.sort((a, b) => compareCodeUnits(a.path, b.path));
  return { entries, unowned: unowned.sort(compareCodeUnits) };
}

/** Characters a literal CODEOWNERS pattern cannot hold (whitespace, wildcards, `[ ]`, escapes). */
const UNEXPRESSIBLE = /[\s*?[\]\\]/u;

/** `/path` as an anchored literal pattern; throws `UsageError` for a path GitHub's rules cannot express. */
export function patternOf(path: string): string {
  const name = path.split('/').pop() ?? path;
  if (UNEXPRESSIBLE.test(path) || name.startsWith('!') || path.startsWith('#') || path.startsWith('..')) {
    throw new UsageError(
      `${path}: CODEOWNERS cannot name this file (spaces, *, ?, [ ], \\, or a leading ! or # have other meanings there, and it must be inside the repository): rename the file`,
    );
  }
  return `/${path}`;
}

/** The block's lines, markers included, one line per entry. */
export function renderCodeownersBlock(entries: readonly CodeownersEntry[]): string {
  const lines = entries.map((e) => `${patternOf(e.path)} ${e.owners.join(' ')}`);
  return [BLOCK_BEGIN, ...lines, BLOCK_END].join('\n') + '\n';
}

/**
 * `existing` (a CODEOWNERS file's text, `undefined` when there is none) with dialform's block
 * replaced by `block`, or the block appended at the end: after the lines a user wrote there, so
 * that (the last match winning) the config's owners are the ones GitHub asks for its files. Every
 * line outside the block is kept as it was. Throws `UsageError` for a file whose markers are
 * unbalanced.
 */
export function spliceCodeownersBlock(existing: string | undefined, block: string): string {
  if (existing === undefined || existing === '') return block;
  const lines = existing.split('\n');
  const begin = lines.indexOf(BLOCK_BEGIN);
  const end = lines.indexOf(BLOCK_END);
  const begins = lines.filter((l) => l === BLOCK_BEGIN).length;
  const ends = lines.filter((l) => l === BLOCK_END).length;
  if (begins === 0 && ends === 0) return `${existing}${existing.endsWith('\n') ? '' : '\n'}${block}`;
  if (begins !== 1 || ends !== 1 || end < begin) {
    throw new UsageError(`the CODEOWNERS file has ${begins} "# BEGIN dialform codeowners" and ${ends} "# END dialform codeowners" lines, not one of each in order: fix them by hand, then rerun`);
  }
  const before = lines.slice(0, begin).join('\n');
  const after = lines.slice(end + 1).join('\n');
  return `${before === '' ? '' : `${before}\n`}${block}${after}`;
}
