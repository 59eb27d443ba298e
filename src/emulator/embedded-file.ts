/** Writing the embedded emulator's state file. */
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Fixture } from './types.js';

/** What identifies one version of a state file on disk: inode, size and modification time. */
export function readFileVersion(path: string): string {
  const st = statSync(path, { bigint: true });
  return `${st.ino}:${st.size}:${st.mtimeNs}`;
}

/**
 * Writes `fixture` to `path` atomically (temp file in the same directory, then rename); returns the
 * text written and the file's version (`readFileVersion`, taken before the rename, so it is this
 * write's even when another process writes right after).
 */
export function writeStateFileVersion(path: string, fixture: Fixture): { text: string; version: string } {
  mkdirSync(dirname(path), { recursive: true });
  const text = `${JSON.stringify(fixture, null, 2)}\n`;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  const version = readFileVersion(tmp);
  renameSync(tmp, path);
  return { text, version };
}

/** Writes `fixture` to `path` atomically (temp file in the same directory, then rename). */
export function writeStateFile(path: string, fixture: Fixture): void {
  writeStateFileVersion(path, fixture);
}
