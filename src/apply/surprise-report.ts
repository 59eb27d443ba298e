/**
 * The fidelity report apply writes when it stops at a surprise (`.dialform/surprise-<time>.json`):
 * what a user attaches to an issue so dialform's reading of Dialpad can be corrected. It holds the
 * operation, the write (no header, so never the API key), Dialpad's answer and the prediction,
 * with every email, phone number and person's name masked as `--redact` masks a plan.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planRedactor } from '../render/redact.js';
import { mapStrings } from '../render/map-strings.js';
import type { Plan } from '../plan/types.js';
import type { Surprise } from './check-surprise.js';

export const SURPRISE_REPORT_VERSION = 1;

/** The report's document (pure): redacted with the names `plan` carries. */
export function buildSurpriseReport(surprise: Surprise, plan: Plan, at: Date): Record<string, unknown> {
  const { operation, field, did, predicted, message, request, answer, assumption } = surprise;
  const report = {
    surprise_report: SURPRISE_REPORT_VERSION,
    at: at.toISOString(),
    message,
    field,
    dialpad_did: did,
    plan_predicted: predicted,
    operation,
    request,
    answer: answer ?? null,
    assumption: `docs/fidelity.md#${assumption}`,
    plan_fingerprint: plan.fingerprint,
  };
  return mapStrings(report, planRedactor(plan));
}

/** Writes the report into `dir` (created if need be) as `surprise-<time>.json`; returns its path. */
export async function writeSurpriseReport(dir: string, surprise: Surprise, plan: Plan, at: Date): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `surprise-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}.json`);
  await writeFile(path, `${JSON.stringify(buildSurpriseReport(surprise, plan, at), null, 2)}\n`);
  return path;
}
