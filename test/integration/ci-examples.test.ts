import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';

/** Every `dialform …` invocation in a shell script string (`npx dialform` or `$DIALFORM`): the words after it, up to a redirect or `|`. */
function invocations(script: string): string[][] {
  const found: string[][] = [];
  for (const match of script.matchAll(/(?:npx dialform|\$DIALFORM) ([^\n|>&;]*)/g)) {
    found.push((match[1] ?? '').trim().split(/\s+/));
  }
  return found;
}

/** What `dialform <path> --help` shows: the command it describes, its options and its subcommands. */
interface Help {
  /** The command path from the `Usage:` line (without `dialform`). */
  path: string[];
  /** Every `-x` and `--xyz` listed under `Options:`. */
  options: Set<string>;
  /** Every name listed under `Commands:`. */
  commands: Set<string>;
}

/** The entries of one help section: its lines indented by exactly two spaces, term first. */
function sectionTerms(helpText: string, title: string): string[] {
  const section = helpText.split(/\n(?=\S)/).find((s) => s.startsWith(`${title}:\n`)) ?? '';
  return [...section.matchAll(/^ {2}(\S.*?)(?: {2,}|$)/gm)].map((m) => m[1] ?? '');
}

const helpCache = new Map<string, Promise<Help>>();

/** Runs the real CLI for `dialform <path> --help` once per path and reads its help. */
function helpFor(path: string[]): Promise<Help> {
  const key = path.join(' ');
  let help = helpCache.get(key);
  if (!help) {
    help = runCli([...path, '--help'], { cwd: ROOT }).then(({ code, stdout, stderr }) => {
      if (code !== 0) throw new Error(`dialform ${key} --help exited ${code}: ${stderr}`);
      const usage = /^Usage: dialform((?: [a-z][\w-]*)*)/m.exec(stdout);
      if (!usage) throw new Error(`dialform ${key} --help printed no usage line:\n${stdout}`);
      const options = sectionTerms(stdout, 'Options').flatMap((term) => term.split(', ').map((part) => part.split(/[ =]/)[0] ?? ''));
      const commands = sectionTerms(stdout, 'Commands').map((term) => term.split(' ')[0] ?? '');
      return { path: (usage[1] ?? '').trim().split(' ').filter(Boolean), options: new Set(options), commands: new Set(commands) };
    });
    helpCache.set(key, help);
  }
  return help;
}

/**
 * Checks the words against the CLI's own help: each leading command word is listed under its
 * parent's `Commands:` and its own help describes it (commander answers `unknown --help` with the
 * top-level help and exit 0, so the `Usage:` line is what tells), and that help lists every flag.
 */
async function checkInvocation(words: string[]): Promise<string[]> {
  let help = await helpFor([]);
  let rest = words;
  while (rest[0] && !rest[0].startsWith('-') && help.commands.has(rest[0])) {
    const path = [...help.path, rest[0]];
    help = await helpFor(path);
    if (help.path.join(' ') !== path.join(' ')) return [`dialform ${path.join(' ')} --help describes "dialform ${help.path.join(' ')}"`];
    rest = rest.slice(1);
  }
  if (help.path.length === 0) return [`no such command: ${words.join(' ')}`];
  const flags = rest.filter((w) => w.startsWith('-')).map((w) => w.split('=')[0] ?? w);
  return flags.filter((flag) => !help.options.has(flag)).map((flag) => `dialform ${help.path.join(' ')} has no option ${flag}`);
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

/** Every `dialform …` call in the action's shell steps (it runs dialform through a `dialform` function). */
function actionInvocations(): string[][] {
  const script = readFileSync(join(ROOT, 'action', 'dialform-action.sh'), 'utf8');
  return [...script.matchAll(/^\s*(?:[\w ]*\|\|\s*)?dialform ((?:validate|plan|apply|show)[^\n|>&;]*)/gm)].map((m) =>
    (m[1] ?? '').replace(/"\$\{[^}]*\}"|"\$[\w]+"/g, '').trim().split(/\s+/),
  );
}

describe('CI examples', () => {
  for (const file of ['gitlab-ci.yml']) {
    const calls = scriptsOf(file).flatMap(invocations);
    it(`${file} is valid YAML whose dialform steps call only commands and options that exist`, async () => {
      expect(calls.length).toBeGreaterThanOrEqual(2);
      const problems = await Promise.all(calls.map(checkInvocation));
      expect(problems.flat()).toEqual([]);
    });
  }

  it('the action (which the GitHub examples use) calls only commands and options that exist', async () => {
    const calls = actionInvocations();
    expect(calls.map((c) => c[0])).toEqual(expect.arrayContaining(['validate', 'plan', 'apply', 'show']));
    const problems = await Promise.all(calls.map(checkInvocation));
    expect(problems.flat()).toEqual([]);
  });

  it('catches a command or option that does not exist', async () => {
    expect(await checkInvocation(['plan', '--no-such-flag'])).toEqual(['dialform plan has no option --no-such-flag']);
    expect(await checkInvocation(['deploy'])).toEqual(['no such command: deploy']);
    expect(await checkInvocation(['emulator', 'serve', '--fixture', 'f.json', '--watch'])).toEqual(['dialform emulator serve has no option --watch']);
  });

  it('the GitHub workflow serialises applies', () => {
    const text = readFileSync(join(ROOT, 'examples', 'ci', 'github-actions.yml'), 'utf8');
    const doc = parse(text) as { jobs: { apply: { concurrency: { group: string; 'cancel-in-progress': boolean } } } };
    expect(doc.jobs.apply.concurrency).toEqual({ group: 'dialform-apply', 'cancel-in-progress': false });
  });
});

describe('action.yml (issue 16 #1)', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    outputs: Record<string, { value: string }>;
    runs: { using: string; steps: { id?: string; run?: string; env?: Record<string, string> }[] };
  };
  const script = readFileSync(join(ROOT, 'action', 'dialform-action.sh'), 'utf8');

  it('is a composite action whose shell step gets every variable its script reads', () => {
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((s) => s.id === 'run');
    expect(step?.run).toBe('bash "$GITHUB_ACTION_PATH/action/dialform-action.sh"');
    const read = new Set([...script.matchAll(/\$\{([A-Z_]+)(?::-[^}]*)?\}/g)].map((m) => m[1] ?? ''));
    const actionsSets = ['GITHUB_OUTPUT', 'GITHUB_EVENT_NAME', 'RUNNER_TEMP'];
    const missing = [...read].filter((name) => !actionsSets.includes(name) && !(name in (step?.env ?? {})));
    expect(missing).toEqual([]);
  });

  it('reads inputs that exist and outputs of steps that exist', () => {
    const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    const inputs = [...text.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1] ?? '');
    expect(inputs.filter((name) => !(name in action.inputs))).toEqual([]);
    const ids = new Set(action.runs.steps.map((s) => s.id).filter(Boolean));
    const stepRefs = [...text.matchAll(/steps\.([\w-]+)\.outputs/g)].map((m) => m[1] ?? '');
    expect(stepRefs.filter((id) => !ids.has(id))).toEqual([]);
  });
});
