import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cmd/program.js';
import { type CommandSpec, listCommands, readCommandTree } from '../../cmd/completion/command-tree.js';
import { EXIT } from '../../src/exit-codes.js';
import { OPERATION_KINDS } from '../../src/plan/kinds/index.js';
import { isRelative, listCodeSpans, readPage } from '../support/markdown.js';

const silentIo = { out: () => {}, err: () => {}, color: false, errIsTty: false, interactive: false, confirm: async () => false, env: {}, cwd: '.' };
const tree = readCommandTree(buildProgram(silentIo, () => {}));
const commands = listCommands(tree).filter((c) => c.path.length > 0);
const readme = readPage('README.md');

const known = new Set(commands.map((c) => c.path.join(' ')));

/**
 * The README command table's rows: the command they document (the longest run of leading words that
 * is a command; arguments such as `FILE` or `bash|zsh|fish` follow it) and the doc their flags are in.
 */
function readCommandRows(): { words: string; flagsDoc: string }[] {
  const rows = readme.split('\n').filter((line) => line.startsWith('| `dialform '));
  return rows.map((row) => {
    const tokens = (/^\| `dialform ([^`]*)`/.exec(row)?.[1] ?? '').split(' ');
    const prefixes = tokens.map((_, i) => tokens.slice(0, i + 1).join(' '));
    const words = prefixes.filter((prefix) => known.has(prefix)).at(-1) ?? tokens.join(' ');
    const link = [...row.matchAll(/\]\(([^)#]+)[^)]*\)/g)].map((m) => m[1] ?? '').filter(isRelative).at(-1) ?? '';
    return { words, flagsDoc: link };
  });
}

/** The row that documents `command`: its own, else its nearest ancestor's (`emulator do` for its steps). */
function findRow(command: CommandSpec): { words: string; flagsDoc: string } | undefined {
  const rows = readCommandRows();
  for (let n = command.path.length; n > 0; n--) {
    const row = rows.find((r) => r.words === command.path.slice(0, n).join(' '));
    if (row !== undefined) return row;
  }
  return undefined;
}

/** A command that only groups others (`emulator`): nothing of its own to run or document. */
function isGroup(command: CommandSpec): boolean {
  return command.subcommands.length > 0 && command.options.every((o) => o.long === '--help');
}

/** Every command, flag, operation kind and exit code stays documented (issue 25: nothing lost in the move). */
describe('the README command table and the docs it links to', () => {
  it('reads the CLI and the table', () => {
    expect(commands.map((c) => c.path.join(' '))).toContain('emulator do transfer-licenses');
    expect(readCommandRows().length).toBeGreaterThan(5);
  });

  const documented = commands.filter((c) => !isGroup(c) || readCommandRows().some((r) => r.words === c.path.join(' ')));
  it.each(documented.map((c) => [c.path.join(' '), c] as const))('dialform %s: a row, and every flag in the doc it links to', (_, command) => {
    const row = findRow(command);
    expect(row, 'no README row for it or a parent command').toBeDefined();
    expect(row?.flagsDoc).toMatch(/^docs\/.+\.md$/);
    const doc = readPage(row?.flagsDoc ?? '');
    if (row?.words !== command.path.join(' ')) expect(doc).toContain(command.path.at(-1));
    const options = command.options.filter((o) => o.long !== '--help');
    // A flag may be written long (`--config PATH`) or, where it has one, short (`-c PATH`).
    const undocumented = options.filter((o) => !doc.includes(o.long) && !(o.short !== undefined && doc.includes(`${o.short} `)));
    expect(undocumented.map((o) => o.long)).toEqual([]);
  });

  it('names only commands the CLI has', () => {
    expect(readCommandRows().map((r) => r.words).filter((words) => !known.has(words))).toEqual([]);
  });
});

describe('docs/operations.md', () => {
  it.each(OPERATION_KINDS)('has a row for %s', (kind) => {
    expect(readPage('docs/operations.md')).toMatch(new RegExp(`^\\| (\`[a-z_]+\` / )*\`${kind}\`( / \`[a-z_]+\`)* \\|`, 'm'));
  });
});

describe('docs/commands.md', () => {
  it.each(Object.values(EXIT))('has a row for exit code %i', (code) => {
    expect(readPage('docs/commands.md')).toMatch(new RegExp(`^\\| ${code} \\| \\S`, 'm'));
  });
});

/** Every key the config schema accepts, at any depth. */
function listSchemaKeys(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(listSchemaKeys);
  if (typeof node !== 'object' || node === null) return [];
  const own = 'properties' in node && typeof node.properties === 'object' && node.properties !== null ? Object.keys(node.properties) : [];
  return [...own, ...Object.values(node).flatMap(listSchemaKeys)];
}

describe('docs/config.md', () => {
  const schemaKeys = [...new Set(listSchemaKeys(JSON.parse(readPage('schemas/dialform.schema.json'))))].sort();
  const codeWords = new Set(listCodeSpans(readPage('docs/config.md')).flatMap((span) => span.split(/[^\w$]+/)));

  it('reads the schema', () => {
    expect(schemaKeys).toEqual(expect.arrayContaining(['unmanaged_users', 'release_unlisted', 'skill']));
  });

  it.each(schemaKeys)('documents the config key %s', (key) => {
    expect(codeWords.has(key)).toBe(true);
  });
});
