import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { NO_CHANGES } from '../../src/render/rows.js';
import { renderText } from '../../src/render/text.js';
import { desiredState, liveState, liveUser, planOf } from '../support/builders.js';
import { emptyPlan } from '../support/plan-samples.js';

/** A plan blocked with no operations (every deletion withheld after a partial read) is not "no changes". */
describe('a blocked plan without operations', () => {
  const plan = planOf(
    desiredState({ policy: { unmanagedUsers: 'delete' } }),
    liveState({ users: [liveUser('eve@acme.com')], incomplete: ['numbers: page 2 failed'] }),
  );

  it('is what the planner makes of a partial read', () => {
    expect(plan.operations).toEqual([]);
    expect(plan.summary.blocked).toBe(true);
    expect(plan.violations.map((v) => `${v.severity}:${v.code}`)).toEqual(['error:incomplete_live_read']);
  });

  it('says it is blocked, not that Dialpad matches', () => {
    for (const text of [renderText(plan, { color: false }), renderMarkdown(plan)]) {
      expect(text).not.toContain(NO_CHANGES);
      expect(text).toContain('incomplete_live_read');
      expect(text).toMatch(/blocked/i);
    }
  });

  it('still says "no changes" when an empty plan is not blocked', () => {
    const empty = emptyPlan();
    expect(empty.summary.blocked).toBe(false);
    expect(renderText(empty, { color: false })).toContain(NO_CHANGES);
    expect(renderMarkdown(empty)).toContain(NO_CHANGES);
  });
});
