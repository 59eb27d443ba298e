/**
 * Just enough Markdown for the docs tests: the links a page makes, the anchors its headings get on
 * GitHub, and its sections. Hand-written rather than a parser dependency: the docs use only inline
 * links, ATX headings and fenced code, and these few lines are all the tests need.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** README.md and every docs/*.md, as paths relative to the repository root. */
export function listMarkdownPages(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));
  return ['README.md', ...docs.sort().map((name) => `docs/${name}`)];
}

export function readPage(page: string): string {
  return readFileSync(join(ROOT, page), 'utf8');
}

/** The page's lines outside fenced code blocks (``` or ~~~), each with its 1-based line number. */
function listProseLines(markdown: string): { line: number; text: string }[] {
  const prose: { line: number; text: string }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker !== undefined && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence === undefined) prose.push({ line: index + 1, text });
  });
  return prose;
}

export interface MarkdownLink {
  line: number;
  target: string;
}

/** Inline links and images (`[text](target)`, `![alt](target)`), not those inside code. */
export function listLinks(markdown: string): MarkdownLink[] {
  return listProseLines(markdown).flatMap(({ line, text }) => {
    const withoutCode = text.replace(/`+[^`]*`+/g, 'code');
    return [...withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => ({ line, target: m[1] ?? '' }));
  });
}

/** The text of every inline code span (`like this`) outside fenced code. */
export function listCodeSpans(markdown: string): string[] {
  return listProseLines(markdown).flatMap(({ text }) => [...text.matchAll(/(`+)([^`]+)\1/g)].map((m) => m[2] ?? ''));
}

/** A relative link (no scheme such as `https:` or `mailto:`). */
export function isRelative(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target);
}

/**
 * GitHub's anchor for a heading's text: inline markup reduced to its text, lower-cased, every
 * character but letters, digits, marks, spaces, `-` and `_` dropped, spaces made `-`.
 */
export function slugHeading(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading's anchor, repeats numbered `-1`, `-2`, … as GitHub numbers them. */
export function listAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of listProseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)?.[1];
    if (heading === undefined) continue;
    const slug = slugHeading(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
