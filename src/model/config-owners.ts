/**
 * Who reviews which part of the config (docs/owners.md): GitHub users (`@handle`) and teams
 * (`@org/team`) declared as `company.owners`, `offices.<key>.owners`, `departments.<key>.owners` and
 * `call_centers.<key>.owners`. A fact about the repository, never sent to Dialpad: the differ does
 * not see it.
 */
export interface ConfigOwners {
  /** `company.owners`: company admins, policy (caps, protected users, lifecycle), the reserved pool. */
  company: string[];
  /** Office key → its owners; offices that declare none are absent. */
  offices: Record<string, string[]>;
  /** Department or call-center key → its owners; groups that declare none are absent. */
  groups: Record<string, string[]>;
  /** What each config file declares, one entry per file in load order. */
  files: ConfigFileParts[];
}

/** The parts of the config one file declares, by key. */
export interface ConfigFileParts {
  /** Absolute path. */
  file: string;
  /** Offices the file declares (`offices.<key>`) or declares users of, sorted. */
  offices: string[];
  /** Departments and call centers the file declares, with the office each belongs to, sorted by key. */
  groups: { key: string; office: string }[];
  /** True when the file declares any of `company`, `policy`, `reserved_numbers`, `emulator`. */
  company: boolean;
}
