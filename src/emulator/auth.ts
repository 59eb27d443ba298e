/**
 * API-key authentication: `Authorization: Bearer KEY` or `?apikey=KEY`. Without fixture
 * `api_keys` any non-empty key is a company-admin key; with them, only the listed keys work.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { HttpFailure, forbidden } from './http-failure.js';
import type { FixtureApiKey } from './types.js';

/** Who is calling: a company-admin key, or a key scoped to one office. */
export type Principal = { scope: 'company' } | { scope: 'office'; officeId: string };

/** Resolves the caller or throws 401. */
export function authenticate(headers: IncomingHttpHeaders, query: URLSearchParams, keys: readonly FixtureApiKey[] | undefined): Principal {
  const header = headers.authorization;
  const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const key = bearer ?? query.get('apikey') ?? '';
  if (key === '') throw new HttpFailure(401, 'missing API key: send Authorization: Bearer <key>');
  if (!keys) return { scope: 'company' };
  const found = keys.find((k) => k.key === key);
  if (!found) throw new HttpFailure(401, 'invalid API key');
  return found.scope === 'office' && found.office_id !== undefined ? { scope: 'office', officeId: found.office_id } : { scope: 'company' };
}

/** Throws 403 unless the caller holds a company-admin key. */
export function assertCompanyAdmin(p: Principal): void {
  if (p.scope !== 'company') throw forbidden('this endpoint requires a company admin API key');
}

/** Throws 403 when an office-scoped key reaches outside its office. */
export function assertOfficeAccess(p: Principal, officeId: string): void {
  if (p.scope === 'office' && p.officeId !== officeId) throw forbidden(`this API key is scoped to office ${p.officeId}`);
}

export function canSeeOffice(p: Principal, officeId: string): boolean {
  return p.scope === 'company' || p.officeId === officeId;
}
