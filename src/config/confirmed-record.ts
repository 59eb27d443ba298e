/**
 * The confirmations file: `dialform-confirmed.json`, kept with the config in git (in a config
 * directory, or beside a config file), so that what an operator confirmed (`dialform confirm`)
 * is known to every later run, a fresh CI checkout included, without apply needing to write to
 * git. It is not config: it is not part of the config digest (confirming does not make a saved
 * plan "another config"), and the directory walk does not read it (it is not YAML).
 *
 * Format (docs/manual-steps.md): `{ "format_version": 1, "confirmed": [ConfirmedGrant…] }`, one
 * entry per user and attribute, sorted by email then attribute, so a confirmation is a one-line
 * change in review.
 */
import { stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DialformError } from '../errors.js';
import { readUserText, UserFileError } from '../read-user-file.js';
import { compareCodeUnits } from '../model/compare.js';
import { isConfirmedAfter, type ConfirmedGrant } from '../model/confirmed-grants.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { displayPath } from './load-config.js';

export const CONFIRMED_FILE = 'dialform-confirmed.json';
const FORMAT_VERSION = 1;

/** The confirmations of a config: `grants` is `undefined` when there is no file yet. */
export interface ConfirmedRecord {
  path: string;
  grants: ConfirmedGrant[] | undefined;
}

/** Where the confirmations of the config at `configPath` (a file or a directory) live. */
async function locateConfirmed(configPath: string): Promise<string> {
  const abs = resolve(configPath);
  const isDir = (await stat(abs)).isDirectory();
  return join(isDir ? abs : dirname(abs), CONFIRMED_FILE);
}

function invalid(path: string, problem: string): DialformError {
  return new DialformError('confirmed_invalid', `${displayPath(path)}: ${problem}. Fix or remove the file (git log shows who changed it last).`);
}

/** Reads the confirmations of the config at `configPath`; a missing file is no record. */
export async function readConfirmed(configPath: string): Promise<ConfirmedRecord> {
  const path = await locateConfirmed(configPath);
  let text: string;
  try {
    text = await readUserText(path, { what: 'confirmations file' });
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    if (e.reason === 'missing') return { path, grants: undefined };
    throw invalid(path, e.problem);
  }
  let doc: unknown;
  try {
    // A byte-order mark is how some Windows editors save UTF-8; it is not part of the JSON.
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalid(path, `not JSON (${(e as Error).message})`);
  }
  return { path, grants: parseConfirmed(path, doc) };
}

function parseConfirmed(path: string, doc: unknown): ConfirmedGrant[] {
  const d = doc as { format_version?: unknown; confirmed?: unknown } | null;
  if (typeof d !== 'object' || d === null || d.format_version !== FORMAT_VERSION) throw invalid(path, `format_version must be ${FORMAT_VERSION}`);
  if (!Array.isArray(d.confirmed)) throw invalid(path, '"confirmed" must be a list');
  return d.confirmed.map((entry, i) => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Partial<ConfirmedGrant>;
    const { email, attribute, value, step, at } = e;
    if (
      typeof email !== 'string' || !email.includes('@') || (attribute !== 'analytics' && attribute !== 'proxy') ||
      typeof value !== 'boolean' || typeof step !== 'string' || typeof at !== 'string'
    ) {
      throw invalid(path, `/confirmed/${i} must have email, attribute (analytics or proxy), value (true or false), step and at`);
    }
    if (!isTimestamp(at)) throw invalid(path, `/confirmed/${i}/at must be a timestamp such as 2026-11-20T09:30:00Z (RFC 3339), not ${JSON.stringify(at)}`);
    return { email: email.toLowerCase(), attribute, value, step, at };
  });
}

/** An RFC 3339 date-time with its offset (ajv-formats' `date-time`, which also refuses 2026-02-31). */
const DATE_TIME = fullFormats['date-time'] as { validate: (text: string) => boolean };

function isTimestamp(text: string): boolean {
  return DATE_TIME.validate(text);
}

/**
 * The record with `added` confirmations: one entry per user and attribute, sorted. Of the entries
 * already there, the newest `at` is kept (as `findConfirmed` reads them); an added one replaces it,
 * as it is what the operator has just confirmed. Pure, so `dialform confirm` can show what it writes.
 */
export function mergeConfirmed(existing: readonly ConfirmedGrant[], added: readonly ConfirmedGrant[]): ConfirmedGrant[] {
  const byKey = new Map<string, ConfirmedGrant>();
  for (const g of existing) {
    const key = `${g.email}\u0000${g.attribute}`;
    const kept = byKey.get(key);
    if (kept === undefined || isConfirmedAfter(g, kept)) byKey.set(key, g);
  }
  for (const g of added) byKey.set(`${g.email}\u0000${g.attribute}`, g);
  return [...byKey.values()].sort((a, b) => compareCodeUnits(a.email, b.email) || compareCodeUnits(a.attribute, b.attribute));
}

/** Writes the record: one entry per line, so each confirmation is one line in a diff. */
export async function writeConfirmed(path: string, grants: readonly ConfirmedGrant[]): Promise<void> {
  const lines = grants.map((g) => `    ${JSON.stringify({ email: g.email, attribute: g.attribute, value: g.value, step: g.step, at: g.at })}`);
  const body = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  await writeFile(path, `{\n  "format_version": ${FORMAT_VERSION},\n  "confirmed": ${body}\n}\n`);
}
