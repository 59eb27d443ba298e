/**
 * `status --search TEXT` (pure): the article's search bar, over every view. TEXT is a phone
 * number when it holds only digits and the marks people type numbers with (`+`, spaces, `-`, `.`,
 * parentheses) and at least three digits: it then matches every number whose digits contain its
 * digits (`(415) 555-0101`, `+1 415 555 0101` and `4155550101` all find `+14155550101`), and a
 * national form's trunk `0` is tried without it too (`020 7946 0000` finds `+442079460000`).
 * Otherwise every word of TEXT must appear (case-insensitively, anywhere) in one of the row's
 * fields or numbers; `admin` finds company and office admins.
 */

/** Whether a row with these text `fields` and phone `numbers` matches. */
export type StatusSearch = (row: { fields: readonly string[]; numbers: readonly string[] }) => boolean;

const PHONE_TEXT = /^[\d\s()+.-]+$/;
const MIN_PHONE_DIGITS = 3;

/** The matcher for `text` (trimmed; empty matches everything). */
export function compileSearch(text: string): StatusSearch {
  const trimmed = text.trim();
  if (trimmed === '') return () => true;
  const digits = readPhoneSearch(trimmed);
  if (digits !== undefined) {
    const wanted = [digits, ...(digits.startsWith('0') ? [digits.replace(/^0+/, '')] : [])].filter((d) => d.length >= MIN_PHONE_DIGITS);
    return ({ numbers }) => numbers.some((n) => wanted.some((w) => n.replace(/\D/g, '').includes(w)));
  }
  const words = trimmed.toLowerCase().split(/\s+/);
  return ({ fields, numbers }) => {
    const haystack = [...fields, ...numbers].map((f) => f.toLowerCase());
    return words.every((word) => haystack.some((f) => f.includes(word)));
  };
}

/** The digits of `text` when it is a phone-number search (see above), else `undefined`. */
export function readPhoneSearch(text: string): string | undefined {
  const trimmed = text.trim();
  const digits = trimmed.replace(/\D/g, '');
  return PHONE_TEXT.test(trimmed) && digits.length >= MIN_PHONE_DIGITS ? digits : undefined;
}
