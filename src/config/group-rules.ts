/**
 * Semantic rules for `departments:`, `call_centers:` and users' memberships (docs/groups.md).
 * Roles and skill ranges are the schema's; these rules check what needs the whole config.
 */
import { DEFAULT_USER_LICENSE } from '../model/license-lines.js';
import type { Problem } from '../errors.js';
import { AGENT_LICENSES, GROUP_LABELS, MAX_DEPARTMENT_OPERATORS, GROUP_CONFIG_KEY, groupNameOf, isAgentLicense } from '../model/groups.js';
import type { GroupType } from '../model/tenant.js';
import type { MergedConfig } from './merge-files.js';
import { name, problemAt, where } from './problem-at.js';
import type { PathSegment } from './yaml-file.js';

const SECTION = GROUP_CONFIG_KEY;

/** Every group rule, in order. */
export function checkGroups(config: MergedConfig): Problem[] {
  return [...checkGroupOffices(config), ...checkGroupKeys(config), ...checkMembershipReferences(config), ...checkDepartmentSize(config), ...checkAgentLicenses(config)];
}

function entriesOf(config: MergedConfig, type: GroupType): [string, Record<string, unknown>][] {
  return Object.entries((config.raw[SECTION[type]] ?? {}) as unknown as Record<string, Record<string, unknown> | null>).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? [[k, v] as [string, Record<string, unknown>]] : [],
  );
}

/** A group's `office` names a declared office. */
function checkGroupOffices(config: MergedConfig): Problem[] {
  const declared = Object.keys(config.raw.offices ?? {}).sort();
  const problems: Problem[] = [];
  for (const type of ['department', 'call_center'] as const) {
    for (const [key, group] of entriesOf(config, type)) {
      const office = group.office;
      if (typeof office !== 'string' || declared.includes(office)) continue;
      const path = [SECTION[type], key, 'office'];
      problems.push(problemAt(config, path, `${name(config, path)} "${office}" is not a declared office (declared: ${declared.join(', ') || 'none'})`));
    }
  }
  return problems;
}

/**
 * Users name groups by key without their type, so a key is either a department or a call center;
 * and live groups without a pinned `id` are matched by type, office and name, so that triple names
 * one such entry. Pinned entries are matched by id: Dialpad allows two groups of one name in an
 * office, and import pins both.
 */
function checkGroupKeys(config: MergedConfig): Problem[] {
  const departments = new Set(entriesOf(config, 'department').map(([k]) => k));
  const problems = entriesOf(config, 'call_center')
    .filter(([key]) => departments.has(key))
    .map(([key]) =>
      problemAt(config, [SECTION.call_center, key], `call center "${key}" has the key of department "${key}" (${where(config, [SECTION.department, key])}): group keys are unique across departments and call_centers`),
    );
  for (const type of ['department', 'call_center'] as const) {
    const seen = new Map<string, string>();
    for (const [key, group] of entriesOf(config, type)) {
      if (typeof group.name !== 'string' || typeof group.office !== 'string' || group.id !== undefined) continue;
      const identity = `${group.office}\u0000${groupNameOf(group.name)}`;
      const first = seen.get(identity);
      if (first === undefined) {
        seen.set(identity, key);
        continue;
      }
      problems.push(
        problemAt(config, [SECTION[type], key, 'name'], `${GROUP_LABELS[type]} "${key}" has the same name "${group.name}" in office ${group.office} as "${first}" (${where(config, [SECTION[type], first, 'name'])}): live groups are matched by name within an office, so it must be unique there among groups without an id (pin each with id: to keep both)`),
      );
    }
  }
  return problems;
}

/** A user's `departments:` names declared departments, `call_centers:` declared call centers. */
function checkMembershipReferences(config: MergedConfig): Problem[] {
  const declared: Record<GroupType, string[]> = {
    department: entriesOf(config, 'department').map(([k]) => k).sort(),
    call_center: entriesOf(config, 'call_center').map(([k]) => k).sort(),
  };
  const problems: Problem[] = [];
  (config.raw.users ?? []).forEach((user, i) => {
    for (const type of ['department', 'call_center'] as const) {
      const memberships = user[SECTION[type]];
      if (memberships === undefined) continue;
      const other: GroupType = type === 'department' ? 'call_center' : 'department';
      for (const key of Object.keys(memberships)) {
        if (declared[type].includes(key)) continue;
        const path = ['users', i, SECTION[type], key];
        const hint = declared[other].includes(key)
          ? `; "${key}" is a ${GROUP_LABELS[other]}: list it under ${SECTION[other]}`
          : ` (declared: ${declared[type].join(', ') || 'none'})`;
        problems.push(problemAt(config, path, `${name(config, path)}: "${key}" is not a declared ${GROUP_LABELS[type]}${hint}`));
      }
    }
  });
  return problems;
}

/** At most `MAX_DEPARTMENT_OPERATORS` users (not leaving) in one department. */
function checkDepartmentSize(config: MergedConfig): Problem[] {
  const members = new Map<string, PathSegment[][]>();
  (config.raw.users ?? []).forEach((user, i) => {
    if (user.state === 'deleted') return;
    for (const key in user.departments) {
      const paths = members.get(key);
      if (paths === undefined) members.set(key, [['users', i, 'departments', key]]);
      else paths.push(['users', i, 'departments', key]);
    }
  });
  return [...members].flatMap(([key, paths]) => {
    const extra = paths[MAX_DEPARTMENT_OPERATORS];
    if (extra === undefined) return [];
    return [
      problemAt(
        config,
        extra,
        `department "${key}" has ${paths.length} operators in config; Dialpad allows at most ${MAX_DEPARTMENT_OPERATORS} (help: Assign Operators to Departments). Move some to another department or a call center`,
      ),
    ];
  });
}

/**
 * A call-center operator holds an agent license: adding a user with another license makes Dialpad
 * switch it (`AddCallCenterOperatorMessage.license_type`), which config would then undo.
 */
function checkAgentLicenses(config: MergedConfig): Problem[] {
  const problems: Problem[] = [];
  (config.raw.users ?? []).forEach((user, i) => {
    if (user.state === 'deleted' || user.call_centers === undefined || Object.keys(user.call_centers).length === 0) return;
    const license = user.license ?? DEFAULT_USER_LICENSE;
    if (isAgentLicense(license)) return;
    const path: PathSegment[] = user.license === undefined ? ['users', i, 'call_centers'] : ['users', i, 'license'];
    problems.push(
      problemAt(
        config,
        path,
        `${user.email ?? `users[${i}]`} operates in a call center, so their license is ${AGENT_LICENSES.join(' or ')} (Dialpad switches any other license when adding an operator), not ${license}: write license: agents`,
      ),
    );
  });
  return problems;
}
