import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/dialpad/index.js';
import { FixtureError } from '../../src/emulator/index.js';
import { BugError, ConfigError, DialformError, ERROR_CODES, UsageError, type ErrorCode } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import { renderError } from '../../src/render/error.js';
import { ROOT } from '../support/cli.js';

/** Every TypeScript source file under `dirs` (relative to the package root), with its text. */
function sources(...dirs: string[]): { file: string; text: string }[] {
  return dirs.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => ({ file: join(dir, f), text: readFileSync(join(ROOT, dir, f), 'utf8') })),
  );
}

describe('error codes', () => {
  it('type-check: a code outside ERROR_CODES does not compile', () => {
    // @ts-expect-error 'bug' is not an ErrorCode: programming errors are BugErrors
    const e = new DialformError('bug', 'x');
    expect(e).toBeInstanceOf(DialformError);
    // @ts-expect-error internal_error is a bug's code (renderError's), never a DialformError's
    expect(new DialformError('internal_error', 'x')).toBeInstanceOf(DialformError);
  });

  it('gives every error the exit code its code maps to', () => {
    expect(new DialformError('plan_blocked', 'blocked').exitCode).toBe(EXIT.blocked);
    expect(new DialformError('plan_stale', 'stale').exitCode).toBe(EXIT.error);
    expect(new UsageError('bad flag')).toMatchObject({ code: 'usage', exitCode: EXIT.error });
    expect(new ConfigError([{ file: 'a.yaml', line: 1, col: 1, message: 'm' }])).toMatchObject({ code: 'config_invalid' });
    expect(new FixtureError([{ file: 'f.json', line: 1, col: 1, message: 'm' }])).toMatchObject({ code: 'fixture_invalid' });
    expect(new ApiError({ operation: 'users.list', kind: 'server' })).toMatchObject({ code: 'api_error', exitCode: EXIT.error });
    expect(Object.values(ERROR_CODES).every((c) => Object.values(EXIT).includes(c))).toBe(true);
  });

  it('lists only codes that src/ or cmd/ actually throw', () => {
    const text = sources('src', 'cmd').map((s) => s.text).join('\n');
    const unused = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});

describe('BugError', () => {
  it('is never a DialformError, so nothing reports or journals it as a user or Dialpad failure', () => {
    const bug = new BugError('invariant broken');
    expect(bug).toBeInstanceOf(Error);
    expect(bug).not.toBeInstanceOf(DialformError);
    expect(bug.name).toBe('BugError');
  });

  it('replaces every DialformError("bug") and Error("bug: …") in src/ and cmd/', () => {
    const offenders = sources('src', 'cmd')
      .filter(({ text }) => /DialformError\('bug'|new Error\(['`]bug:/.test(text))
      .map((s) => s.file);
    expect(offenders).toEqual([]);
  });
});

describe('renderError', () => {
  it('reports a BugError as a bug (internal_error), with its stack, and exits 1', () => {
    const { text, exitCode } = renderError(new BugError('unknown operation kind "x"'));
    expect(exitCode).toBe(EXIT.error);
    expect(text).toMatch(/^error internal_error: dialform hit an unexpected error \(a bug — please report it\):\nBugError: unknown operation kind "x"\n\s+at /);
  });

  it('reports a DialformError as `error <code>: message`, with its code’s exit code', () => {
    expect(renderError(new DialformError('plan_blocked', 'the plan is blocked'))).toMatchObject({
      text: 'error plan_blocked: the plan is blocked\n',
      exitCode: EXIT.blocked,
    });
  });

  it('names the code on the first line and lists every config problem after it, with the count', () => {
    const problems = [
      { file: 'a.yaml', line: 2, col: 3, message: 'bad' },
      { file: 'b.yaml', line: 4, col: 1, message: 'worse' },
    ];
    expect(renderError(new ConfigError(problems))).toMatchObject({
      text: 'error config_invalid: 2 problems found:\na.yaml:2:3: bad\nb.yaml:4:1: worse\n',
      exitCode: EXIT.error,
    });
    expect(renderError(new FixtureError([problems[0]!])).text).toBe('error fixture_invalid: 1 problem found:\na.yaml:2:3: bad\n');
  });

  it('lists at most the first 200 problems in the text and says how many more; the JSON lists them all (issue 26 #12)', () => {
    const problems = Array.from({ length: 250 }, (_, i) => ({ file: 'u.yaml', line: i + 1, col: 3, message: `bad ${i}` }));
    const rendered = renderError(new ConfigError(problems));
    const lines = rendered.text.trimEnd().split('\n');
    expect(lines[0]).toBe('error config_invalid: 250 problems found:');
    expect(lines.slice(1, -1)).toEqual(problems.slice(0, 200).map((p) => `u.yaml:${p.line}:3: ${p.message}`));
    expect(lines.at(-1)).toBe('… and 50 more problems (--format json lists them all)');
    expect((JSON.parse(rendered.json) as { error: { problems: unknown[] } }).error.problems).toHaveLength(250);
  });

  it('gives one JSON document with the code, the message and the problems (file, line, col, message)', () => {
    const problems = [{ file: 'a.yaml', line: 2, col: 3, message: 'bad', path: '/users/0' }];
    const json = renderError(new ConfigError(problems)).json;
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json)).toEqual({
      error: { code: 'config_invalid', message: '1 problem found', problems: [{ file: 'a.yaml', line: 2, col: 3, message: 'bad' }] },
    });
    expect(JSON.parse(renderError(new UsageError('pass --auto-approve')).json)).toEqual({
      error: { code: 'usage', message: 'pass --auto-approve', problems: [] },
    });
  });

  it('reports a bug in JSON as internal_error, saying it is a bug, with no stack', () => {
    const doc = JSON.parse(renderError(new BugError('unknown operation kind "x"')).json) as { error: { code: string; message: string; problems: unknown[] } };
    expect(doc.error).toEqual({
      code: 'internal_error',
      message: 'dialform hit an unexpected error (a bug — please report it): BugError: unknown operation kind "x"',
      problems: [],
    });
    expect(JSON.parse(renderError('thrown string').json)).toMatchObject({ error: { code: 'internal_error' } });
  });

  it('escapes control characters alike in the text and the JSON document', () => {
    const hostile = 'name \x1b]0;pwned\x07 \u202eevil';
    const escaped = 'name \\x1b]0;pwned\\x07 \\u202eevil';
    const error = new DialformError('api_error', `Dialpad said: ${hostile}\nsecond line`);
    const { text, json } = renderError(error);
    expect(text).toBe(`error api_error: Dialpad said: ${escaped}\nsecond line\n`);
    expect(JSON.parse(json).error.message).toBe(`Dialpad said: ${escaped}\nsecond line`);
    const problem = renderError(new ConfigError([{ file: 'a\x1b.yaml', line: 1, col: 1, message: hostile }]));
    expect(problem.text).toBe(`error config_invalid: 1 problem found:\na\\x1b.yaml:1:1: ${escaped}\n`);
    expect(JSON.parse(problem.json).error.problems).toEqual([{ file: 'a\\x1b.yaml', line: 1, col: 1, message: escaped }]);
    expect(json + problem.json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });
});

describe('exit codes', () => {
  it('are named constants: no exit-code literal in cmd/, and no "exit code N" or exitCode: N in src/ or cmd/', () => {
    const literal = /\breturn [0-9]+;|\? [0-9] : [0-9]\b|exitCode: [0-9]|exit code [0-9]/;
    const offenders = sources('cmd')
      .filter(({ text }) => literal.test(text))
      .concat(sources('src').filter(({ text }) => /exitCode: [0-9]|exit code [0-9]/.test(text)))
      .map((s) => s.file);
    expect(offenders).toEqual([]);
  });
});

describe('exported class names', () => {
  it('are unique across src/, so the client ApiError and the emulator’s HTTP answer cannot be confused', () => {
    const owners = new Map<string, string[]>();
    for (const { file, text } of sources('src')) {
      for (const match of text.matchAll(/^export (?:abstract )?class (\w+)/gm)) {
        const name = match[1] ?? '';
        owners.set(name, [...(owners.get(name) ?? []), file]);
      }
    }
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
