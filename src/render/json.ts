/**
 * The plan's JSON contract (DESIGN.md §6), documented by `schemas/plan.schema.json`. A `Plan` is
 * already that document, so this renderer only serializes it (masked first with `redact`).
 */
import { serializePlan } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';
import { redactPlan } from './redact.js';

export interface JsonOptions {
  /** Mask every email address and phone number (display only: such a plan cannot be applied). */
  redact?: boolean;
}

/** Exactly one JSON document (2-space indent, trailing newline). */
export function renderJson(plan: Plan, options: JsonOptions = {}): string {
  return serializePlan(options.redact === true ? redactPlan(plan) : plan);
}
