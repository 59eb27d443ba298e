/** /api/v2/company and /api/v2/offices routes. */
import { badRequest } from './http-failure.js';
import { assertOfficeAccess, canSeeOffice } from './auth.js';
import { compareIds } from '../model/ids.js';
import { isSameOfficeName } from '../model/office-names.js';
import { paginate } from './pagination.js';
import { getCallingCode } from './phone.js';
import type { Route, RouteContext } from './router.js';
import { formatApiTime } from './store.js';
import type { FixtureOffice } from './types.js';
import { assertKnownFields, readBoolean, readQueryBoolean, readString, toAvailableLicensesProto, toCompanyProto, toOfficeProto, toPlanProto } from './wire.js';

const CREATE_OFFICE_FIELDS = [
  'name', 'country', 'currency', 'plan_period', 'annual_commit_monthly_billing', 'invoiced', 'unified_billing',
  'billing_address', 'billing_contact', 'e911_address', 'use_same_address', 'international_enabled', 'mainline_number',
  'timezone', 'first_action', 'no_operators_action', 'ring_seconds', 'hours_on', 'monday_hours', 'tuesday_hours',
  'wednesday_hours', 'thursday_hours', 'friday_hours', 'saturday_hours', 'sunday_hours', 'routing_options',
  'voice_intelligence', 'auto_call_recording', 'group_description',
] as const;
const CURRENCIES = ['AUD', 'CAD', 'EUR', 'GBP', 'JPY', 'NZD', 'USD'];
const E911_COUNTRIES = ['US', 'CA', 'AU', 'FR', 'GB', 'NZ'];

function requireObject(body: Record<string, unknown>, field: string, required: readonly string[]): Record<string, unknown> | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw badRequest(`${field} must be an object`);
  const obj = v as Record<string, unknown>;
  const missing = required.filter((k) => typeof obj[k] !== 'string' || obj[k] === '');
  if (missing.length > 0) throw badRequest(`${field} is missing ${missing.map((k) => `"${k}"`).join(', ')}`);
  return obj;
}

function requireValue<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw badRequest(`${field} is required`);
  return value;
}

/** POST /offices: validates a CreateOfficeMessage and creates a secondary office with no licenses. */
function createOffice(ctx: RouteContext): FixtureOffice {
  const b = ctx.body;
  assertKnownFields(b, CREATE_OFFICE_FIELDS, 'CreateOfficeMessage');
  const name = requireValue(readString(b, 'name'), 'name');
  if (name.trim() === '') throw badRequest('name must not be empty');
  const country = requireValue(readString(b, 'country'), 'country');
  if (!/^[A-Z]{2}$/.test(country) || getCallingCode(country) === undefined) throw badRequest(`country "${country}" is not a supported ISO country code`);
  const currency = requireValue(readString(b, 'currency'), 'currency');
  if (!CURRENCIES.includes(currency)) throw badRequest(`currency must be one of ${CURRENCIES.join(', ')}`);
  const period = requireValue(readString(b, 'plan_period'), 'plan_period');
  if (period !== 'monthly' && period !== 'yearly') throw badRequest('plan_period must be monthly or yearly');
  for (const f of ['annual_commit_monthly_billing', 'invoiced', 'unified_billing']) requireValue(readBoolean(b, f), f);
  requireValue(requireObject(b, 'billing_address', ['address_line_1', 'city', 'country', 'postal_code', 'region']), 'billing_address');
  const e911 = requireObject(b, 'e911_address', ['address', 'city', 'country', 'state', 'zip']);
  if (!e911 && E911_COUNTRIES.includes(country)) throw badRequest(`e911_address is required for offices in ${country}`);
  const ring = b['ring_seconds'];
  if (ring !== undefined && (!/^\d+$/.test(String(ring)) || Number(ring) < 10 || Number(ring) > 45)) throw badRequest('ring_seconds must be from 10 to 45');
  if (ctx.store.state.offices.some((o) => isSameOfficeName(o.name, name))) throw badRequest(`an office named "${name}" already exists`);

  const office: FixtureOffice = {
    id: ctx.store.mintId(),
    name,
    country: country.toLowerCase(),
    state: 'active',
    is_primary_office: false,
    licenses: {},
  };
  const timezone = readString(b, 'timezone');
  if (timezone) office['timezone'] = timezone;
  if (e911) office['e911_address'] = e911;
  if (ring !== undefined) office['ring_seconds'] = String(ring);
  office['date_added'] = formatApiTime(ctx.store.now());
  ctx.store.state.offices.push(office);
  ctx.store.touch();
  return office;
}

function getVisibleOffice(ctx: RouteContext): FixtureOffice {
  const id = ctx.params['office_id'] ?? ctx.params['id'] ?? '';
  const office = ctx.store.getOffice(id);
  assertOfficeAccess(ctx.principal, office.id);
  return office;
}

export const officeRoutes: Route[] = [
  { method: 'GET', template: '/api/v2/company', companyAdmin: true, handle: (ctx) => ({ body: toCompanyProto(ctx.store) }) },
  {
    method: 'GET',
    template: '/api/v2/offices',
    handle: (ctx) => {
      const activeOnly = readQueryBoolean(ctx.query, 'active_only') === true;
      const offices = ctx.store.state.offices
        .filter((o) => canSeeOffice(ctx.principal, o.id) && (!activeOnly || (o.state ?? 'active') === 'active'))
        .sort((a, b) => compareIds(a.id, b.id));
      const page = paginate(offices, { path: ctx.path, query: ctx.query, keyOf: (o) => o.id, compare: compareIds });
      return { body: { ...page, ...(page.items ? { items: page.items.map(toOfficeProto) } : {}) } };
    },
  },
  {
    method: 'POST',
    template: '/api/v2/offices',
    companyAdmin: true,
    handle: (ctx) => {
      const office = createOffice(ctx);
      return { body: { office: toOfficeProto(office), plan: toPlanProto(office) } };
    },
  },
  { method: 'GET', template: '/api/v2/offices/{id}', handle: (ctx) => ({ body: toOfficeProto(getVisibleOffice(ctx)) }) },
  { method: 'GET', template: '/api/v2/offices/{office_id}/plan', handle: (ctx) => ({ body: toPlanProto(getVisibleOffice(ctx)) }) },
  {
    method: 'GET',
    template: '/api/v2/offices/{office_id}/available_licenses',
    handle: (ctx) => ({ body: toAvailableLicensesProto(ctx.store, getVisibleOffice(ctx)) }),
  },
];
