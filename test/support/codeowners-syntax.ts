/**
 * GitHub's documented CODEOWNERS rules ("About code owners", docs.github.com), as a checker and a
 * resolver for the tests: a line is a pattern then one or more owners (`@user`, `@org/team` or an
 * email) separated by whitespace; `#` starts a comment line; a pattern cannot start with `#` or `!`
 * nor hold `[ ]`; the file must be under 3 MB; the last matching line decides a file's owners.
 */

const OWNER = /^(@[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/u;

/** Every way `text` breaks the documented rules, as `line N: reason`. */
export function checkCodeownersSyntax(text: string): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(text) >= 3 * 1024 * 1024) problems.push('file: 3 MB or more');
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const [pattern = '', ...owners] = trimmed.split(/\s+/u);
    const at = `line ${i + 1}`;
    if (pattern.startsWith('!')) problems.push(`${at}: ! does not negate in CODEOWNERS`);
    if (/[[\]]/u.test(pattern)) problems.push(`${at}: [ ] is no character range in CODEOWNERS`);
    if (/\\/u.test(pattern)) problems.push(`${at}: escapes are not supported`);
    if (owners.length === 0) problems.push(`${at}: no owners`);
    for (const owner of owners) if (!OWNER.test(owner)) problems.push(`${at}: ${owner} is not @user, @org/team or an email`);
  });
  return problems;
}

/**
 * The owners GitHub asks for `path` (repository-relative): those of the last line whose pattern
 * matches it. Only the pattern forms these tests write: `*`, and anchored literal paths.
 */
export function resolveCodeowners(text: string, path: string): string[] {
  let owners: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [pattern = '', ...who] = trimmed.split(/\s+/u);
    if (pattern === '*' || pattern === `/${path}`) owners = who;
  }
  return owners;
}
