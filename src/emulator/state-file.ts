/**
 * A state file shared by processes: the embedded emulator of each `--emulator` command and the
 * console (`dialform emulator console`) serve the same `.dialform/emulator-state.json`. Each one
 * writes the file after every change and, before every request, takes the file's state if another
 * process wrote it since (`readIfChanged`), so a transfer made in the console is what a waiting
 * `apply` reads next, and the console never writes back a state older than an apply's.
 * Two writes at the same moment: the later one wins (a rehearsal tool, not a database).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFileVersion, writeStateFileVersion } from './embedded-file.js';
import { parseFixture } from './fixture.js';
import type { Fixture } from './types.js';

export interface SharedStateFile {
  /** The file's state when another process wrote it since this one last read or wrote it; else undefined. */
  readIfChanged(): Fixture | undefined;
  /** Writes `fixture` atomically and remembers it as the version this process knows. */
  write(fixture: Fixture): void;
}

/**
 * Opens `path`, taking its current content as known (the caller has just loaded or seeded it).
 * Every write renames a new file into place, so a write by anyone shows as another version
 * (inode, size, time): a request reads the file only when its version differs from the last one
 * known, and parses it only when its text differs too, so large states stay cheap.
 */
export function openSharedStateFile(path: string): SharedStateFile {
  let knownVersion = existsSync(path) ? readFileVersion(path) : undefined;
  let knownText = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  return {
    readIfChanged() {
      const version = readFileVersion(path);
      if (version === knownVersion) return undefined;
      knownVersion = version;
      const text = readFileSync(path, 'utf8');
      if (text === knownText) return undefined;
      knownText = text;
      return parseFixture(text, path);
    },
    write(fixture) {
      ({ text: knownText, version: knownVersion } = writeStateFileVersion(path, fixture));
    },
  };
}
