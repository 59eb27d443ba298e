import { describe, expect, it } from 'vitest';
import { diffTenant, type Change } from '../../src/diff/index.js';
import { desiredState, liveOffice, liveState, liveUser, office, user } from '../support/builders.js';

/** `kind email-or-office` per change: compact to compare. */
function kinds(changes: Change[]): string[] {
  return changes.map((c) => {
    switch (c.kind) {
      case 'create_office': return `create_office ${c.office.key}`;
      case 'office_licenses': return `office_licenses ${c.office} ${c.line} ${c.live}->${c.desired}`;
      case 'delete_user': return `delete_user ${c.live.email}`;
      case 'suspend_user': return `suspend_user ${c.live.email}`;
      case 'release_number': return `release_number ${c.number.number}`;
      case 'user_numbers': return `user_numbers ${c.email}`;
      case 'create_group': case 'rename_group': return `${c.kind} ${c.group.key}`;
      case 'rename_office': return `rename_office ${c.office.key} ${c.live.name}->${c.office.name}`;
      case 'delete_group': return `delete_group ${c.live.key}`;
      case 'add_operator': case 'remove_operator': case 'set_skill': return `${c.kind} ${c.email} ${c.group.key}`;
      case 'office_e911': return `office_e911 ${c.office.key}`;
      case 'group_settings': return `group_settings ${c.group.key}`;
      case 'create_room': case 'rename_room': case 'room_numbers': return `${c.kind} ${c.room.key}`;
      case 'delete_room': return `delete_room ${c.live.key}`;
      default: return `${c.kind} ${c.user.email}`;
    }
  });
}

describe('diffTenant', () => {
  const cases: { name: string; desired: Parameters<typeof desiredState>[0]; live: Parameters<typeof liveState>[0]; want: string[] }[] = [
    { name: 'equal tenants: no change', desired: { users: [user('a@acme.com')] }, live: { users: [liveUser('a@acme.com')] }, want: [] },
    { name: 'missing user: create', desired: { users: [user('a@acme.com')] }, live: {}, want: ['create_user a@acme.com'] },
    {
      name: 'emails match case-insensitively',
      desired: { users: [user('ada@acme.com')] },
      live: { users: [liveUser('ADA@Acme.com', { firstName: 'ada' })] },
      want: [],
    },
    {
      name: 'name, license and admin differences: one update',
      desired: { users: [user('a@acme.com', { firstName: 'Ada', license: 'agents', admin: { company: true, offices: ['hq'] } })] },
      live: { users: [liveUser('a@acme.com')] },
      want: ['update_user a@acme.com'],
    },
    {
      name: 'office change: move',
      desired: { offices: [office('hq'), office('sf')], users: [user('a@acme.com', { office: 'sf' })] },
      live: { offices: [liveOffice('hq'), liveOffice('sf')], users: [liveUser('a@acme.com')] },
      want: ['move_user a@acme.com'],
    },
    {
      name: 'state differences: suspend and reactivate',
      desired: { users: [user('a@acme.com', { state: 'suspended' }), user('b@acme.com')] },
      live: { users: [liveUser('a@acme.com'), liveUser('b@acme.com', { state: 'suspended' })] },
      want: ['suspend_user a@acme.com', 'reactivate_user b@acme.com'],
    },
    {
      name: 'previous_emails turn an email change into an update',
      desired: { users: [user('ada@acme.com', { previousEmails: ['ada.l@acme.com'] })] },
      live: { users: [liveUser('ada.l@acme.com')] },
      want: ['update_user ada@acme.com'],
    },
    {
      name: 'unmanaged users ignored by default',
      desired: { users: [] },
      live: { users: [liveUser('x@acme.com')] },
      want: [],
    },
    {
      name: 'unmanaged users suspended (only active ones)',
      desired: { users: [], policy: { unmanagedUsers: 'suspend' } },
      live: { users: [liveUser('x@acme.com'), liveUser('y@acme.com', { state: 'suspended' })] },
      want: ['suspend_user x@acme.com'],
    },
    {
      name: 'unmanaged users deleted; deleted live users are never unmanaged',
      desired: { users: [], policy: { unmanagedUsers: 'delete' } },
      live: { users: [liveUser('x@acme.com'), liveUser('gone@acme.com', { state: 'deleted' })] },
      want: ['delete_user x@acme.com'],
    },
    {
      name: 'a desired user that is a listed deleted user: restore, not create',
      desired: { users: [user('back@acme.com')] },
      live: { users: [liveUser('back@acme.com', { state: 'deleted' })] },
      want: ['restore_user back@acme.com'],
    },
    {
      name: 'a live account beats a deleted one with the same email',
      desired: { users: [user('a@acme.com')] },
      live: { users: [liveUser('a@acme.com', { state: 'deleted', id: 'old' }), liveUser('a@acme.com')] },
      want: [],
    },
    {
      name: 'missing office: create, and its license count from 0',
      desired: { offices: [office('hq'), office('ldn', { country: 'GB', licenses: { talk: 2 } })] },
      live: { offices: [liveOffice('hq')] },
      want: ['create_office ldn', 'office_licenses ldn talk 0->2'],
    },
    {
      name: 'license counts compared only where declared',
      desired: { offices: [office('hq', { licenses: { talk: 8 } })] },
      live: { offices: [liveOffice('hq', { licenses: { talk: 10, sell: 3 } })] },
      want: ['office_licenses hq talk 10->8'],
    },
  ];
  it.each(cases)('$name', ({ desired, live, want }) => {
    expect(kinds(diffTenant(desiredState(desired), liveState(live)))).toEqual(want);
  });

  it('lists the changed fields of an update with from and to', () => {
    const changes = diffTenant(
      desiredState({ users: [user('ada@acme.com', { previousEmails: ['old@acme.com'], firstName: 'old', license: 'agents', admin: { company: true, offices: [] } })] }),
      liveState({ users: [liveUser('old@acme.com')] }),
    );
    const update = changes[0];
    expect(update?.kind).toBe('update_user');
    if (update?.kind !== 'update_user') return;
    expect(update.fields).toEqual([
      { field: 'email', from: 'old@acme.com', to: 'ada@acme.com' },
      { field: 'license', from: 'talk', to: 'agents' },
      { field: 'is_super_admin', from: false, to: true },
    ]);
  });

  it('ignores the order of administered offices', () => {
    const changes = diffTenant(
      desiredState({ offices: [office('hq'), office('sf')], users: [user('a@acme.com', { admin: { company: false, offices: ['sf', 'hq'] } })] }),
      liveState({ offices: [liveOffice('hq'), liveOffice('sf')], users: [liveUser('a@acme.com', { admin: { company: false, offices: ['hq', 'sf'] } })] }),
    );
    expect(changes).toEqual([]);
  });
});
