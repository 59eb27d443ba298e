/**
 * One config-load measurement in its own process: `loadConfig` of the config at `configPath`,
 * `runs` times with each parser (alternating, so both see the same machine load), and `validate`
 * through the CLI. Prints one JSON `ConfigLoadMeasurement` on stdout. Run by bench/run.ts; input
 * is argv[2] as JSON.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSource, displayPath, loadConfigSourcesAsync, type YamlParser } from '../src/config/load-config.js';
import type { ConfigSource } from '../src/config/index.js';
import { listConfigFiles } from '../src/config/list-config-files.js';
import { timeCliCpu } from './measure-cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ConfigLoadInput {
  configPath: string;
  runs: number;
}

export interface ConfigLoadMeasurement {
  files: number;
  bytes: number;
  users: number;
  /** Wall ms of each run of the config load (read, parse, schema, merge, semantic rules, normalize). */
  fastMs: number[];
  exactMs: number[];
  /** Wall ms of each `dialform validate -c <config>` process (the built CLI, `node dist/cmd/dialform.js`). */
  validateMs: number[];
  /** CPU ms of each of those processes (user + system, every thread). */
  validateCpuMs: number[];
}

async function readSources(dir: string): Promise<ConfigSource[]> {
  const files = await listConfigFiles(dir, displayPath);
  return Promise.all(files.map(async (f) => decodeSource(displayPath(f), f, await readFile(f))));
}

async function timeLoad(dir: string, parser: YamlParser): Promise<{ ms: number; users: number }> {
  const started = performance.now();
  const state = await loadConfigSourcesAsync(await readSources(dir), { checkFixture: true, parser });
  return { ms: performance.now() - started, users: state.tenant.users.length };
}

/** `dialform validate -c <config>` through the built CLI, as users run it. */
function timeValidate(dir: string): Promise<{ wallMs: number; cpuMs: number }> {
  return timeCliCpu(['validate', '-c', dir], { cwd: ROOT });
}

async function measure(input: ConfigLoadInput): Promise<ConfigLoadMeasurement> {
  const files = await listConfigFiles(input.configPath, displayPath);
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const result: ConfigLoadMeasurement = { files: files.length, bytes: sizes.reduce((a, b) => a + b, 0), users: 0, fastMs: [], exactMs: [], validateMs: [], validateCpuMs: [] };
  for (let run = 0; run < input.runs; run++) {
    const fast = await timeLoad(input.configPath, 'fast');
    result.fastMs.push(fast.ms);
    result.users = fast.users;
    result.exactMs.push((await timeLoad(input.configPath, 'exact')).ms);
    const validate = await timeValidate(input.configPath);
    result.validateMs.push(validate.wallMs);
    result.validateCpuMs.push(validate.cpuMs);
  }
  return result;
}

const input = JSON.parse(process.argv[2] ?? '{}') as ConfigLoadInput;
process.stdout.write(`${JSON.stringify(await measure(input))}\n`);
