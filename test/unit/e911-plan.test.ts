import { describe, expect, it } from 'vitest';
import { choosePlanReads } from '../../src/plan/choose-live-reads.js';
import { digestConfig } from '../../src/config/digest.js';
import { desiredState, digestedPlanOf, liveOffice, liveState, liveUser, office, user } from '../support/builders.js';
import { e911Plan } from '../support/plan-samples.js';

const hq = { address: '1 Market St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' };
const home = { address: '9 Elm Rd', city: 'Oakland', state: 'CA', zip: '94601', country: 'US' };

describe('E911 addresses in a plan (issue 29)', () => {
  it('shows whose address changes, before → after, and sends the address config gives', () => {
    const plan = e911Plan();
    const whose = plan.operations.map((op) => `${op.kind} ${op.target.type === 'user' ? op.target.email : op.target.type === 'office' ? op.target.key : ''}`);
    expect(whose.sort()).toEqual(['update_office_e911 hq', 'update_user_e911 ada@acme.com']);
    const office = plan.operations.find((op) => op.kind === 'update_office_e911');
    expect(office?.changes).toEqual([{ field: 'e911_address', from: '1 Market St, San Francisco, ca 94105, US', to: '500 Howard St, San Francisco, CA 94105, US' }]);
    expect(office?.kind === 'update_office_e911' && office.e911_address).toEqual({ address: '500 Howard St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' });
    expect(plan.summary).toMatchObject({ update: 2, blocked: false });
  });

  it('is no change when Dialpad holds the same address in another case or spacing, or without an empty address2', () => {
    const desired = desiredState({ offices: [office('hq', { name: 'Acme HQ', e911: { ...hq, address2: '' } })], users: [user('ada@acme.com', { e911: home })] });
    const live = liveState({
      offices: [liveOffice('hq', { id: '5001', name: 'Acme HQ', e911: { ...hq, address: '1  MARKET ST', city: 'san francisco', state: 'ca' } })],
      users: [liveUser('ada@acme.com', { e911: { ...home, city: 'OAKLAND ' } })],
    });
    expect(digestedPlanOf(desired, live).operations).toEqual([]);
  });

  it('sends no incomplete address: the user keeps theirs, and the rule warns', () => {
    const desired = desiredState({ offices: [office('hq', { name: 'Acme HQ', country: 'US', e911: hq })], users: [user('ada@acme.com', { e911: { address: '9 Elm Rd', city: 'Oakland' } })] });
    const live = liveState({ offices: [liveOffice('hq', { id: '5001', name: 'Acme HQ', country: 'US', e911: hq })], users: [liveUser('ada@acme.com', { e911: hq })] });
    const plan = digestedPlanOf(desired, live);
    expect(plan.operations).toEqual([]);
    expect(plan.violations.map((v) => [v.code, v.severity])).toEqual([['e911_address_incomplete', 'warning']]);
    expect(plan.violations[0]?.message).toContain('has no state, zip');
  });

  it('reads the addresses config declares complete, and none when it declares none', () => {
    const live = liveState({ offices: [liveOffice('hq', { id: '5001', name: 'Acme HQ' })], users: [liveUser('ada@acme.com', { id: '11' }), liveUser('bob@acme.com', { id: '12' })] });
    const none = desiredState({ offices: [office('hq', { name: 'Acme HQ' })], users: [user('ada@acme.com'), user('bob@acme.com')] });
    expect(choosePlanReads(none, live).e911).toBeUndefined();
    const declared = desiredState({
      offices: [office('hq', { name: 'Acme HQ', e911: hq })],
      users: [user('ada@acme.com', { e911: home }), user('bob@acme.com', { e911: { address: '1 Elm' } })],
    });
    expect(choosePlanReads(declared, live).e911).toEqual({ offices: ['5001'], users: ['11'] });
  });

  it('a change of a declared address changes the config digest, so a saved plan goes stale', () => {
    const a = desiredState({ users: [user('ada@acme.com', { e911: home })] });
    const b = desiredState({ users: [user('ada@acme.com', { e911: { ...home, zip: '94602' } })] });
    expect(digestConfig(a)).not.toBe(digestConfig(b));
  });
});
