import { describe, expect, it } from 'vitest';
import { digestLive } from '../../src/plan/digest.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { codes, desiredState, heldNumber, liveOffice, liveState, liveUser, newOffice, NOW, office, planOf, steps, user } from '../support/builders.js';

describe('buildPlan', () => {
  it('fills basis, created_at and summary counts by kind', () => {
    const desired = desiredState({
      offices: [office('hq'), newOffice('sf', { licenses: { talk: 1 } })],
      users: [user('new@acme.com'), user('a@acme.com', { firstName: 'Ada' }), user('b@acme.com', { office: 'sf' })],
      policy: { unmanagedUsers: 'delete' },
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 5 } })],
      users: [liveUser('a@acme.com'), liveUser('b@acme.com'), liveUser('x@acme.com')],
    });
    const plan = planOf(desired, live);
    expect(plan.format_version).toBe(1);
    expect(plan.created_at).toBe(NOW.toISOString());
    expect(plan.basis).toEqual({ config_digest: 'sha256:config', live_digest: 'sha256:live' });
    // sf wants 1 talk license and no office has a declared surplus: a purchase (manual), which the move follows.
    expect(steps(plan)).toEqual([
      'create_office sf',
      'delete_user x@acme.com',
      'buy_licenses sf',
      'move_user b@acme.com',
      'create_user new@acme.com',
      'update_user a@acme.com',
    ]);
    expect(plan.summary).toEqual({ create: 2, update: 1, delete: 1, move: 1, manual: 1, blocked: false });
    expect(plan.operations.map((o) => o.source)).toEqual(['config', 'unmanaged', 'config', 'config', 'config', 'config']);
    expect(plan.operations[3]?.after).toContain('op-3');
  });

  it('gives a new company admin an update after the create', () => {
    const plan = planOf(desiredState({ users: [user('boss@acme.com', { admin: { company: true, offices: ['hq'] } })] }), liveState({}));
    expect(steps(plan)).toEqual(['create_user boss@acme.com', 'update_user boss@acme.com']);
    const update = plan.operations[1];
    expect(update?.kind === 'update_user' && update.patch).toEqual({ is_super_admin: true, admin_offices: [{ key: 'hq', id: 'id-hq', name: 'Acme hq' }] });
    expect(update?.after).toEqual(['op-1']);
  });

  it('patches emails for an email change matched through previous_emails', () => {
    const plan = planOf(desiredState({ users: [user('ada@acme.com', { firstName: 'old', previousEmails: ['old@acme.com'] })] }), liveState({ users: [liveUser('old@acme.com')] }));
    const op = plan.operations[0];
    expect(op?.kind === 'update_user' && op.patch).toEqual({ emails: ['ada@acme.com'] });
    expect(op?.target).toEqual({ type: 'user', email: 'ada@acme.com', id: 'u-old' });
  });

  it('a new office with no create block is blocked at plan time, with everything placed in it (issue 27 #3)', () => {
    const plan = planOf(desiredState({ offices: [office('hq'), office('ny', { source: 'dialform.yaml:7' })], users: [user('n@acme.com', { office: 'ny' })] }), liveState({}));
    expect(steps(plan)).toEqual(['create_office ny', 'create_user n@acme.com']);
    expect(plan.summary.blocked).toBe(true);
    expect(codes(plan)).toEqual(['error:office_create_missing', 'error:office_create_missing']);
    expect(plan.violations[0]?.message).toContain('its config entry (dialform.yaml:7) has no `create:` block');
    expect(plan.violations[0]?.message).toContain('Add offices.ny.create');
    expect(plan.violations[1]?.message).toContain('waits for op-1 (create office Acme ny (US)), which is blocked');
    expect(plan.operations[0]?.reversible).toBe('no');
  });

  it('creates a new office that has a create block', () => {
    const plan = planOf(desiredState({ offices: [office('hq'), newOffice('ny')] }), liveState({}));
    expect(steps(plan)).toEqual(['create_office ny']);
    expect(codes(plan)).toEqual([]);
  });

  it('sends a deleted user\'s numbers to the pool', () => {
    const live = liveState({ users: [liveUser('x@acme.com')], numbers: [heldNumber('+14155550100', 'x@acme.com')] });
    const plan = planOf(desiredState({ users: [], policy: { unmanagedUsers: 'delete' } }), live);
    expect(plan.pool).toEqual([{ number: '+14155550100', direction: 'in', user: 'x@acme.com', office: 'hq', operation_id: 'op-1' }]);
  });

  describe('analytics and proxy (class 3)', () => {
    const desired = desiredState({ users: [user('a@acme.com', { analytics: true, proxy: false, source: 'u.yaml:2' }), user('b@acme.com', { proxy: true })] });
    const live = liveState({ users: [liveUser('a@acme.com'), liveUser('b@acme.com')] });

    it('without a base or confirmations, plans a manual grant for every declared grant, none for a declared false (issue 14 #2)', () => {
      const plan = planOf(desired, live);
      expect(steps(plan)).toEqual(['grant_analytics a@acme.com', 'grant_proxy b@acme.com']);
      expect(plan.unverifiable).toEqual([]);
      expect(plan.operations.map((op) => op.step)).toEqual([
        { id: 'grant_analytics', verified_by: 'operator', state: 'pending' },
        { id: 'grant_proxy', verified_by: 'operator', state: 'pending' },
      ]);
    });

    it('against confirmations, plans only changes; several users of one kind share one bulk step (issue 14 #2)', () => {
      const three = desiredState({
        users: [user('a@acme.com', { analytics: true }), user('b@acme.com', { analytics: true }), user('c@acme.com', { analytics: false, proxy: true })],
      });
      const at = '2026-11-20T00:00:00Z';
      const confirmed = [
        { email: 'c@acme.com', attribute: 'analytics' as const, value: true, step: 'grant_analytics', at },
        { email: 'c@acme.com', attribute: 'proxy' as const, value: true, step: 'grant_proxy', at },
      ];
      const plan = buildPlan({ desired: three, live: liveState({ users: ['a', 'b', 'c'].map((n) => liveUser(`${n}@acme.com`)) }), changes: [], now: NOW, confirmed, configDigest: 'c', liveDigest: 'l' });
      expect(steps(plan)).toEqual(['grant_analytics a@acme.com', 'grant_analytics b@acme.com', 'revoke_analytics c@acme.com']);
      expect(new Set(plan.operations.map((op) => op.step?.id))).toEqual(new Set(['grant_analytics', 'revoke_analytics']));
    });

    it('says what each step does: a revoke never asks to add permissions, nor a proxy revoke to grant (issue 14 #2)', () => {
      const both = desiredState({ users: [user('a@acme.com', { analytics: false, proxy: false })] });
      const at = '2026-11-20T00:00:00Z';
      const confirmed = [
        { email: 'a@acme.com', attribute: 'analytics' as const, value: true, step: 'grant_analytics', at },
        { email: 'a@acme.com', attribute: 'proxy' as const, value: true, step: 'grant_proxy', at },
      ];
      const plan = buildPlan({ desired: both, live: liveState({ users: [liveUser('a@acme.com')] }), changes: [], now: NOW, confirmed, configDigest: 'c', liveDigest: 'l' });
      const notes = Object.fromEntries(plan.operations.map((op) => [op.kind, op.notes.join(' ')]));
      expect(notes['revoke_analytics']).toContain('Remove analytics permissions');
      expect(notes['revoke_analytics']).not.toMatch(/\bAdd\b/);
      expect(notes['revoke_proxy']).not.toMatch(/granted|needs? it/);
      expect(notes['revoke_proxy']).toContain('no longer be able to proxy');
    });

    it('with a base, plans manual grants and revokes for changed declarations', () => {
      const base = desiredState({ users: [user('a@acme.com', { analytics: false, proxy: true }), user('b@acme.com', { proxy: true })] });
      const plan = planOf(desired, live, base);
      expect(steps(plan)).toEqual(['grant_analytics a@acme.com', 'revoke_proxy a@acme.com']);
      expect(plan.operations.every((o) => o.manual)).toBe(true);
      expect(plan.operations[0]?.notes[0]).toContain('Charting Data, not Call History');
      expect(plan.summary.manual).toBe(2);
      expect(plan.unverifiable).toEqual([]);
    });
  });

  it('digestLive is stable across key order and changes with content', () => {
    const a = liveState({ users: [liveUser('a@acme.com')] });
    expect(digestLive(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digestLive({ ...a, tenant: { ...a.tenant, company: { accountType: 'pro', name: 'Acme', id: 'c1' } } })).toBe(digestLive(a));
    expect(digestLive(liveState({ users: [liveUser('b@acme.com')] }))).not.toBe(digestLive(a));
  });
});
