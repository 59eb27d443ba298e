/** `apply --redact`: what apply prints, masked as `plan --redact` masks a plan. */
import { DialformError } from '../../src/errors.js';
import type { Plan } from '../../src/plan/types.js';
import { planRedactor, redactLiveDigest } from '../../src/render/redact.js';
import type { Io } from '../io.js';

/**
 * What apply prints under `--redact`: `io` whose `out` and `err` mask, once a plan is known
 * (`use`), every email, phone number, name and E911 address with that plan's redactor
 * (`planRedactor`: keyed by its live digest, as `plan --redact` keys the same plan, so a saved
 * plan's tags in apply's log match the reviewed comment's), and every live digest of `plans`
 * (the key of their tags: a stale plan's refusal names two) as `redactPlan` shows one. `mask` does
 * the same to an error's message before `cmd/program.ts` prints it. Only printing is masked: the journal, the `--out`
 * plan and the fidelity report are files apply needs whole (or redacts by themselves).
 */
export function redactOutput(io: Io, redact: boolean): { io: Io; use(plan: Plan, ...others: (Plan | undefined)[]): void; mask(error: unknown): unknown } {
  let redactText: ((text: string) => string) | undefined;
  const masked = (text: string) => (redactText === undefined ? text : redactText(text));
  return {
    io: redact ? { ...io, out: (text) => io.out(masked(text)), err: (text) => io.err(masked(text)) } : io,
    use(plan, ...others) {
      if (!redact) return;
      const names = planRedactor(plan);
      const digests = [plan, ...others].flatMap((p) => (p === undefined ? [] : [p.basis.live_digest]));
      redactText = (text) => digests.reduce((out, digest) => out.split(digest).join(redactLiveDigest(digest)), names(text));
    },
    mask(error) {
      // The error keeps its class and code; only the message, which may quote a plan, is masked.
      if (redactText !== undefined && error instanceof DialformError) error.message = redactText(error.message);
      return error;
    },
  };
}
