import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import type { Plan } from '../../src/plan/types.js';
import { EXIT, type ExitCode } from '../../src/exit-codes.js';

export type PlanFormat = 'text' | 'markdown' | 'json';

/** One place that picks the renderer, so plan, show and apply print plans alike. */
export function renderPlan(plan: Plan, opts: { format: PlanFormat; color: boolean; redact?: boolean }): string {
  switch (opts.format) {
    case 'text':
      return renderText(plan, { color: opts.color, redact: opts.redact });
    case 'markdown':
      return renderMarkdown(plan, { redact: opts.redact });
    case 'json':
      return renderJson(plan, { redact: opts.redact });
    default: {
      const _never: never = opts.format;
      return _never;
    }
  }
}

/** Exit code of `plan` for a plan (DESIGN.md §5). */
export function planExitCode(plan: Plan, detailed: boolean): ExitCode {
  if (plan.summary.blocked) return EXIT.blocked;
  return detailed && plan.operations.length > 0 ? EXIT.changes : EXIT.ok;
}
