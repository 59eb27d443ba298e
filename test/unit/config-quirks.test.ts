import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/config/decode-text.js';
import { OFFICES_YAML, problemsOf, useTempCwd, userYaml, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

/** The problems of `dialform.yaml` holding the offices and then `rest`. */
async function problemsWith(rest: string): Promise<string[]> {
  writeTree(cwd.dir, { 'dialform.yaml': `${OFFICES_YAML}${rest}` });
  return problemsOf(loadConfig('dialform.yaml'));
}

const USERS_LINE = OFFICES_YAML.split('\n').length; // the line of `users:` after the offices

describe('config quirks (issue 12 #14)', () => {
  it('reports invalid UTF-8 naming the file and line instead of replacing it (issue 12 #14)', async () => {
    const text = Buffer.from(`${OFFICES_YAML}users:\n${userYaml('ada@acme.com')}`, 'utf8');
    const bad = Buffer.concat([text.subarray(0, text.indexOf('first_name: F') + 12), Buffer.from([0xc3, 0x28]), text.subarray(text.indexOf('first_name: F') + 13)]);
    writeFileSync('dialform.yaml', bad);
    expect(await problemsOf(loadConfig('dialform.yaml'))).toEqual([`dialform.yaml:${USERS_LINE + 2}:17: not valid UTF-8 (byte 0xc3): save the file as UTF-8`]);
  });

  it.each([
    ['a truncated sequence', [0x61, 0xe2, 0x82], 1],
    ['an overlong encoding', [0xc0, 0xaf], 0],
    ['a surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ])('finds %s as invalid UTF-8 (issue 12 #14)', (_name, bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });

  it.each([
    ['a truncated sequence', [0x61, 0xe2, 0x82], 2],
    ['an overlong encoding', [0xc0, 0xaf], 1],
    ['a surrogate', [0x61, 0xed, 0xa0, 0x80], 2],
    ['a lone continuation byte', [0x61, 0x80], 2],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 1],
  ])('decodeUtf8 reports %s at its first bad byte, not as text', (_name, bytes, col) => {
    expect(decodeUtf8(Uint8Array.from(bytes))).toEqual({ invalid: { line: 1, col, byte: bytes[col - 1] } });
  });

  it('decodes valid UTF-8, BOM and U+FFFD included, unchanged (issue 12 #14)', () => {
    const text = '\ufeffname: Zoë \ufffd 😀\n';
    expect(decodeUtf8(Buffer.from(text, 'utf8'))).toEqual({ text });
  });

  it.each([
    ['NUL', '"Ad\\0a"', 'U+0000'],
    ['BEL', '"Ad\\aa"', 'U+0007'],
    ['a tab', '"Ad\\ta"', 'U+0009'],
    ['DEL', '"Ad\\x7fa"', 'U+007F'],
  ])('rejects %s in a name with file:line:col (issue 12 #14)', async (_name, value, code) => {
    const problems = await problemsWith(`users:\n${userYaml('ada@acme.com').replace('first_name: F', `first_name: ${value}`)}`);
    expect(problems).toEqual([`dialform.yaml:${USERS_LINE + 2}:17: users[0].first_name contains the control character ${code}: remove it`]);
  });

  it('rejects a control character in an office name (issue 12 #14)', async () => {
    writeTree(cwd.dir, { 'dialform.yaml': 'version: 1\noffices:\n  hq: { name: "Acme\\u0000HQ", country: US }\n' });
    expect(await problemsOf(loadConfig('dialform.yaml'))).toEqual(['dialform.yaml:3:15: offices.hq.name contains the control character U+0000: remove it']);
  });

  it.each([
    ['!!js/function', 'first_name: !!js/function "function () {}"'],
    ['!custom', 'first_name: !custom Ada'],
    ['!!binary', 'first_name: !!binary QWRh'],
  ])('rejects the unknown YAML tag %s instead of reading a string (issue 12 #14)', async (tag, line) => {
    const problems = await problemsWith(`users:\n${userYaml('ada@acme.com').replace('first_name: F', line)}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^dialform\\.yaml:${USERS_LINE + 2}:\\d+: unknown YAML tag "${tag.replace(/[!/]/g, '\\$&')}": a config holds plain values only; remove the tag$`));
  });

  it('accepts the core schema tags (issue 12 #14)', async () => {
    writeTree(cwd.dir, { 'dialform.yaml': `${OFFICES_YAML}users:\n${userYaml('ada@acme.com').replace('first_name: F', 'first_name: !!str 1')}` });
    expect((await loadConfig('dialform.yaml')).tenant.users[0]?.firstName).toBe('1');
  });

  it('escapes a newline echoed from a value, so one problem stays on one line (issue 12 #14)', async () => {
    const problems = await problemsWith(`users:\n${userYaml('"ada\\n@acme.com"')}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe(`dialform.yaml:${USERS_LINE + 1}:12: users[0].email "ada\\n@acme.com" is not a valid email address`);
  });

  it('escapes a newline in an unknown key (issue 12 #14)', async () => {
    const problems = await problemsWith(`policy: { "max\\ndeletions": 1 }\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^dialform\.yaml:\d+:\d+: unknown property "max\\ndeletions" in policy/);
  });

  it.each([
    ['first_name', 'first_name: F', 'first_name: "   "', `${USERS_LINE + 2}:17`],
    ['last_name (a no-break space)', 'last_name: L', 'last_name: "\\u00a0"', `${USERS_LINE + 3}:16`],
  ])('rejects a whitespace-only %s (issue 12 #14)', async (field, from, to, where) => {
    const problems = await problemsWith(`users:\n${userYaml('ada@acme.com').replace(from, to)}`);
    expect(problems).toEqual([`dialform.yaml:${where}: users[0].${field.split(' ')[0]} must not be blank (it holds only whitespace)`]);
  });

  it('rejects a whitespace-only office name (issue 12 #14)', async () => {
    writeTree(cwd.dir, { 'dialform.yaml': 'version: 1\noffices:\n  hq: { name: "  ", country: US }\n' });
    expect(await problemsOf(loadConfig('dialform.yaml'))).toEqual(['dialform.yaml:3:15: offices.hq.name must not be blank (it holds only whitespace)']);
  });
});
