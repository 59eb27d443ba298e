import { resolve } from 'node:path';
import { checkStoredTexts, showSavedPlan } from '../../src/apply/show-saved-plan.js';
import { EXIT } from '../../src/exit-codes.js';
import { readPlanFile } from '../../src/plan/plan-file.js';
import { planRedactor } from '../../src/render/redact.js';
import { sanitizeForTerminal } from '../../src/render/terminal-safe.js';
import type { Io } from '../io.js';
import { renderPlan, type PlanFormat } from './render-plan.js';

/**
 * `dialform show FILE`: renders a saved plan without contacting Dialpad. A plan file is data
 * anyone could have edited, and without a fresh plan nothing checks its texts, so every operation
 * is shown by what it does (`showSavedPlan` without a fresh plan, as apply shows an operation the
 * fresh plan lacks), never by the file's summary, notes or changes; an operation whose stored
 * summary contradicts what it does is named in a warning on stderr (`checkStoredTexts`).
 */
export async function runShow(
  file: string,
  opts: { format: PlanFormat; redact?: boolean; color: boolean },
  io: Io,
): Promise<number> {
  const plan = await readPlanFile(resolve(io.cwd, file));
  const misleading = checkStoredTexts(plan);
  if (misleading.length > 0) {
    // Under --redact the file's own words are not quoted: they may name anyone.
    const mask = opts.redact === true ? planRedactor(plan) : (text: string) => text;
    const lines = misleading.map(({ operation: op, does }) => {
      const says = opts.redact === true ? '' : ` ("${sanitizeForTerminal(op.summary)}")`;
      return `warning: ${sanitizeForTerminal(op.id)}: the file's summary${says} does not say what the operation does: ${sanitizeForTerminal(mask(does))}`;
    });
    io.err(`${[...lines, 'The file was edited after it was planned: its texts are not shown; each operation is shown by what it does.'].join('\n')}\n`);
  }
  const shown = showSavedPlan(plan);
  io.out(renderPlan(shown, { format: opts.format, color: opts.color && io.color, redact: opts.redact }));
  return shown.summary.blocked ? EXIT.blocked : EXIT.ok;
}
