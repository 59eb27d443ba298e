import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlFileFast } from '../../src/config/fast-yaml-file.js';
import { readFlowList } from '../../src/config/flow-list-yaml.js';
import type { ConfigSource } from '../../src/config/yaml-file.js';
import { ROOT } from '../support/cli.js';
import { describeDifferenceFromYaml } from '../support/compare-yaml-readers.js';
import { seededRandom, type Random } from '../support/mutate-config.js';

const USERS_FILES = ['hq.yaml', 'london.yaml', 'nyc.yaml'].map((f) => readFileSync(join(ROOT, 'examples', 'acme', 'users', f), 'utf8'));

/** A users file as `dialform import` writes one, with the values the grammar must resolve as `yaml` does. */
const WRITTEN = [
  '# yaml-language-server: $schema=../schemas/dialform.schema.json',
  '# Users of Office 02 GB.',
  '',
  'users:',
  '  - { email: user002500@bigco.example, first_name: Margaret, last_name: Wilson, office: office-02-gb, license: agents, admin: office, numbers: [ "+441614962581" ] }',
  '  - { email: jose@bigco.example, first_name: José, last_name: O\'Brien (Jr.), office: office-02-gb, license: talk, numbers: [ "+441614962582", "+441614962583" ] }',
  '  # a comment between items',
  '  - { email: n@bigco.example, first_name: Null, last_name: van  Rossum, office: office-02-gb, analytics: true, proxy: false, numbers: [] }',
  '  - { email: x@bigco.example, first_name: 0o17, last_name: 1e3, office: 0x1F, license: 017, state: null, numbers: [ 12, 1_000, "" ] }',
  '  - {}',
  '',
].join('\n');

const TOKENS = [
  ':', ': ', '-', '- ', '[', ']', '{', '}', '{}', '[]', "'", '"', '#', ' #c', '\n', '\r\n', '  ', ' ', ',', ', ', '? ', '|', '>', '---\n', '...\n', '@', '`',
  '\\', '&a ', '*a', '!!str ', 'true', 'null', '~', '.inf', '-1', '+1', '0x1F', '1e3', 'é', 'Ω', '😀', '\u00a0', '\u2028', '\x7f', 'users:', 'x: 1\n',
  '  - { a: 1 }\n', '- { a: b }\n', 'a: b', 'email', '"+1"', 'O\'B', '(x)', '/', '%', '=', 'null: 1, ', 'a: [b, c], ', 'a: { b: c }, ',
];

/** One seeded edit of `text`: an insertion, a deletion, a duplicated line or a line moved. */
function mutate(text: string, random: Random): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = Math.floor(random() * 4);
  if (kind === 0 || kind === 1) return text.slice(0, at) + (TOKENS[Math.floor(random() * TOKENS.length)] as string) + text.slice(at);
  if (kind === 2) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 6)));
  const lines = text.split('\n');
  const line = lines[Math.floor(random() * lines.length)] as string;
  lines.splice(Math.floor(random() * lines.length), 0, line.replace(/^ */, random() < 0.5 ? '' : ' '.repeat(Math.floor(random() * 5))));
  return lines.join('\n');
}

/** `flow` where the flow-list reader read the file and `yaml` agrees, `other` where it left the file, else what differs. */
function compareFlowList(text: string): string {
  const source: ConfigSource = { display: 'users.yaml', abs: '/users.yaml', text };
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fast = parseYamlFileFast(source);
  if (fast === undefined || readFlowList(input) === undefined) return 'other';
  return describeDifferenceFromYaml(source, fast, 'flow') ?? 'flow';
}

describe('flow-list reader (the fast path for users files as import writes them)', () => {
  it('reads the example users files and an import-shaped file as yaml does: values and positions', () => {
    for (const text of [...USERS_FILES, WRITTEN, WRITTEN.replace(/\n/g, '\r\n'), `\ufeff${WRITTEN}`, WRITTEN.replace(/^ {2}/gm, '')]) {
      expect(compareFlowList(text), text.slice(0, 80)).toBe('flow');
    }
  });

  it('agrees with yaml on a fuzz corpus of edited users files, or leaves the file to the other paths', () => {
    const random = seededRandom(20261206);
    const tally = { flow: 0, other: 0 };
    const disagreements: string[] = [];
    const bases = [...USERS_FILES, WRITTEN];
    for (let run = 0; run < 2000; run++) {
      let text = bases[run % bases.length] as string;
      const edits = 1 + Math.floor(random() * 3);
      for (let i = 0; i < edits; i++) text = mutate(text, random);
      const result = compareFlowList(text);
      if (result === 'flow' || result === 'other') tally[result]++;
      else disagreements.push(`run ${run}: ${result}\n${JSON.stringify(text)}`);
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    // The corpus must exercise the reader, not only its refusals.
    expect(tally.flow).toBeGreaterThan(400);
    expect(tally.other).toBeGreaterThan(400);
  });

  it('leaves to the other paths what is outside its grammar', () => {
    const cases = [
      'users:\n  - { a: 1, a: 2 }\n',
      'users:\n  - { null: 1 }\n',
      'users:\n  - { a: "x\\"y" }\n',
      "users:\n  - { a: 'x' }\n",
      'users:\n  - { a: { b: c } }\n',
      'users:\n  - { a: x } # c\n',
      'users:\n  - { a: x }\n   - { a: y }\n',
      'users:\nother:\n  - { a: x }\n',
      'users:\n',
      'users:\n  - { a: -1 }\n',
      'users:\n  - { a: b: c }\n',
      '---\nusers:\n  - { a: b }\n',
    ];
    for (const text of cases) expect(readFlowList(text), JSON.stringify(text)).toBeUndefined();
  });
});
