/**
 * Manual steps that do not depend on each other wait at once (issue 27 #2): three license
 * transfers between the same two offices are three steps an admin can do in one sitting, so one
 * apply run asks for all three, rather than one per run.
 */
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { memoryJournal } from '../../src/apply/journal.js';
import type { ApplyApi } from '../../src/apply/types.js';
import { printReport } from '../../cmd/commands/apply-report.js';
import type { Io } from '../../cmd/io.js';
import { desiredState, liveOffice, liveState, office, planOf, steps } from '../support/builders.js';

/** HQ has 3 Ai Meetings, Sell and Talk licenses, 2 of each unassigned; config moves 2 of each to London. */
function threeTransfers() {
  const desired = desiredState({
    offices: [office('hq', { licenses: { ai_meetings: 1, sell: 1, talk: 1 } }), office('ldn', { licenses: { ai_meetings: 2, sell: 2, talk: 2 } })],
  });
  const live = liveState({
    offices: [
      liveOffice('hq', { licenses: { ai_meetings: 3, sell: 3, talk: 3 }, available: { ai_meetings: 2, sell: 2, talk: 2 } }),
      liveOffice('ldn', { licenses: {}, available: {} }),
    ],
  });
  return planOf(desired, live);
}

/** Dialpad as apply reads it: London's purchased count of each line, as given (0 when absent). */
function apiWithPurchased(purchased: Record<string, number>): ApplyApi {
  const read: Pick<ApplyApi, 'purchasedLicenses'> = { purchasedLicenses: async (officeId, line) => (officeId === 'id-ldn' ? purchased[line] ?? 0 : 1) };
  return read as ApplyApi;
}

function captureIo(): Io & { text(): string } {
  let out = '';
  return {
    out: (t) => void (out += t),
    err: () => {},
    color: false,
    errIsTty: false,
    interactive: false,
    confirm: async () => false,
    env: {},
    cwd: '/',
    text: () => out,
  };
}

describe('independent manual steps are not chained (issue 27 #2)', () => {
  it('independent manual steps wait at once: three transfers between the same two offices follow nothing (issue 27 #2)', () => {
    const plan = threeTransfers();
    expect(steps(plan)).toEqual(['transfer_licenses 2 ai_meetings hq->ldn', 'transfer_licenses 2 sell hq->ldn', 'transfer_licenses 2 talk hq->ldn']);
    expect(plan.operations.map((op) => op.after)).toEqual([[], [], []]);
  });

  it('independent manual steps wait at once: one apply waits for all three transfers and prints every instruction (issue 27 #2)', async () => {
    const plan = threeTransfers();
    const journal = memoryJournal();
    const report = await applyPlan(plan, { api: apiWithPurchased({}), journal });
    expect(report.results.map((r) => r.outcome.status)).toEqual(['waiting', 'waiting', 'waiting']);
    const io = captureIo();
    printReport(report, io, false);
    for (const label of ['Ai Meetings', 'Sell', 'Talk']) {
      expect(io.text()).toContain(`Transfer Licenses: transfer 2 ${label} licenses from Acme hq to Acme ldn.`);
    }

    // The admin does all three in one sitting: the next run finds every one done.
    const rerun = await applyPlan(plan, { api: apiWithPurchased({ ai_meetings: 2, sell: 2, talk: 2 }), journal });
    expect(rerun.status).toBe('complete');
  });

  it('still chains steps on one subject: two transfers of one line into one office follow each other', () => {
    const desired = desiredState({
      offices: [office('hq', { licenses: { talk: 1 } }), office('sf', { licenses: { talk: 1 } }), office('ldn', { licenses: { talk: 4 } })],
    });
    const live = liveState({
      offices: [
        liveOffice('hq', { licenses: { talk: 3 }, available: { talk: 2 } }),
        liveOffice('sf', { licenses: { talk: 3 }, available: { talk: 2 } }),
        liveOffice('ldn', { licenses: {}, available: {} }),
      ],
    });
    const plan = planOf(desired, live);
    expect(steps(plan)).toEqual(['transfer_licenses 2 talk hq->ldn', 'transfer_licenses 2 talk sf->ldn']);
    expect(plan.operations[1]?.after).toEqual(['op-1']);
  });
});
