/** Writing the embedded emulator's state file. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Fixture } from './types.js';

/** Writes `fixture` to `path` atomically (temp file in the same directory, then rename); returns the text written. */
export function writeStateFile(path: string, fixture: Fixture): string {
  mkdirSync(dirname(path), { recursive: true });
  const text = `${JSON.stringify(fixture, null, 2)}\n`;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return text;
}
