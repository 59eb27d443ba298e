import { describe, expect, it } from 'vitest';
import { desiredState, heldNumber, liveOffice, liveState, liveUser, office, planOf, poolNumber, user } from '../support/builders.js';
import type { Plan } from '../../src/plan/types.js';

/** `op-N kind → office_key` for every operation. */
function officeKeys(plan: Plan): string[] {
  return plan.operations.map((op) => `${op.kind} ${op.target.type === 'user' ? op.target.email : ''} → ${op.office_key ?? '(none)'}`);
}

describe('office_key (display only)', () => {
  it('names the office of every user operation: after the op, and before it for a delete', () => {
    const desired = desiredState({
      offices: [office('hq'), office('ny')],
      users: [
        user('admin@acme.com', { admin: { company: false, offices: [] } }),
        user('mover@acme.com', { office: 'ny', numbers: ['+14155550111'] }),
      ],
      policy: { unmanagedUsers: 'delete' },
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 5 } }), liveOffice('ny', { licenses: { talk: 5 } })],
      users: [
        liveUser('admin@acme.com', { admin: { company: true, offices: [] } }),
        liveUser('mover@acme.com', { numbers: ['+14155550110'] }),
        liveUser('gone@acme.com', { office: 'ny' }),
      ],
      numbers: [heldNumber('+14155550110', 'mover@acme.com'), poolNumber('+14155550111', 'ny')],
    });
    const plan = planOf(desired, live);
    expect(officeKeys(plan)).toEqual([
      'delete_user gone@acme.com → ny',
      // The unassign runs before the move: the user is still in hq then.
      'unassign_number mover@acme.com → hq',
      'move_user mover@acme.com → ny',
      'update_user admin@acme.com → hq',
      'assign_number mover@acme.com → ny',
    ]);
  });

  it('names the office a released number belonged to, and the destination of a transfer', () => {
    const desired = desiredState({
      offices: [office('hq', { licenses: { talk: 4 } }), office('ny', { licenses: { talk: 1 } })],
      reserved: { releaseUnlisted: true },
    });
    const live = liveState({
      offices: [liveOffice('hq', { licenses: { talk: 5 } }), liveOffice('ny', { licenses: { talk: 0 } })],
      numbers: [poolNumber('+14155550199', 'ny')],
    });
    const plan = planOf(desired, live);
    expect(plan.operations.map((op) => `${op.kind} ${op.office_key ?? '(none)'}`)).toEqual(['transfer_licenses ny', 'release_number ny']);
  });

  it('puts a blocked user operation where config puts the user', () => {
    const desired = desiredState({ offices: [office('hq'), office('ny')], users: [user('new@acme.com', { office: 'ny', numbers: ['+14155550120'] })] });
    const live = liveState({ offices: [liveOffice('hq', { licenses: { talk: 1 } }), liveOffice('ny', { licenses: { talk: 0 } })] });
    const plan = planOf(desired, live);
    expect(plan.summary.blocked).toBe(true);
    expect(officeKeys(plan)).toEqual(['create_user new@acme.com → ny', 'assign_number new@acme.com → ny']);
  });
});
