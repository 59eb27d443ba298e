/** What apply says when it stopped at a surprise (cmd: the only place that prints). */
import { resolve } from 'node:path';
import type { Surprise } from '../../src/apply/check-surprise.js';
import { writeSurpriseReport } from '../../src/apply/surprise-report.js';
import type { Plan } from '../../src/plan/types.js';
import { sanitizeForTerminal } from '../../src/render/terminal-safe.js';
import type { Io } from '../io.js';

/** Writes the fidelity report into `.dialform/`; returns its path and the lines that name it. */
export async function reportSurprise(surprise: Surprise, plan: Plan, io: Io): Promise<{ path: string; text: string }> {
  const path = await writeSurpriseReport(resolve(io.cwd, '.dialform'), surprise, plan, new Date());
  const text =
    `Surprise: ${sanitizeForTerminal(surprise.message)}.\n` +
    'Apply stopped before the next write. Run plan (or apply) again: it plans from what Dialpad did.\n' +
    `Fidelity report (redacted, safe to attach to an issue): ${sanitizeForTerminal(path)}\n` +
    `It contradicts a reading of Dialpad dialform takes (docs/fidelity.md#${surprise.assumption}): please report it.\n`;
  return { path, text };
}
