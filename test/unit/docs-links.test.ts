import { existsSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRelative, listAnchors, listLinks, listMarkdownPages, readPage, ROOT, slugHeading } from '../support/markdown.js';

/** GitHub's limit is not the point: the README is the front door, and details live in docs/ (issue 25). */
const README_MAX_CHARACTERS = 15_000;

describe('the README (issue 25)', () => {
  it(`is at most ${README_MAX_CHARACTERS} characters`, () => {
    expect([...readPage('README.md')].length).toBeLessThanOrEqual(README_MAX_CHARACTERS);
  });

  it('gives the two commands a fresh clone runs: the main job on the embedded emulator, and the tests', () => {
    const readme = readPage('README.md');
    expect(readme).toContain('```sh\nnpm ci && npx dialform plan -c examples/acme --emulator\n```');
    expect(readme).toContain('```sh\nnpm ci && npm test\n```');
  });
});

describe('relative links in README.md and docs/*.md', () => {
  const pages = listMarkdownPages();

  it('finds the pages and their links', () => {
    expect(pages).toContain('docs/rules.md');
    expect(pages.flatMap((page) => listLinks(readPage(page))).length).toBeGreaterThan(50);
  });

  it.each(pages)('%s: every relative link names a file that exists and, with #anchor, a heading in it', (page) => {
    const broken: string[] = [];
    for (const { line, target } of listLinks(readPage(page))) {
      if (!isRelative(target)) continue;
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), decodeURIComponent(path));
      if (!existsSync(file)) {
        broken.push(`${page}:${line}: ${target}: no such file`);
        continue;
      }
      if (anchor === undefined || extname(file) !== '.md') continue;
      if (!listAnchors(readPage(relative(ROOT, file))).has(anchor)) broken.push(`${page}:${line}: ${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});

describe('slugHeading', () => {
  it.each([
    ['5. The apply journal and the order of merges', '5-the-apply-journal-and-the-order-of-merges'],
    ['`offices.<key>.licenses`', 'officeskeylicenses'],
    ["The schema's address and SchemaStore", 'the-schemas-address-and-schemastore'],
    ['price_level_mismatch', 'price_level_mismatch'],
    ['A saved plan (`apply FILE`)', 'a-saved-plan-apply-file'],
    ['Reading YAML: a fast path — and an exact path', 'reading-yaml-a-fast-path--and-an-exact-path'],
  ])('%s → #%s, as GitHub anchors it', (heading, slug) => {
    expect(slugHeading(heading)).toBe(slug);
  });

  it('numbers a repeated heading as GitHub does', () => {
    expect([...listAnchors('# Usage\n\n## Usage\n\n```\n# not a heading\n```\n')]).toEqual(['usage', 'usage-1']);
  });
});
