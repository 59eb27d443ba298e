/**
 * What each declared E911 address and caller ID costs a plan's read (issue 29): none of them is in
 * a list read, so each is one request, and an undeclared one none. Measured by planning a config
 * that matches the company, then the same config declaring the field on every office or user, each
 * read through `readForPlan` against an unthrottled emulator over loopback; the emulator counts the
 * requests per endpoint. Shared by `npm run bench:extras` and its test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { createDialpadClient, fetchLive } from '../src/dialpad/index.js';
import { createEmulator, type Fixture } from '../src/emulator/index.js';
import type { DesiredState, E911Address } from '../src/model/tenant.js';
import { readForPlan } from '../src/plan-against-live.js';
import { BENCH_API_KEY, writeMatchingConfig } from './write-config.js';

/** What a scenario declares, on every office or every user of the matching config. */
export const EXTRA_FIELDS = ['none', 'office_e911', 'user_e911', 'caller_id'] as const;
export type ExtraField = (typeof EXTRA_FIELDS)[number];

export interface ExtraCost {
  field: ExtraField;
  /** Offices or users that declare it. */
  declared: number;
  /** Every request of the plan's read. */
  calls: number;
  /** Requests beyond the read with none declared. */
  extra: number;
  /** `extra / declared` (0 with none declared). */
  per_declared: number;
}

const ADDRESS = (country: string): E911Address => ({ address: '1 Main St', city: 'City', state: 'ST', zip: '00000', country });

/** `desired` declaring `field` on every office (`office_e911`) or user (`user_e911`, `caller_id`), and how many. */
function declare(desired: DesiredState, field: ExtraField): { desired: DesiredState; declared: number } {
  const t = desired.tenant;
  switch (field) {
    case 'none':
      return { desired, declared: 0 };
    case 'office_e911':
      return { desired: { ...desired, tenant: { ...t, offices: t.offices.map((o) => ({ ...o, e911: ADDRESS(o.country) })) } }, declared: t.offices.length };
    case 'user_e911': {
      const country = new Map(t.offices.map((o) => [o.key, o.country]));
      return { desired: { ...desired, tenant: { ...t, users: t.users.map((u) => ({ ...u, e911: ADDRESS(country.get(u.office) ?? 'US') })) } }, declared: t.users.length };
    }
    case 'caller_id':
      return { desired: { ...desired, tenant: { ...t, users: t.users.map((u) => ({ ...u, callerId: u.numbers?.[0] ?? 'blocked' })) } }, declared: t.users.length };
    default: {
      const _never: never = field;
      return _never;
    }
  }
}

/** The plan read's requests for `fixture` with each field of `fields` declared in turn. */
export async function measureExtras(fixture: Fixture, fields: readonly ExtraField[] = EXTRA_FIELDS): Promise<ExtraCost[]> {
  const dir = await mkdtemp(join(tmpdir(), 'dialform-bench-extras-'));
  try {
    const base = await loadConfig(await writeMatchingConfig(fixture, dir));
    const counted: Omit<ExtraCost, 'extra' | 'per_declared'>[] = [];
    for (const field of ['none' as const, ...fields.filter((f) => f !== 'none')]) {
      const { desired, declared } = declare(base, field);
      const emulator = createEmulator({ fixture, rateLimit: 0 });
      const running = await emulator.listen(0);
      try {
        const client = createDialpadClient({ baseUrl: running.url, apiKey: BENCH_API_KEY, rateLimit: 1_000_000 });
        const read = await fetchLive(client, readForPlan(desired));
        if (read.incomplete.length > 0) throw new Error(`read incomplete (${field}): ${read.incomplete.join('; ')}`);
        counted.push({ field, declared, calls: Object.values(emulator.stats().requests).reduce((a, b) => a + b, 0) });
      } finally {
        await running.close();
      }
    }
    const baseline = counted[0]?.calls ?? 0;
    return counted
      .filter((c) => fields.includes(c.field))
      .map((c) => ({ ...c, extra: c.calls - baseline, per_declared: c.declared === 0 ? 0 : (c.calls - baseline) / c.declared }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
