import { compareCodeUnits } from '../model/compare.js';
import type { ConfigOwners } from '../model/config-owners.js';
import type { Plan } from '../plan/types.js';
import { describeOutsideReach, findOutsideReach, reachOf } from './blast-radius.js';
import { uniqueHandles } from './codeowners.js';

/** What a change's files own: the offices they declared (or declared users of) before it, and whether any is company-level. */
export interface OwnedByChange {
  offices: string[];
  company: boolean;
}

/** Marks a review whose plan reaches outside what the change owns; the action labels such a pull request. */
export const CROSS_OFFICE_MARKER = '<!-- dialform:cross-office -->';

/**
 * The offices and company parts the changed files own, from `owners` (the config before the change,
 * so a file that now names another office's user is still its old office's). `changed` and
 * `repoPath` are repository-relative paths.
 */
export function findOwnedByChange(owners: ConfigOwners, changed: readonly string[], repoPath: (abs: string) => string): OwnedByChange {
  const touched = new Set(changed);
  const parts = owners.files.filter((p) => touched.has(repoPath(p.file)));
  return {
    offices: [...new Set(parts.flatMap((p) => [...p.offices, ...p.groups.map((g) => g.office)]))].sort(compareCodeUnits),
    company: parts.some((p) => p.company),
  };
}

/**
 * The owners' review of a plan (pure, markdown): one section per office its operations touch, with
 * that office's owners and operations (by id and kind only under `redact`); then, when an operation reaches outside what the change owns
 * (`findOutsideReach`), which ones and whose approval they need, with `CROSS_OFFICE_MARKER`.
 */
export function renderOwnerReview(plan: Plan, owned: OwnedByChange, owners: ConfigOwners, options: { redact?: boolean } = {}): { markdown: string; crossOffice: boolean } {
  const redact = options.redact === true;
  const byOffice = new Map<string, string[]>();
  for (const op of plan.operations) for (const key of reachOf(op).offices) byOffice.set(key, [...(byOffice.get(key) ?? []), `${op.id} ${redact ? op.kind : op.summary}`]);
  const ownersOf = (key: string): string => uniqueHandles(owners.offices[key] ?? owners.company).join(' ') || 'no owners declared';
  const sections = [...byOffice.keys()].sort(compareCodeUnits).map((key) => [`#### Office \`${key}\` — ${ownersOf(key)}`, '', ...(byOffice.get(key) ?? []).map((l) => `- ${l}`), ''].join('\n'));
  const outside = findOutsideReach(plan.operations, owned.offices, owners).filter((o) => o.offices.length > 0 || !owned.company);
  const scope = owned.offices.length === 0 ? 'no office' : owned.offices.map((k) => `\`${k}\``).join(', ');
  const reach =
    outside.length === 0
      ? `Every operation stays inside what this change's files own (${scope}).\n`
      : [CROSS_OFFICE_MARKER, `#### ⚠️ Operations reaching outside what this change's files own (${scope})`, '', ...describeOutsideReach(outside, redact).map((l) => `- ${l}`), ''].join('\n');
  return { markdown: ['### Owners', '', ...sections, reach].join('\n'), crossOffice: outside.length > 0 };
}
