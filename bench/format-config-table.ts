/** The config-load table for `npm run bench`. */
import type { ConfigLoadMeasurement } from './measure-config-load.js';

export interface ConfigLoadRow extends ConfigLoadMeasurement {
  /** Users the generated company (and so the config) holds, deleted ones included in the fixture only. */
  users: number;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** One row per config size: median config-load wall on each YAML path, and `validate` wall and CPU. */
export function formatConfigLoadTable(rows: readonly ConfigLoadRow[], runs: number): string {
  const title = `config load — median of ${runs} run${runs === 1 ? '' : 's'} each (fast and exact alternate, so both see the same load)`;
  const header = ['users', 'files', 'MiB', 'load s (fast path)', 'load s (exact path only, as before)', 'speed-up', 'validate wall s', 'validate CPU s (all threads)'];
  const lines = [header, header.map(() => '---')];
  for (const r of rows) {
    const fast = medianOf(r.fastMs);
    const exact = medianOf(r.exactMs);
    lines.push([
      String(r.users),
      String(r.files),
      (r.bytes / (1024 * 1024)).toFixed(1),
      seconds(fast),
      seconds(exact),
      `${(exact / fast).toFixed(1)}×`,
      seconds(medianOf(r.validateMs)),
      seconds(medianOf(r.validateCpuMs)),
    ]);
  }
  return `${title}\n\n${lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n')}`;
}
