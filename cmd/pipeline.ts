import { digestConfig } from '../src/config/index.js';
import { fetchLive, type DialpadClient } from '../src/dialpad/index.js';
import { diffTenant } from '../src/diff/index.js';
import type { DesiredState, LiveState } from '../src/model/tenant.js';
import { buildPlan, digestLive } from '../src/plan/build-plan.js';
import type { Plan } from '../src/plan/types.js';

/**
 * Reads live state and plans the config against it: fetch → diff → plan. A caller that has just
 * read live state (keyed by the same config's offices) passes it as `live` instead of reading twice.
 */
export async function planAgainstLive(input: {
  desired: DesiredState;
  client: DialpadClient;
  base?: DesiredState;
  now?: Date;
  live?: LiveState;
}): Promise<{ plan: Plan; live: LiveState }> {
  const live = input.live ?? (await fetchLive(input.client, { offices: input.desired.tenant.offices }));
  const changes = diffTenant(input.desired, live);
  const plan = buildPlan({
    desired: input.desired,
    live,
    changes,
    now: input.now ?? new Date(),
    base: input.base,
    configDigest: digestConfig(input.desired),
    liveDigest: digestLive(live),
  });
  return { plan, live };
}
