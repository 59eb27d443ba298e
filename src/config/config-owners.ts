import { compareCodeUnits } from '../model/compare.js';
import type { ConfigOwners } from '../model/config-owners.js';
import type { MergedConfig } from './merge-files.js';

/** Top-level sections that belong to the company owners. */
const COMPANY_SECTIONS = ['company', 'policy', 'reserved_numbers', 'emulator'] as const;

/** Reads the owners and each file's parts from a valid merged config; `files` are all files read (absolute). */
export function readConfigOwners(config: MergedConfig, files: readonly string[]): ConfigOwners {
  const raw = config.raw;
  const parts = new Map(files.map((file) => [file, { offices: new Set<string>(), groups: new Map<string, string>(), company: false }]));
  const partOf = (path: (string | number)[]) => parts.get(config.origin(path).file.source.abs);

  for (const section of COMPANY_SECTIONS) {
    for (const key of Object.keys(raw[section] ?? {})) {
      const part = partOf([section, key]);
      if (part) part.company = true;
    }
  }
  for (const key of Object.keys(raw.offices ?? {})) partOf(['offices', key])?.offices.add(key);
  (raw.users ?? []).forEach((user, i) => partOf(['users', i])?.offices.add(user.office));
  for (const section of ['departments', 'call_centers'] as const) {
    for (const [key, group] of Object.entries(raw[section] ?? {})) partOf([section, key])?.groups.set(key, group.office);
  }

  const ownersOf = <T extends { owners?: string[] }>(entries: Record<string, T> | undefined): Record<string, string[]> =>
    Object.fromEntries(Object.entries(entries ?? {}).flatMap(([key, e]) => (e.owners === undefined ? [] : [[key, [...e.owners]]])));
  return {
    company: [...(raw.company?.owners ?? [])],
    offices: ownersOf(raw.offices),
    groups: { ...ownersOf(raw.departments), ...ownersOf(raw.call_centers) },
    files: [...parts].map(([file, p]) => ({
      file,
      offices: [...p.offices].sort(compareCodeUnits),
      groups: [...p.groups].map(([key, office]) => ({ key, office })).sort((a, b) => compareCodeUnits(a.key, b.key)),
      company: p.company,
    })),
  };
}
