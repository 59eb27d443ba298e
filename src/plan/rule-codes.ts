/** The rule codes a plan's violations carry (DESIGN.md §4, docs/rules.md), and a violation. */
export const RULE_CODES = [
  'price_level_mismatch',
  'plan_tier_required',
  'country_change_requires_ack',
  'insufficient_licenses',
  'too_many_deletions',
  'protected_user',
  'last_company_admin',
  'recently_deleted_user',
  'restore_window_expired',
  'number_conflict',
  'incomplete_live_read',
  'pending_user_number_loss',
  'department_operator_limit',
  'pending_user_not_operator',
  'group_id_not_found',
  'office_country_mismatch',
  'too_many_suspensions',
  'group_looks_renamed',
  'office_create_missing',
  'lifecycle_state_ignored',
  'no_safe_new_number',
  'e911_address_required',
  'e911_address_incomplete',
  'caller_id_not_held',
  'routing_target_not_found',
  'room_id_not_found',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export interface Violation {
  code: RuleCode;
  severity: 'error' | 'warning';
  /** Names the objects, the rule's source and the way out. */
  message: string;
  operation_ids: string[];
}
