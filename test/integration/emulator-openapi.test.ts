import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/emulator/api-routes.js';
import { itemsOf, startHarness, type Harness } from '../support/emulator-harness.js';

interface Spec {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

const spec = JSON.parse(readFileSync('/work/shared/dialpad-openapi/dialpad_api_spec.json', 'utf8')) as Spec;

function propertiesOf(schema: string): string[] {
  const s = spec.components.schemas[schema];
  if (!s?.properties) throw new Error(`schema ${schema} not in the spec`);
  return Object.keys(s.properties);
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('emulator against the official OpenAPI description', () => {
  it('answers only endpoints Dialpad has', () => {
    const missing = API_ROUTES.filter((r) => spec.paths[r.template]?.[r.method.toLowerCase()] === undefined).map((r) => `${r.method} ${r.template}`);
    expect(missing).toEqual([]);
    expect(API_ROUTES.length).toBe(52);
  });

  it.each([
    ['/users/101', 'schemas.user.UserProto'],
    ['/offices/10', 'schemas.office.OfficeProto'],
    ['/offices/10/plan', 'schemas.plan.PlanProto'],
    ['/offices/10/available_licenses', 'schemas.plan.AvailableLicensesProto'],
    ['/company', 'schemas.company.CompanyProto'],
    [`/numbers/${encodeURIComponent('+14155550101')}`, 'schemas.number.NumberProto'],
    ['/offices/10/e911', 'schemas.office.E911GetProto'],
    ['/users/101/e911', 'schemas.office.E911GetProto'],
  ])('GET %s returns only %s fields', async (path, schema) => {
    const res = await h.api('GET', path);
    expect(res.status).toBe(200);
    const extra = Object.keys(res.body).filter((k) => !propertiesOf(schema).includes(k));
    expect(extra).toEqual([]);
  });

  it('returns list items and collection keys the spec names', async () => {
    for (const [path, collection] of [
      ['/users?state=all', 'schemas.user.UserCollection'],
      ['/offices', 'schemas.office.OfficeCollection'],
      ['/numbers', 'schemas.number.NumberCollection'],
    ] as const) {
      const res = await h.api('GET', path);
      expect(Object.keys(res.body).every((k) => propertiesOf(collection).includes(k))).toBe(true);
      expect(itemsOf(res.body).length).toBeGreaterThan(0);
    }
  });
});
