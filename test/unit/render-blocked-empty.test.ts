import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { NO_CHANGES } from '../../src/render/rows.js';
import { renderText } from '../../src/render/text.js';
import { emptyPlan } from './plan-samples.js';

/** A plan blocked with no operations (e.g. every deletion withheld after a partial read) is not "no changes". */
describe('a blocked plan without operations', () => {
  const plan = {
    ...emptyPlan(),
    summary: { ...emptyPlan().summary, blocked: true },
    violations: [
      { code: 'incomplete_live_read' as const, severity: 'error' as const, message: 'users could not be read', operation_ids: [] },
    ],
  };

  it('says it is blocked, not that Dialpad matches', () => {
    for (const text of [renderText(plan, { color: false }), renderMarkdown(plan)]) {
      expect(text).not.toContain(NO_CHANGES);
      expect(text).toContain('incomplete_live_read');
      expect(text).toMatch(/blocked/i);
    }
  });

  it('still says "no changes" when an empty plan is not blocked', () => {
    expect(renderText(emptyPlan(), { color: false })).toContain(NO_CHANGES);
  });
});
