/**
 * The response fields Dialpad's OpenAPI description documents for each record `dialform doctor`
 * reads, by schema name: generated from `test/contract/dialpad-contract.json` (itself derived from
 * the official description by `scripts/derive-contract.ts`) and held to it by
 * `test/contract/documented-fields.test.ts`, which prints the table to paste when they differ.
 * Shipped in the package, unlike the contract, so doctor can name a field Dialpad sends that no
 * description knows.
 */
export const DOCUMENTED_FIELDS = {
  'schemas.company.CompanyProto': ['account_type', 'admin_email', 'country', 'domain', 'id', 'name', 'office_count', 'state'],
  'schemas.office.OfficeProto': ['availability_status', 'country', 'e911_address', 'first_action', 'friday_hours', 'id', 'is_primary_office', 'monday_hours', 'name', 'no_operators_action', 'office_id', 'office_settings', 'phone_numbers', 'ring_seconds', 'routing_options', 'saturday_hours', 'state', 'sunday_hours', 'thursday_hours', 'timezone', 'tuesday_hours', 'wednesday_hours'],
  'schemas.user.UserProto': ['admin_office_ids', 'company_id', 'country', 'date_active', 'date_added', 'date_first_login', 'display_name', 'do_not_disturb', 'duty_status_reason', 'duty_status_started', 'emails', 'extension', 'first_name', 'forwarding_numbers', 'group_details', 'id', 'image_url', 'international_dialing_enabled', 'is_admin', 'is_available', 'is_on_duty', 'is_online', 'is_super_admin', 'job_title', 'language', 'last_name', 'license', 'location', 'muted', 'office_id', 'on_duty_started', 'on_duty_status', 'phone_numbers', 'state', 'status_message', 'timezone'],
  'schemas.user.GroupDetailsProto': ['do_not_disturb', 'group_id', 'group_type', 'role'],
  'schemas.number.NumberProto': ['area_code', 'company_id', 'deleted', 'number', 'office_id', 'status', 'target_id', 'target_type', 'type'],
  'schemas.plan.PlanProto': ['additional_number_lines', 'balance', 'contact_center_lines', 'fax_lines', 'next_billing_date', 'ppu_address', 'room_lines', 'sell_lines', 'talk_lines', 'tollfree_additional_number_lines', 'tollfree_room_lines', 'tollfree_uberconference_lines', 'uberconference_lines'],
  'schemas.plan.AvailableLicensesProto': ['additional_number_lines', 'contact_center_lines', 'fax_lines', 'room_lines', 'sell_lines', 'talk_lines', 'tollfree_additional_number_lines', 'tollfree_room_lines', 'tollfree_uberconference_lines', 'uberconference_lines'],
  'schemas.group.DepartmentProto': ['auto_call_recording', 'availability_status', 'country', 'first_action', 'friday_hours', 'group_description', 'hold_queue', 'hours_on', 'id', 'monday_hours', 'name', 'no_operators_action', 'office_id', 'phone_numbers', 'ring_seconds', 'routing_options', 'saturday_hours', 'state', 'sunday_hours', 'thursday_hours', 'timezone', 'tuesday_hours', 'voice_intelligence', 'wednesday_hours'],
  'schemas.group.CallCenterProto': ['advanced_settings', 'alerts', 'availability_status', 'country', 'first_action', 'friday_hours', 'group_description', 'hold_queue', 'hours_on', 'id', 'monday_hours', 'name', 'no_operators_action', 'office_id', 'phone_numbers', 'ring_seconds', 'routing_options', 'saturday_hours', 'state', 'sunday_hours', 'thursday_hours', 'timezone', 'tuesday_hours', 'voice_intelligence', 'wednesday_hours'],
  'schemas.group.OperatorSkillLevelProto': ['call_center_id', 'skill_level', 'user_id'],
} as const satisfies Record<string, readonly string[]>;

export type DocumentedSchema = keyof typeof DOCUMENTED_FIELDS;
