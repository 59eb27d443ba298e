import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Problem } from '../errors.js';
import { isValidE164 } from '../model/countries.js';
import { isCalendarDate, isTimeZone } from '../model/lifecycle-dates.js';
import { officeNameKey } from '../model/office-names.js';
import type { MergedConfig } from './merge-files.js';
import type { PathSegment } from './yaml-file.js';
import { checkGroups } from './group-rules.js';
import { checkGroupSettings } from './group-settings-rules.js';
import { checkRooms } from './room-rules.js';
import { name, problemAt, where } from './problem-at.js';

/** Options for the semantic pass. */
export interface SemanticOptions {
  /** Check that `emulator.fixture` exists on disk (off for configs read from git history). */
  checkFixture: boolean;
}

/**
 * A named semantic rule: runs on the merged config without the parts that failed the schema
 * (offices excepted, see `dropInvalid`) and returns every problem it finds.
 */
export type SemanticRule = (config: MergedConfig, options: SemanticOptions) => Problem[];


/** Runs every semantic rule, in a fixed order. */
export function checkSemantics(config: MergedConfig, options: SemanticOptions): Problem[] {
  return SEMANTIC_RULES.flatMap((rule) => rule(config, options));
}

/**
 * `checkSemantics`, with `beforeNumbers` awaited before the rules that ask libphonenumber about
 * numbers (`NUMBER_RULES`) and after the others, which run first (a load settles the numbers read
 * beside it there). The same problems in the same order.
 */
export async function checkSemanticsAsync(config: MergedConfig, options: SemanticOptions, beforeNumbers: () => Promise<unknown>): Promise<Problem[]> {
  const found = SEMANTIC_RULES.map((rule) => (NUMBER_RULES.has(rule) ? undefined : rule(config, options)));
  await beforeNumbers();
  return SEMANTIC_RULES.flatMap((rule, i) => found[i] ?? rule(config, options));
}

/** `user.office` and `user.admin_offices` must name declared offices. */
export function checkOfficeReferences(config: MergedConfig): Problem[] {
  const declared = new Set(Object.keys(config.raw.offices ?? {}));
  const list = declared.size === 0 ? 'no offices are declared' : `declared: ${[...declared].sort().join(', ')}`;
  const problems: Problem[] = [];
  const report = (path: PathSegment[], key: string): void => {
    problems.push(problemAt(config, path, `${name(config, path)} "${key}" is not a declared office (${list})`));
  };
  (config.raw.users ?? []).forEach((user, i) => {
    // A field that failed the schema was dropped from its entry (`dropInvalid`): check what is left.
    if (user.office !== undefined && !declared.has(user.office)) report(['users', i, 'office'], user.office);
    user.admin_offices?.forEach((key, j) => declared.has(key) || report(['users', i, 'admin_offices', j], key));
  });
  return problems;
}

/** An email (primary or previous, case-insensitive) may belong to one user entry only. */
export function checkDuplicateEmails(config: MergedConfig): Problem[] {
  // The first holder of each email, as [user index, index in previous_emails or -1 for `email`]:
  // its path is built only for a problem.
  const seen = new Map<string, readonly [number, number]>();
  const pathOf = ([i, j]: readonly [number, number]): PathSegment[] => (j < 0 ? ['users', i, 'email'] : ['users', i, 'previous_emails', j]);
  const problems: Problem[] = [];
  const visit = (email: string, at: readonly [number, number]): void => {
    const key = email.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, at);
      return;
    }
    const path = pathOf(at);
    const firstPath = pathOf(first);
    problems.push(
      problemAt(config, path, `${name(config, path)} "${email}" is already used by ${name(config, firstPath)} at ${where(config, firstPath)}: each person needs exactly one user entry, and an email cannot be both current and previous`),
    );
  };
  (config.raw.users ?? []).forEach((user, i) => {
    if (user.email !== undefined) visit(user.email, [i, -1]);
    user.previous_emails?.forEach((e, j) => visit(e, [i, j]));
  });
  return problems;
}

/** A number has one owner: one user, or the reserved pool (`reserved_numbers.keep`), or none (`reserved_numbers.release`). */
export function checkDuplicateNumbers(config: MergedConfig): Problem[] {
  const { owned } = listNumbers(config);
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  owned.numbers.forEach((number, k) => {
    const first = seen.get(number);
    if (first === undefined) {
      seen.set(number, k);
      return;
    }
    const path = owned.pathAt(k);
    const firstPath = owned.pathAt(first);
    problems.push(problemAt(config, path, `${name(config, path)} "${number}" is already listed at ${name(config, firstPath)} (${where(config, firstPath)}): a number can have only one owner, remove one of them`));
  });
  return problems;
}

