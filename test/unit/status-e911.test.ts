/** `status --view e911` (issue 29): E911 gaps, what they cost to read, and their redaction. */
import { describe, expect, it } from 'vitest';
import { buildStatus } from '../../src/status/build-status.js';
import { listE911StatusReads, readForE911Status } from '../../src/status/e911-gaps.js';
import { asksForE911, LISTED_VIEWS, renderStatusText } from '../../src/status/render-status.js';
import { renderStatusCsv } from '../../src/status/render-status-csv.js';
import { redactStatus } from '../../src/status/redact-status.js';
import { desiredState, liveOffice, liveState, liveUser, NOW, office, user } from '../support/builders.js';

const FULL = { address: '1 Market St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' };

const live = liveState({
  offices: [
    // Read: no address at all.
    liveOffice('hq', { name: 'Acme HQ', e911: {} }),
    // Read: complete.
    liveOffice('sf', { name: 'Acme SF', e911: FULL }),
    // Read: no zip.
    liveOffice('ny', { name: 'Acme NY', e911: { address: '5 Broad St', city: 'New York', state: 'NY', country: 'US' } }),
    // Not an E911 country.
    liveOffice('dub', { name: 'Dublin', country: 'IE', e911: {} }),
    // An E911 country, but only a deleted user.
    liveOffice('tor', { name: 'Toronto', country: 'CA' }),
  ],
  users: [
    liveUser('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace', office: 'hq' }),
    liveUser('pat@acme.com', { firstName: 'Pat', lastName: 'Pending', office: 'hq', state: 'pending' }),
    liveUser('sam@acme.com', { firstName: 'Sam', lastName: 'Smith', office: 'sf', e911: { address: '9 Elm St', city: 'Oakland', state: 'CA', country: 'US' } }),
    liveUser('nat@acme.com', { firstName: 'Nat', lastName: 'North', office: 'ny' }),
    liveUser('ian@acme.com', { firstName: 'Ian', lastName: 'Irish', office: 'dub' }),
    liveUser('old@acme.com', { firstName: 'Old', lastName: 'Timer', office: 'tor', state: 'deleted' }),
  ],
});
const desired = desiredState({
  offices: [office('hq', { name: 'Acme HQ' }), office('sf', { name: 'Acme SF' })],
  users: [user('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace', e911: { address: '12 Oak Ave', city: 'Berkeley', state: 'CA', country: 'US' } })],
});

describe('status --view e911 (issue 29)', () => {
  it('reads an address only for offices in an E911 country with users, and only when the view is asked for', async () => {
    expect(listE911StatusReads(live)).toEqual(['id-hq', 'id-ny', 'id-sf']);
    const scope = readForE911Status({ followUp: () => ({ offices: [], numbers: [], e911: { offices: ['id-sf'], users: ['u-ada'] } }) });
    expect((await scope.followUp(live)).e911).toEqual({ offices: ['id-hq', 'id-ny', 'id-sf'], users: ['u-ada'] });
    expect([undefined, [], ['users'], ['summary', 'deleted']].map((v) => asksForE911(v as never))).toEqual([false, false, false, false]);
    expect(asksForE911(['e911'])).toBe(true);
    expect(asksForE911(['all'])).toBe(true);
  });

  it('lists offices without a complete address and people whose own one is incomplete, from Dialpad and from config', () => {
    const status = buildStatus({ live, now: NOW, e911: { desired } });
    expect(status.e911?.offices).toEqual([
      { office: 'Acme HQ', country: 'US', users: 2, e911_address: null, missing: ['address', 'city', 'state', 'zip', 'country'] },
      { office: 'Acme NY', country: 'US', users: 1, e911_address: { address: '5 Broad St', city: 'New York', state: 'NY', country: 'US' }, missing: ['zip'] },
    ]);
    expect(status.e911?.users).toEqual([
      { email: 'ada@acme.com', name: 'Ada Lovelace', office: 'Acme HQ', e911_address: { address: '12 Oak Ave', city: 'Berkeley', state: 'CA', country: 'US' }, missing: ['zip'], declared_in: 'config' },
      { email: 'sam@acme.com', name: 'Sam Smith', office: 'Acme SF', e911_address: { address: '9 Elm St', city: 'Oakland', state: 'CA', country: 'US' }, missing: ['zip'], declared_in: 'dialpad' },
    ]);
    expect(status.summary.e911).toEqual({ offices_without_address: 2, users_incomplete: 2 });
    const text = renderStatusText(status, { lists: ['e911'] });
    expect(text).toContain('  E911 gaps: 2 office(s) with users and no complete address in Dialpad, 2 user(s) with an incomplete own address\n');
    expect(text).toContain('  Acme HQ  US  2 user(s)  no address\n');
    expect(text).toContain('  Acme NY  US  1 user(s)  5 Broad St, New York, NY, US, lacks zip\n');
    expect(text).toContain('  ada@acme.com  Ada Lovelace  Acme HQ  12 Oak Ave, Berkeley, CA, US, lacks zip (as config declares it: not sent)\n');
    expect(text).toContain('  sam@acme.com  Sam Smith     Acme SF  9 Elm St, Oakland, CA, US, lacks zip (in Dialpad)\n');
  });

  it('without the view, reads nothing and shows nothing of E911', () => {
    const status = buildStatus({ live, now: NOW });
    expect(status.e911).toBeNull();
    expect(status.summary.e911).toBeNull();
    expect(renderStatusText(status, { lists: LISTED_VIEWS })).not.toContain('E911');
  });

  it('--search filters the gaps; --redact masks the addresses and names; csv writes one row per gap', () => {
    expect(buildStatus({ live, now: NOW, search: 'NY', e911: { desired } }).e911?.offices.map((o) => o.office)).toEqual(['Acme NY']);
    const status = buildStatus({ live, now: NOW, e911: { desired } });
    const redacted = redactStatus(status, 'secret');
    const shown = `${renderStatusText(redacted, { lists: ['e911'] })}${JSON.stringify(redacted)}${renderStatusCsv(redacted, 'e911')}`;
    for (const pii of ['5 Broad St', 'New York', '12 Oak Ave', 'Berkeley', '9 Elm St', 'Oakland', 'ada@acme.com', 'Lovelace']) expect(shown).not.toContain(pii);
    expect(renderStatusCsv(status, 'e911').split('\r\n')).toEqual([
      'type,office,country,users,email,name,missing,address,declared_in',
      'office,Acme HQ,US,2,,,address; city; state; zip; country,,dialpad',
      'office,Acme NY,US,1,,,zip,"5 Broad St, New York, NY, US",dialpad',
      'user,Acme HQ,,,ada@acme.com,Ada Lovelace,zip,"12 Oak Ave, Berkeley, CA, US",config',
      'user,Acme SF,,,sam@acme.com,Sam Smith,zip,"9 Elm St, Oakland, CA, US",dialpad',
      '',
    ]);
  });
});
