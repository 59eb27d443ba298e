import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { parseHours } from '../../src/model/group-settings.js';
import { OFFICES_YAML, problemsOf, useTempCwd, writeTree } from '../support/config-files.js';

const cwd = useTempCwd();

describe('how a group answers, in config (issue 32)', () => {
  it('loads hours as the API\'s flat list, the queue and routing as written, targets as the API types them', async () => {
    writeTree(cwd.dir, {
      'c.yaml': `${OFFICES_YAML}departments:
  sales: { name: Sales, office: hq, auto_call_recording: true }
call_centers:
  support:
    name: Support
    office: hq
    hours_on: true
    monday_hours: ["08:00-12:00", "13:00-18:00"]
    sunday_hours: []
    hold_queue: { max_hold_count: 200 }
    routing_options:
      open: { action: voicemail, try_dial_operators: true }
      closed: { action: department, try_dial_operators: false, target: { department: sales } }
`,
    });
    const desired = await loadConfig('c.yaml');
    const [sales, support] = desired.tenant.groups ?? [];
    expect(sales?.settings).toEqual({ auto_call_recording: true });
    expect(support?.settings).toEqual({
      monday_hours: ['08:00', '12:00', '13:00', '18:00'],
      sunday_hours: [],
      hours_on: true,
      hold_queue: { max_hold_count: 200 },
      routing_options: {
        open: { action: 'voicemail', try_dial_operators: true },
        closed: { action: 'department', try_dial_operators: false, target: { type: 'department', key: 'sales' } },
      },
    });
  });

  it('refuses, each at its place: hours out of order or not of the day, the other type\'s fields, a department queue over 50, an undeclared target key', async () => {
    writeTree(cwd.dir, {
      'c.yaml': `${OFFICES_YAML}departments:
  sales: { name: Sales, office: hq, hold_queue: { max_hold_count: 80, announce_position: true } }
call_centers:
  support:
    name: Support
    office: hq
    auto_call_recording: true
    monday_hours: ["18:00-08:00"]
    tuesday_hours: ["08:00-12:00", "11:00-18:00"]
    wednesday_hours: ["08:00-25:00"]
    routing_options:
      open: { action: voicemail, try_dial_operators: true }
      closed: { action: department, try_dial_operators: false, target: { department: nights } }
`,
    });
    expect(await problemsOf(loadConfig('c.yaml'))).toEqual([
      'c.yaml:6:67: departments.sales.hold_queue.max_hold_count: a department\'s queue holds 1 to 50 calls',
      'c.yaml:6:90: departments.sales.hold_queue.announce_position: a department\'s hold_queue has no announce_position (it takes allow_queuing, max_hold_count, max_hold_seconds)',
      'c.yaml:11:26: call_centers.support.auto_call_recording: a call center\'s PATCH has no auto_call_recording (departments only)',
      'c.yaml:12:19: call_centers.support.monday_hours: "18:00-08:00" ends before it starts',
      'c.yaml:13:20: call_centers.support.tuesday_hours: "11:00-18:00" starts before the range before it ends: list ranges in order, apart',
      'c.yaml:14:22: call_centers.support.wednesday_hours: "08:00-25:00" holds a time that is not one of the day',
      'c.yaml:17:86: call_centers.support.routing_options.closed.target.department "nights" is not a declared department (declared: sales); name one config does not declare by its Dialpad id (department_id)',
    ]);
  });

  it.each([
    [['08:00-18:00'], { hours: ['08:00', '18:00'] }],
    [['00:00-24:00'], { hours: ['00:00', '24:00'] }],
    // Dialpad's list is of times in increasing order: ranges that touch are written as one.
    [['08:00-12:00', '12:00-18:00'], { problem: '"12:00-18:00" starts before the range before it ends: list ranges in order, apart' }],
    [['08:60-12:00'], { problem: '"08:60-12:00" holds a time that is not one of the day' }],
    [['24:00-24:30'], { problem: '"24:00-24:30" holds a time that is not one of the day' }],
    [['8:00-12:00'], { problem: '"8:00-12:00" is not a range HH:MM-HH:MM' }],
  ])('parseHours(%j)', (ranges, expected) => {
    expect(parseHours(ranges)).toEqual(expected);
  });
});
