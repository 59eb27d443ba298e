import { resolve } from 'node:path';
import { EXIT } from '../../src/exit-codes.js';
import { readPlanFile } from '../../src/plan/plan-file.js';
import type { Io } from '../io.js';
import { renderPlan, type PlanFormat } from './render-plan.js';

/** `dialform show FILE`: renders a saved plan without contacting Dialpad. */
export async function runShow(
  file: string,
  opts: { format: PlanFormat; redact?: boolean; color: boolean },
  io: Io,
): Promise<number> {
  const plan = await readPlanFile(resolve(io.cwd, file));
  io.out(renderPlan(plan, { format: opts.format, color: opts.color && io.color, redact: opts.redact }));
  return plan.summary.blocked ? EXIT.blocked : EXIT.ok;
}
