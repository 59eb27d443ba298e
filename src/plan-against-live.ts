import { digestConfig } from './config/index.js';
import { fetchLive, type DialpadClient } from './dialpad/index.js';
import { diffTenant } from './diff/index.js';
import { keyLiveOffices } from './model/match-offices.js';
import type { DesiredState, LiveState } from './model/tenant.js';
import { buildPlan } from './plan/build-plan.js';
import { digestLive } from './plan/digest.js';
import type { Rehearsal } from './plan/rehearsal.js';
import type { Plan } from './plan/types.js';

/**
 * Plans a config against what was read from Dialpad (pure):
 * 1. match: `keyLiveOffices` gives the read's offices the keys of the config offices they are;
 * 2. diff: `diffTenant` compares the config with the keyed live state → changes;
 * 3. plan: `buildPlan` simulates, orders and guards them, with the basis digests of the config
 *    (`digestConfig`) and of the read itself (`digestLive`, independent of any config's keys).
 *
 * `read` is the id-keyed live state `fetchLive` returns.
 */
export function planFromRead(input: { desired: DesiredState; read: LiveState; base?: DesiredState; now: Date; rehearsal?: Rehearsal }): Plan {
  const { desired, read } = input;
  const live = keyLiveOffices(read, desired.tenant.offices);
  return buildPlan({
    desired,
    live,
    changes: diffTenant(desired, live),
    now: input.now,
    base: input.base,
    configDigest: digestConfig(desired),
    liveDigest: digestLive(read),
    ...(input.rehearsal === undefined ? {} : { rehearsal: input.rehearsal }),
  });
}

/**
 * The whole pipeline: read Dialpad (`fetchLive`, keyed by Dialpad ids), then `planFromRead`
 * (match → diff → plan). Returns the plan and the read it was made from.
 */
export async function planAgainstLive(input: {
  desired: DesiredState;
  client: DialpadClient;
  base?: DesiredState;
  now?: Date;
  /** Against the embedded emulator: see `BuildPlanInput.rehearsal`. */
  rehearsal?: Rehearsal;
}): Promise<{ plan: Plan; read: LiveState }> {
  const read = await fetchLive(input.client);
  const plan = planFromRead({ desired: input.desired, read, base: input.base, now: input.now ?? new Date(), rehearsal: input.rehearsal });
  return { plan, read };
}
