/**
 * Golden scenarios: each `test/golden/<scenario>/` holds `config.yaml` (the desired state),
 * `fixture.json` (the live company, served by the emulator over real HTTP) and optionally
 * `base.yaml` (the config at `--base`) and `dialform-confirmed.json` (the confirmations kept with
 * the config, docs/manual-steps.md) and `journal.jsonl` (an apply journal, for the restores apply
 * waited for). The whole pipeline — load, fetch, diff, plan, render —
 * must reproduce `plan.txt`, `plan.md` and `plan.json` byte for byte, and `plan.json` must
 * validate against `schemas/plan.schema.json`.
 *
 * An optional `emulator.json` beside the fixture passes emulator options, e.g.
 * `{"faults": "rate=0,fail=GET:/api/v2/numbers:paged"}` to make a list fail for good after its
 * first page (see the fault spec in docs/emulator.md).
 *
 * Regenerate after an intended change with: `UPDATE_GOLDEN=1 npx vitest run test/golden`
 * (then review the diff like any other change).
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { readConfirmed } from '../../src/config/confirmed-record.js';
import { openJournal } from '../../src/apply/journal.js';
import { createDialpadClient } from '../../src/dialpad/index.js';
import { createEmulator, loadFixture } from '../../src/emulator/index.js';
import { planAgainstLive } from '../../src/plan-against-live.js';
import { validatePlanDocument } from '../../src/plan/plan-file.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';

const here = dirname(fileURLToPath(import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
/** Every scenario plans at the same instant, so reversibility windows are stable. */
const NOW = new Date('2026-11-26T18:00:00Z');

const scenarios = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'config.yaml')))
  .map((d) => d.name)
  .sort();

async function expectGolden(path: string, actual: string): Promise<void> {
  if (update || !existsSync(path)) {
    if (!update) throw new Error(`missing golden file ${relative(process.cwd(), path)}: run with UPDATE_GOLDEN=1`);
    await writeFile(path, actual);
    return;
  }
  expect(actual).toBe(await readFile(path, 'utf8'));
}

describe('golden scenarios', () => {
  it('has scenarios to check', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  for (const scenario of scenarios) {
    describe(scenario, () => {
      const dir = join(here, scenario);
      let server: { url: string; close(): Promise<void> };
      const emulatorJson = join(dir, 'emulator.json');
      let faults: string | undefined;

      beforeAll(async () => {
        if (existsSync(emulatorJson)) ({ faults } = JSON.parse(await readFile(emulatorJson, 'utf8')) as { faults?: string });
        // Dialpad's clock (the emulator's `Date` header) dates restore windows: held at NOW, or at the fixture's `clock`.
        // No rate limit on either side: the scenarios test planning, not the limiter (rate-limiter.test.ts, client-transport.test.ts).
        const emulator = createEmulator({ fixture: await loadFixture(join(dir, 'fixture.json')), faults, now: () => NOW, rateLimit: 0 });
        server = await emulator.listen(0);
      });
      afterAll(async () => server.close());

      it('renders the expected plan', async () => {
        const desired = await loadConfig(relative(process.cwd(), join(dir, 'config.yaml')));
        const basePath = join(dir, 'base.yaml');
        const base = existsSync(basePath) ? await loadConfig(relative(process.cwd(), basePath)) : undefined;
        // Injected failures are retried like any 503: without waiting, so the scenario stays fast.
        const client = createDialpadClient({
          baseUrl: server.url,
          apiKey: 'golden-test-key',
          rateLimit: Number.POSITIVE_INFINITY,
          ...(faults === undefined ? {} : { sleep: async () => {} }),
        });
        const { grants: confirmed } = await readConfirmed(join(dir, 'config.yaml'));
        const pendingRestores = await openJournal(join(dir, 'journal.jsonl')).pendingRestores();
        const { plan } = await planAgainstLive({ desired, client, base, confirmed, pendingRestores, now: NOW });
        plan.created_at = NOW.toISOString();

        const json = renderJson(plan);
        expect(validatePlanDocument(JSON.parse(json))).toEqual([]);
        await expectGolden(join(dir, 'plan.json'), json);
        await expectGolden(join(dir, 'plan.txt'), renderText(plan, { color: false }));
        await expectGolden(join(dir, 'plan.md'), renderMarkdown(plan, {}));
      });
    });
  }
});
