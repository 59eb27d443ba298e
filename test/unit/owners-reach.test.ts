import { describe, expect, it } from 'vitest';
import type { ConfigOwners } from '../../src/model/config-owners.js';
import type { Operation } from '../../src/plan/types.js';
import { findOutsideReach, reachOf } from '../../src/owners/blast-radius.js';
import { renderScopeReach } from '../../src/owners/render-reach.js';
import { CROSS_OFFICE_MARKER, findOwnedByChange, renderOwnerReview } from '../../src/owners/render-review.js';
import { cutToScope, parseScope } from '../../src/owners/scope-plan.js';
import { desiredState, liveOffice, liveState, liveUser, office, planOf, user } from '../support/builders.js';

const OWNERS: ConfigOwners = { company: ['@acme/it'], offices: { london: ['@acme/london-admins'], ny: ['@acme/nyc-admins'] }, groups: {}, files: [] };
const OFFICES = [office('london', { licenses: { talk: 5 } }), office('ny', { licenses: { talk: 5 } }), office('berlin')];
const LIVE_OFFICES = [liveOffice('london', { licenses: { talk: 5 }, available: { talk: 3 } }), liveOffice('ny', { licenses: { talk: 5 }, available: { talk: 3 } }), liveOffice('berlin')];

describe('what an operation reaches (issue 30)', () => {
  const desired = desiredState({
    offices: OFFICES,
    users: [
      user('ada@acme.com', { office: 'ny' }),
      user('bob@acme.com', { office: 'london', firstName: 'Robert' }),
      user('cy@acme.com', { office: 'london', admin: { company: true, offices: [] } }),
    ],
  });
  const live = liveState({
    offices: LIVE_OFFICES,
    users: [liveUser('ada@acme.com', { office: 'london' }), liveUser('bob@acme.com', { office: 'london' }), liveUser('cy@acme.com', { office: 'london' })],
  });
  const plan = planOf(desired, live);
  const byUser = (email: string) => plan.operations.filter((op) => op.target.type === 'user' && op.target.email === email);

  it('a move touches both offices, a rename its own, a company admin grant the company', () => {
    expect(byUser('ada@acme.com').map((op) => [op.kind, reachOf(op)])).toEqual([['move_user', { offices: ['london', 'ny'], company: false }]]);
    expect(byUser('bob@acme.com').map((op) => reachOf(op))).toEqual([{ offices: ['london'], company: false }]);
    expect(byUser('cy@acme.com').map((op) => reachOf(op))).toEqual([{ offices: ['london'], company: true }]);
  });

  it('names the operations reaching outside London with the owners they need too', () => {
    const outside = findOutsideReach(plan.operations, ['london'], OWNERS);
    expect(outside.map((o) => [o.kind, o.offices, o.company, o.owners])).toEqual([
      ['move_user', ['ny'], false, ['@acme/nyc-admins']],
      ['update_user', [], true, ['@acme/it']],
    ]);
    expect(findOutsideReach(plan.operations, ['london', 'ny'], OWNERS).map((o) => o.kind)).toEqual(['update_user']);
    const text = renderScopeReach(plan, { offices: ['london'] }, OWNERS);
    expect(text).toContain('reaches office ny; needs approval of @acme/nyc-admins');
    expect(text).toContain('reaches the company; needs approval of @acme/it');
  });
});

describe('a license transfer', () => {
  it('touches both offices, and needs the giving office’s owners from the receiving side', () => {
    const ref = (key: string) => ({ key, id: `id-${key}`, name: `Acme ${key}` });
    const transfer: Operation = {
      kind: 'transfer_licenses', id: 'op-1', target: { type: 'office', ...ref('london') }, changes: [], manual: true, reversible: 'yes', source: 'dialform.yaml:3',
      after: [], summary: 'transfer 2 talk licenses from Acme ny to Acme london', notes: [], office_key: 'london', line: 'talk', count: 2, from: ref('ny'), to: ref('london'), to_purchased_after: 7,
    };
    expect(reachOf(transfer)).toEqual({ offices: ['london', 'ny'], company: false });
    expect(findOutsideReach([transfer], ['london'], OWNERS).map((o) => o.owners)).toEqual([['@acme/nyc-admins']]);
  });
});

describe('cutting a plan to a scope', () => {
  it('keeps users moving in or out, drops other offices’ users and license counts on both sides', () => {
    const desired = desiredState({
      offices: OFFICES,
      users: [user('ada@acme.com', { office: 'ny' }), user('bob@acme.com', { office: 'ny' }), user('eve@acme.com', { office: 'berlin' })],
    });
    const live = liveState({
      offices: LIVE_OFFICES,
      users: [liveUser('ada@acme.com', { office: 'london' }), liveUser('bob@acme.com', { office: 'ny' }), liveUser('old@acme.com', { office: 'ny' })],
    });
    const cut = cutToScope(desired, live, parseScope(['office:london'], desired));
    expect(cut.desired.tenant.users.map((u) => u.email)).toEqual(['ada@acme.com']);
    expect(cut.live.tenant.users.map((u) => u.email)).toEqual(['ada@acme.com']);
    expect(cut.desired.tenant.offices.map((o) => [o.key, o.licenses])).toEqual([['london', { talk: 5 }], ['ny', {}], ['berlin', {}]]);
  });

  it('refuses a scope that is not office:KEY of the config', () => {
    const desired = desiredState({ offices: OFFICES });
    expect(() => parseScope(['office:paris'], desired)).toThrow(/no office "paris"/);
    expect(() => parseScope(['london'], desired)).toThrow(/write office:KEY/);
  });
});

describe('the owners’ review of a pull request’s plan', () => {
  const parts = (file: string, offices: string[], company = false) => ({ file, offices, groups: [], company });
  const before: ConfigOwners = { ...OWNERS, files: [parts('/r/users/london.yaml', ['london']), parts('/r/users/ny.yaml', ['ny']), parts('/r/dialform.yaml', ['berlin', 'london', 'ny'], true)] };
  const repoPath = (abs: string) => abs.slice('/r/'.length);
  const desired = desiredState({ offices: OFFICES, users: [user('ada@acme.com', { office: 'ny' })] });
  const plan = planOf(desired, liveState({ offices: LIVE_OFFICES, users: [liveUser('ada@acme.com', { office: 'london' })] }));

  it('counts what the changed files owned before the change', () => {
    expect(findOwnedByChange(before, ['users/london.yaml', 'README.md'], repoPath)).toEqual({ offices: ['london'], company: false });
    expect(findOwnedByChange(before, ['dialform.yaml'], repoPath)).toEqual({ offices: ['berlin', 'london', 'ny'], company: true });
  });

  it('a move out of the offices the change owns is cross-office; owning both sides is not', () => {
    const london = renderOwnerReview(plan, { offices: ['london'], company: false }, OWNERS);
    expect(london.crossOffice).toBe(true);
    expect(london.markdown).toContain(CROSS_OFFICE_MARKER);
    expect(london.markdown).toContain('#### Office `london` — @acme/london-admins');
    expect(london.markdown).toContain('#### Office `ny` — @acme/nyc-admins');
    const both = renderOwnerReview(plan, { offices: ['london', 'ny'], company: false }, OWNERS);
    expect(both.crossOffice).toBe(false);
    expect(both.markdown).not.toContain(CROSS_OFFICE_MARKER);
    const redacted = renderOwnerReview(plan, { offices: ['london'], company: false }, OWNERS, { redact: true });
    expect(redacted.markdown).not.toContain('ada@acme.com');
  });
});
