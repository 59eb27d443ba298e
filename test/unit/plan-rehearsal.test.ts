import { describe, expect, it } from 'vitest';
import { diffTenant } from '../../src/diff/index.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { describeRehearsalCommands } from '../../src/plan/rehearsal.js';
import { operation } from '../../src/plan/operations.js';
import { desiredState, liveState, liveUser, NOW, user } from '../support/builders.js';

describe('rehearsal notes with --emulator (issue 14 #7)', () => {
  it('names the emulator do command in a manual step\'s notes only when rehearsing (issue 14 #7)', () => {
    const desired = desiredState({ users: [user('back@acme.com')] });
    const live = liveState({ users: [liveUser('back@acme.com', { state: 'deleted', deletedAt: '2026-11-25T09:00:00Z' })] });
    const plan = (rehearsal?: { config?: string }) =>
      buildPlan({ desired, live, changes: diffTenant(desired, live), now: NOW, configDigest: 'c', liveDigest: 'l', ...(rehearsal === undefined ? {} : { rehearsal }) });
    expect(plan().operations[0]?.notes.join('\n')).not.toContain('emulator do');
    expect(plan({}).operations[0]?.notes).toContain('Rehearsing with --emulator: do it with `dialform emulator do restore-user back@acme.com`.');
  });

  it('addresses every manual kind by email or office key, and no API operation (issue 14 #7)', () => {
    const hq = { key: 'hq', name: 'Acme HQ', id: '1' };
    const ldn = { key: 'london', name: 'Acme London', id: '2' };
    const transfer = operation.transferLicenses({ line: 'sell', count: 2, from: hq, to: ldn, toPurchasedAfter: 3, source: 's' });
    expect(describeRehearsalCommands([transfer], { config: 'company' })).toEqual(['dialform emulator do transfer-licenses --from hq --to london --kind sell --count 2 -c company']);
    expect(describeRehearsalCommands([operation.revokeProxy({ email: 'a@acme.com', source: 's' })], {})).toEqual(['dialform emulator do revoke-proxy a@acme.com', 'dialform confirm revoke_proxy']);
    expect(describeRehearsalCommands([operation.grantAnalytics({ email: 'a@acme.com', source: 's' })], { config: 'company' })).toEqual([
      'dialform emulator do grant-analytics a@acme.com',
      'dialform confirm grant_analytics -c company',
    ]);
    expect(describeRehearsalCommands([operation.deleteUser({ email: 'a@acme.com', source: 's', restorableUntil: undefined })], {})).toEqual([]);
  });

  it('the hint of a bulk analytics step names every user of it and confirms the whole step, on each of its operations (issue 27 #7)', () => {
    const emails = ['a@acme.com', 'b@acme.com', 'c@acme.com', 'd@acme.com'];
    const desired = desiredState({ users: emails.map((e) => user(e, { analytics: true })) });
    const live = liveState({ users: emails.map((e) => liveUser(e)) });
    const plan = buildPlan({ desired, live, changes: diffTenant(desired, live), now: NOW, configDigest: 'c', liveDigest: 'l', rehearsal: { config: 'company' } });
    const grants = plan.operations.filter((op) => op.kind === 'grant_analytics');
    expect(grants).toHaveLength(4);
    for (const op of grants) {
      expect(op.notes).toContain(
        'Rehearsing with --emulator: do it with `dialform emulator do grant-analytics a@acme.com b@acme.com c@acme.com d@acme.com`, then `dialform confirm grant_analytics -c company`.',
      );
    }
  });
});
