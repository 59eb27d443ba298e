import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { parseDocument, stringify, type Scalar, type YAMLMap } from 'yaml';
import { dirname, join } from 'node:path';
import { fetchLive, createDialpadClient, READ_OFFICE_PLANS } from '../src/dialpad/index.js';
import { createEmulator, type Fixture } from '../src/emulator/index.js';
import { renderImport } from '../src/import/render-import.js';

/** The key every bench and chaos emulator accepts (any non-empty key is a company-admin key). */
export const BENCH_API_KEY = 'bench-key';

/**
 * Writes config files describing `fixture` exactly (as `dialform import` would) into `dir`, read
 * through an unthrottled emulator with no latency so setup costs little. Returns `dir`: the
 * config is the directory (`dialform.yaml` plus `users/*.yaml`).
 */
export async function writeMatchingConfig(fixture: Fixture, dir: string): Promise<string> {
  const emulator = createEmulator({ fixture, rateLimit: 0 });
  const running = await emulator.listen(0);
  try {
    const client = createDialpadClient({ baseUrl: running.url, apiKey: BENCH_API_KEY, rateLimit: 1_000_000 });
    const live = await fetchLive(client, READ_OFFICE_PLANS);
    if (live.incomplete.length > 0) throw new Error(`setup read incomplete: ${live.incomplete.join('; ')}`);
    const result = renderImport(live, { schemaPath: () => '../schemas/dialform.schema.json' });
    for (const file of result.files) {
      const path = join(dir, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.text);
    }
    return dir;
  } finally {
    await running.close();
  }
}

/** The "new hires in one office" scenario: what `writeHiresConfig` adds to a matching config. */
export interface HiresScenario {
  /** The live id of the office the hires join. */
  officeId: string;
  count: number;
  /**
   * `all`: every office keeps the `licenses:` import wrote (each office's capacity is then
   * managed, so the plan reads every office's plan); `hiring-office`: only the hiring office
   * declares its licenses, as a company that manages users but not license counts as code would.
   */
  declareLicenses: 'all' | 'hiring-office';
}

/**
 * A config matching `fixture` (`writeMatchingConfig`) plus `count` new users in one office
 * (`users/new-hires.yaml`, emails `hire<N>@bigco.example`, talk licenses, numbers unmanaged).
 * Returns `dir`.
 */
export async function writeHiresConfig(fixture: Fixture, dir: string, scenario: HiresScenario): Promise<string> {
  await writeMatchingConfig(fixture, dir);
  const mainPath = join(dir, 'dialform.yaml');
  const main = parseDocument(await readFile(mainPath, 'utf8'));
  const offices = main.get('offices') as YAMLMap<Scalar<string>, YAMLMap>;
  let officeKey: string | undefined;
  for (const pair of offices.items) {
    const office = pair.value as YAMLMap;
    const hiring = String(office.get('id')) === scenario.officeId;
    if (hiring) officeKey = pair.key.value;
    if (!hiring && scenario.declareLicenses === 'hiring-office') office.delete('licenses');
  }
  if (officeKey === undefined) throw new Error(`no office ${scenario.officeId} in the generated config`);
  await writeFile(mainPath, main.toString());
  const hires = Array.from({ length: scenario.count }, (_, i) => ({
    email: `hire${String(i + 1).padStart(4, '0')}@bigco.example`,
    first_name: 'New',
    last_name: `Hire ${i + 1}`,
    office: officeKey,
    license: 'talk',
  }));
  await writeFile(join(dir, 'users', 'new-hires.yaml'), stringify({ users: hires }));
  return dir;
}
