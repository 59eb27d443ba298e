import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fetchLive, createDialpadClient } from '../src/dialpad/index.js';
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
    const live = await fetchLive(client);
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