/** Every number is E.164 and a valid number of its country (`isValidE164`: libphonenumber's ranges). */
export function checkNumberFormat(config: MergedConfig): Problem[] {
  const problems: Problem[] = [];
  const { owned, called } = listNumbers(config);
  for (const list of [owned, called]) {
    list.numbers.forEach((number, k) => {
      if (isValidE164(number)) return;
      const path = list.pathAt(k);
      problems.push(
        problemAt(
          config,
          path,
          /^\+[1-9]\d{6,14}$/.test(number)
            ? `${name(config, path)} "${number}" is not a valid phone number in any country's numbering plan (libphonenumber): check the country code and the digits`
            : `${name(config, path)} "${number}" is not an E.164 number: write "+", the country code and the digits, no spaces, e.g. "+14155550100"`,
        ),
      );
    });
  }
  return problems;
}

/** Office names (as `officeNameKey` compares them) and pinned ids identify live offices, so they must be unique. */
export function checkDuplicateOffices(config: MergedConfig): Problem[] {
  const problems: Problem[] = [];
  for (const field of ['name', 'id'] as const) {
    const seen = new Map<string, string>();
    for (const [key, office] of Object.entries(config.raw.offices ?? {})) {
      // Offices with schema problems are kept (see dropInvalid): read only well-typed fields.
      const value: unknown = (office as unknown as Record<string, unknown> | null)?.[field];
      if (typeof value !== 'string') continue;
      const identity = field === 'name' ? officeNameKey(value) : value;
      const first = seen.get(identity);
      if (first === undefined) {
        seen.set(identity, key);
        continue;
      }
      const path = ['offices', key, field];
      problems.push(problemAt(config, path, `office "${key}" has the same ${field} "${value}" as office "${first}" (${where(config, ['offices', first, field])}): live offices are matched by ${field}, so it must be unique`));
    }
  }
  return problems;
}

/** `emulator.fixture` names an existing file, relative to the file that declares it. */
export function checkEmulatorFixture(config: MergedConfig, options: SemanticOptions): Problem[] {
  const fixture = config.raw.emulator?.fixture;
  if (!options.checkFixture || fixture === undefined) return [];
  const path = ['emulator', 'fixture'];
  const absolute = resolveFixture(config);
  if (absolute === undefined || existsSync(absolute)) return [];
  return [problemAt(config, path, `emulator.fixture "${fixture}" does not exist (looked for ${absolute}); the path is relative to the file that declares it`)];
}

/** Absolute path of `emulator.fixture`, resolved against the directory of the file declaring it. */
export function resolveFixture(config: MergedConfig): string | undefined {
  const fixture = config.raw.emulator?.fixture;
  if (fixture === undefined) return undefined;
  return resolve(dirname(config.origin(['emulator', 'fixture']).file.source.abs), fixture);
}

/**
 * A `state: deleted` entry (offboarding) may only say `numbers: []`: a deleted user holds no
 * numbers, and `[]` is how config moves them to the reserved pool before the deletion.
 */
function checkDeletedUserNumbers(config: MergedConfig): Problem[] {
  const problems: Problem[] = [];
  (config.raw.users ?? []).forEach((user, i) => {
    if (user.state !== 'deleted' || (user.numbers ?? []).length === 0) return;
    const path = ['users', i, 'numbers'];
    problems.push(
      problemAt(config, path, `${name(config, path)}: ${user.email} has state: deleted, so they hold no numbers afterwards; write numbers: [] to move their numbers to the reserved pool first (keep them there with reserved_numbers.keep), or leave numbers out`),
    );
  });
  return problems;
}

