import { describe, expect, it } from 'vitest';
import { listConsoleGroups } from '../../src/emulator/console-groups.js';
import type { Fixture } from '../../src/emulator/types.js';

describe('the console shows how each group answers (issue 32)', () => {
  it('lists hours by day, the ring time, the queue and where calls go in and out of hours; a group without hours_on answers 24/7', () => {
    const state = {
      company: { id: '1', name: 'Acme', account_type: 'pro' },
      offices: [],
      users: [],
      numbers: [],
      departments: [{ id: '81', name: 'Sales', office_id: '61', operators: [] }],
      call_centers: [
        {
          id: '82', name: 'Support', office_id: '61', operators: [],
          hours_on: true, monday_hours: ['08:00', '12:00', '13:00', '18:00'], saturday_hours: [], ring_seconds: '25',
          hold_queue: { max_hold_count: '20', announce_position: true },
          routing_options: { open: { action: 'voicemail', try_dial_operators: true }, closed: { action: 'department', try_dial_operators: false, action_target_type: 'department', action_target_id: '81' } },
        },
      ],
    } as unknown as Fixture;
    expect(listConsoleGroups(state)).toEqual([
      { id: '81', type: 'department', name: 'Sales', office_id: '61', hours: '24/7', ring_seconds: null, hold_queue: '', routing: '' },
      {
        id: '82', type: 'call center', name: 'Support', office_id: '61',
        hours: 'Mon 08:00-12:00, 13:00-18:00', ring_seconds: '25', hold_queue: 'announce_position: true, max_hold_count: 20',
        routing: 'open: voicemail, dial operators first · closed: department → department 81',
      },
    ]);
  });
});
