import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cmd/program.js';
import type { Io } from '../../cmd/io.js';
import { ROOT } from '../support/cli.js';

const silentIo = { out() {}, err() {} } as unknown as Io;

/** Every `dialform …` invocation in a shell script string: the words after `dialform`, up to a redirect or `|`. */
function invocations(script: string): string[][] {
  const found: string[][] = [];
  for (const match of script.matchAll(/npx dialform ([^\n|>&;]*)/g)) {
    found.push((match[1] ?? '').trim().split(/\s+/));
  }
  return found;
}

/** Checks the words against the real command tree: the subcommand exists and knows every flag. */
function checkInvocation(words: string[]): string[] {
  const program = buildProgram(silentIo, () => {});
  let command: Command = program;
  let rest = words;
  while (rest[0] && !rest[0].startsWith('-')) {
    const sub = command.commands.find((c) => c.name() === rest[0]);
    if (!sub) break;
    command = sub;
    rest = rest.slice(1);
  }
  if (command === program) return [`no such command: ${words.join(' ')}`];
  const flags = rest.filter((w) => w.startsWith('-'));
  return flags
    .filter((flag) => !command.options.some((o) => o.long === flag || o.short === flag))
    .map((flag) => `dialform ${command.name()} has no option ${flag}`);
}

function scriptsOf(file: string): string[] {
  const doc = parse(readFileSync(join(ROOT, 'examples', 'ci', file), 'utf8')) as Record<string, unknown>;
  const scripts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'run' || key === 'script' || key === 'before_script') && typeof value === 'string') scripts.push(value);
        else if (key === 'script' && Array.isArray(value)) scripts.push(...value.map(String));
        else walk(value);
      }
    }
  };
  walk(doc);
  return scripts;
}

describe('CI examples', () => {
  for (const file of ['github-actions.yml', 'gitlab-ci.yml']) {
    it(`${file} is valid YAML whose dialform steps call only commands and options that exist`, () => {
      const calls = scriptsOf(file).flatMap(invocations);
      expect(calls.length).toBeGreaterThanOrEqual(2);
      expect(calls.flatMap(checkInvocation)).toEqual([]);
    });
  }

  it('catches a command or option that does not exist', () => {
    expect(checkInvocation(['plan', '--no-such-flag'])).toEqual(['dialform plan has no option --no-such-flag']);
    expect(checkInvocation(['deploy'])).toEqual(['no such command: deploy']);
  });

  it('the GitHub workflow serialises applies and keeps the sticky-comment marker', () => {
    const text = readFileSync(join(ROOT, 'examples', 'ci', 'github-actions.yml'), 'utf8');
    const doc = parse(text) as { jobs: { apply: { concurrency: { group: string; 'cancel-in-progress': boolean } } } };
    expect(doc.jobs.apply.concurrency).toEqual({ group: 'dialform-apply', 'cancel-in-progress': false });
    expect(text).toContain('<!-- dialform-plan -->');
  });
});