/** `starts_on`/`leaves_on` are real dates, a joiner starts before leaving, and `policy.time_zone` is a known zone. */
function checkLifecycleDates(config: MergedConfig): Problem[] {
  const problems: Problem[] = [];
  const zone = config.raw.policy?.time_zone;
  if (zone !== undefined && !isTimeZone(zone)) {
    const path = ['policy', 'time_zone'];
    problems.push(problemAt(config, path, `${name(config, path)} "${zone}" is not a tz database time zone (e.g. UTC, Europe/London, America/New_York)`));
  }
  (config.raw.users ?? []).forEach((user, i) => {
    for (const key of ['starts_on', 'leaves_on'] as const) {
      const value = user[key];
      if (value === undefined || isCalendarDate(value)) continue;
      const path = ['users', i, key];
      problems.push(problemAt(config, path, `${name(config, path)} "${value}" is not a calendar date (YYYY-MM-DD)`));
    }
    if (user.starts_on !== undefined && user.leaves_on !== undefined && user.leaves_on < user.starts_on) {
      const path = ['users', i, 'leaves_on'];
      problems.push(problemAt(config, path, `${name(config, path)} ${user.leaves_on} is before starts_on ${user.starts_on}`));
    }
  });
  return problems;
}

/** The semantic rules, in the order they run. */
export const SEMANTIC_RULES: readonly SemanticRule[] = [
  checkOfficeReferences,
  checkDuplicateEmails,
  checkNumberFormat,
  checkDuplicateNumbers,
  checkDuplicateOffices,
  checkEmulatorFixture,
  checkDeletedUserNumbers,
  checkLifecycleDates,
  checkGroups,
  checkGroupSettings,
  checkRooms,
];

/** The semantic rules that ask libphonenumber about a number (`isValidE164`). */
const NUMBER_RULES: ReadonlySet<SemanticRule> = new Set([checkNumberFormat]);

/** Numbers in the order the rules report them, each with the path that `pathAt` builds only for a problem. */
interface NumberList {
  numbers: string[];
  pathAt(k: number): PathSegment[];
}

/**
 * The numbers the config lists: `owned` (users', rooms' and the reserved pool's, which have one
 * owner) and `called` (numbers a user's calls also ring, and the caller ID they present: checked
 * like the numbers they hold, but owned by no one here). Listed once per config for the rules that
 * read them.
 */
function listNumbers(config: MergedConfig): { owned: NumberList; called: NumberList } {
  let listed = LISTED.get(config);
  if (listed === undefined) LISTED.set(config, (listed = { owned: listOwnedNumbers(config), called: listCalledNumbers(config) }));
  return listed;
}

const LISTED = new WeakMap<MergedConfig, { owned: NumberList; called: NumberList }>();

/** Numbers with paths: each path is the prefix at `place` (a user's index, a room's key, …) and the index in its list. */
function createNumberList(): NumberList & { add(number: string, prefix: () => PathSegment[], j: number): void } {
  const numbers: string[] = [];
  const prefixes: (() => PathSegment[])[] = [];
  const indexes: number[] = [];
  return {
    numbers,
    add(number, prefix, j) {
      numbers.push(number);
      prefixes.push(prefix);
      indexes.push(j);
    },
    pathAt: (k) => {
      const j = indexes[k] as number;
      const prefix = (prefixes[k] as () => PathSegment[])();
      return j < 0 ? prefix : [...prefix, j];
    },
  };
}

function listOwnedNumbers(config: MergedConfig): NumberList {
  const list = createNumberList();
  (config.raw.users ?? []).forEach((user, i) => {
    const numbers = user.numbers;
    if (numbers === undefined || numbers.length === 0) return;
    const prefix = (): PathSegment[] => ['users', i, 'numbers'];
    numbers.forEach((n, j) => list.add(n, prefix, j));
  });
  for (const [key, room] of Object.entries(config.raw.rooms ?? {})) (room?.numbers ?? []).forEach((n, j) => list.add(n, () => ['rooms', key, 'numbers'], j));
  (config.raw.reserved_numbers?.keep ?? []).forEach((n, j) => list.add(n, () => ['reserved_numbers', 'keep'], j));
  (config.raw.reserved_numbers?.release ?? []).forEach((n, j) => list.add(n, () => ['reserved_numbers', 'release'], j));
  return list;
}

function listCalledNumbers(config: MergedConfig): NumberList {
  const list = createNumberList();
  (config.raw.users ?? []).forEach((user, i) => {
    user.forwarding_numbers?.forEach((n, j) => list.add(n, () => ['users', i, 'forwarding_numbers'], j));
    if (user.caller_id !== undefined && user.caller_id !== 'blocked') list.add(user.caller_id, () => ['users', i, 'caller_id'], -1);
  });
  return list;
}
