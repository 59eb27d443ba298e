/**
 * `yaml`'s core-schema tags for plain scalars, as both fast readers use them: js-yaml's schema
 * (fast-yaml-file.ts) and the flow-list reader (flow-list-yaml.ts), so a plain scalar gets the
 * value `yaml` would give it.
 */
import { isScalar, Schema, type ScalarTag } from 'yaml';

/** `yaml`'s core-schema tags that resolve plain scalars, in `yaml`'s order. */
export const CORE_TAGS = new Schema({ schema: 'core' }).tags.filter((t): t is ScalarTag & { test: RegExp } => t.default === true && t.test !== undefined);

/** Whether any of `CORE_TAGS` may match a plain scalar; shared by js-yaml's schema and `readFlowList`. */
export const mayMatchCoreTag = createAnyTagTest(CORE_TAGS.map((t) => t.test));

/** `text` as `tag` resolves it in `yaml` (a scalar node's value unwrapped). */
export function resolveByTag(tag: ScalarTag, text: string): unknown {
  const value = tag.resolve(text, () => undefined, { intAsBigInt: false });
  return isScalar(value) ? value.value : value;
}

/** A plain scalar's value as `yaml` resolves it: by the first core tag whose test matches, else the text. */
export function resolvePlainScalar(text: string): unknown {
  const tag = mayMatchCoreTag(text) ? CORE_TAGS.find((t) => t.test.test(text)) : undefined;
  return tag === undefined ? text : resolveByTag(tag, text);
}

/**
 * Whether any of `tests` may match a text: one regular expression, their union, asked once per
 * plain scalar (js-yaml asks each type in turn about the same text, so the last answer is kept).
 * Most scalars (keys, names, emails) match no tag and are turned down by their first character,
 * instead of by each tag's tests in turn. Tests with flags or back-references do not combine:
 * then every text may match and each tag's own test decides, as before.
 */
function createAnyTagTest(tests: readonly RegExp[]): (text: string) => boolean {
  if (tests.some((t) => t.flags !== '' || /\\[1-9k]/.test(t.source))) return () => true;
  const any = new RegExp(tests.map((t) => `(?:${t.source})`).join('|'));
  let last: string | undefined;
  let lastAnswer = true;
  return (text) => {
    if (text !== last) {
      last = text;
      lastAnswer = any.test(text);
    }
    return lastAnswer;
  };
}
