import { digestConfig } from './config/index.js';
import { fetchLive, type DialpadClient, type FollowUpReads, type LiveReadScope } from './dialpad/index.js';
import { keyLiveOffices } from './model/match-offices.js';
import { cutToScope, type PlanScope } from './owners/scope-plan.js';
import { chooseDeclaredOfficeReads, choosePlanReads } from './plan/choose-live-reads.js';
import { diffTenant } from './diff/index.js';
import { indexPlanInputs } from './diff/plan-index.js';
import { keyLive } from './model/groups.js';
import type { DesiredState, LiveState } from './model/tenant.js';
import { buildPlan } from './plan/build-plan.js';
import { digestLive } from './plan/digest.js';
import type { Rehearsal } from './plan/rehearsal.js';
import type { PendingRestore, UnfinishedMove } from './journal-types.js';
import type { Plan } from './plan/types.js';
import type { ConfirmedGrant } from './model/confirmed-grants.js';

/** What a plan is made from besides the live read. */
export interface PlanInputs {
  desired: DesiredState;
  /** The config at `--base`: what analytics/proxy declarations are compared with without confirmations. */
  base?: DesiredState;
  /** The confirmations file's entries (`readConfirmed`); `undefined` when the config has none. */
  confirmed?: readonly ConfirmedGrant[];
  /** Restores apply waited for and never saw done (`Journal.pendingRestores`). */
  pendingRestores?: readonly PendingRestore[];
  /** Moves that give a new number, started and never seen done (`Journal.unfinishedMoves`): finished by this plan where Dialpad shows them part way. */
  unfinishedMoves?: readonly UnfinishedMove[];
  /** Against the embedded emulator: see `BuildPlanInput.rehearsal`. */
  rehearsal?: Rehearsal;
  /** `plan --scope`: plan only what concerns these offices (`cutToScope`). Such a plan is never applied. */
  scope?: PlanScope;
}

/**
 * Plans a config against what was read from Dialpad (pure):
 * 1. match: `keyLive` gives the read's offices and groups the keys of the config entries they are;
 * 2. diff: `diffTenant` compares the config with the keyed live state → changes;
 * 3. plan: `buildPlan` simulates, orders and guards them, with the basis digests of the config
 *    (`digestConfig`) and of the read itself (`digestLive`, independent of any config's keys).
 *
 * `read` is the id-keyed live state `fetchLive` returns.
 */
export function planFromRead(input: PlanInputs & { read: LiveState; now: Date }): Plan {
  const { read } = input;
  const keyed = keyLive(read, input.desired);
  const { desired, live } = input.scope === undefined ? { desired: input.desired, live: keyed } : cutToScope(input.desired, keyed, input.scope);
  const index = indexPlanInputs(desired, live);
  return buildPlan({
    desired,
    live,
    index,
    changes: diffTenant(desired, live, input.now, index, input.unfinishedMoves),
    now: input.now,
    base: input.base,
    confirmed: input.confirmed,
    pendingRestores: input.pendingRestores,
    // A scoped plan's basis is the cut config, never the whole one: apply, which plans the whole
    // config, takes it for a plan of another config and refuses it (docs/owners.md).
    configDigest: digestConfig(desired),
    liveDigest: digestLive(read),
    ...(input.rehearsal === undefined ? {} : { rehearsal: input.rehearsal }),
  });
}

/**
 * What a plan of `desired` reads: phase 1, then what `choosePlanReads` picks from it and the
 * config; the declaring offices' `plan` reads start as soon as the offices (and the config) are in
 * (`chooseDeclaredOfficeReads`). `desired` may still be loading: phase 1 starts at once and
 * phase 2 waits for it (a config that fails to load fails the read with its own error).
 *
 * With a `scope` (`plan --scope`), phase 2 is chosen for the config and read cut to it
 * (`cutToScope`), and no office outside it is read per office (licenses, E911 address), not even
 * the other side of a move (whose capacity its own owners' plan checks).
 */
export function readForPlan(desired: DesiredState | PromiseLike<DesiredState>, scope?: PlanScope | PromiseLike<PlanScope | undefined>): LiveReadScope {
  const onlyScoped = async (reads: FollowUpReads, offices: LiveState): Promise<FollowUpReads> => {
    const s = await scope;
    if (s === undefined) return reads;
    const ids = new Set(keyLiveOffices(offices, (await desired).tenant.offices).tenant.offices.flatMap((o) => (s.offices.includes(o.key) && o.id !== undefined ? [o.id] : [])));
    // An office's E911 address is a per-office read like its licenses; the users' reads (E911,
    // caller ID) are already those of the users the cut config keeps.
    const e911 = reads.e911 === undefined ? {} : { e911: { ...reads.e911, offices: reads.e911.offices.filter((id) => ids.has(id)) } };
    return { ...reads, offices: reads.offices.filter((o) => ids.has(o.id)), ...e911 };
  };
  const cut = async (phaseOne: LiveState): Promise<{ desired: DesiredState; live: LiveState }> => {
    const s = await scope;
    const d = await desired;
    return s === undefined ? { desired: d, live: phaseOne } : cutToScope(d, keyLive(phaseOne, d), s);
  };
  return {
    early: async (offices) => onlyScoped(chooseDeclaredOfficeReads((await cut(offices)).desired, offices), offices),
    followUp: async (phaseOne) => {
      const { desired: d } = await cut(phaseOne);
      return onlyScoped(choosePlanReads(d, phaseOne), phaseOne);
    },
  };
}

/**
 * The whole pipeline: read Dialpad (`fetchLive` with `readForPlan`, keyed by Dialpad ids), then
 * `planFromRead` (match → diff → plan). Returns the plan and the read it was made from.
 */
export async function planAgainstLive(input: PlanInputs & { client: DialpadClient; now?: Date }): Promise<{ plan: Plan; read: LiveState }> {
  const read = await fetchLive(input.client, readForPlan(input.desired));
  const plan = planFromRead({ ...input, read, now: input.now ?? new Date() });
  return { plan, read };
}
