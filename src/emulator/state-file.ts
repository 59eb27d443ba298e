/**
 * A state file shared by processes: the embedded emulator of each `--emulator` command and the
 * console (`dialform emulator console`) serve the same `.dialform/emulator-state.json`. Each one
 * writes the file after every change and, before every request, takes the file's state if another
 * process wrote it since (`readIfChanged`), so a transfer made in the console is what a waiting
 * `apply` reads next, and the console never writes back a state older than an apply's.
 * Two writes at the same moment: the later one wins (a rehearsal tool, not a database).
 */
import { readFileSync } from 'node:fs';
import { writeStateFile } from './embedded-file.js';
import { parseFixture } from './fixture.js';
import type { Fixture } from './types.js';

export interface SharedStateFile {
  /** The file's state when its text differs from what this process last read or wrote; else undefined. */
  readIfChanged(): Fixture | undefined;
  /** Writes `fixture` atomically and remembers the text written. */
  write(fixture: Fixture): void;
}

export function openSharedStateFile(path: string): SharedStateFile {
  let known: string | undefined;
  return {
    readIfChanged() {
      const text = readFileSync(path, 'utf8');
      if (text === known) return undefined;
      known = text;
      return parseFixture(text, path);
    },
    write(fixture) {
      known = writeStateFile(path, fixture);
    },
  };
}
