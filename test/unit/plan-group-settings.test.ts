import { describe, expect, it } from 'vitest';
import { toWireSettings } from '../../src/apply/wire-group-settings.js';
import { groupSettingsPlan } from '../support/plan-samples.js';

describe('update_group_settings (issue 32)', () => {
  const plan = groupSettingsPlan();

  it('runs after the create of the group its routing sends calls to, and shows each written field before → after', () => {
    expect(plan.operations.map((op) => `${op.kind} ${'key' in op.target ? op.target.key : ''}`)).toEqual(['create_group sales', 'update_group_settings support']);
    expect(plan.operations[1]?.changes).toEqual([
      { field: 'monday_hours', from: '09:00-17:00', to: '08:00-18:00' },
      { field: 'ring_seconds', from: 30, to: 20 },
      { field: 'hold_queue.max_hold_count', from: 50, to: 20 },
      { field: 'routing_options.open.action', to: 'voicemail' },
      { field: 'routing_options.open.try_dial_operators', to: true },
      { field: 'routing_options.closed.action', to: 'department' },
      { field: 'routing_options.closed.try_dial_operators', to: false },
      { field: 'routing_options.closed.target', to: 'department "Sales"' },
    ]);
    expect(plan.violations).toEqual([]);
  });

  it('sends the whole queue (fields config does not write as read) and both routing states, the target resolved to its id at apply', async () => {
    const op = plan.operations[1];
    if (op?.kind !== 'update_group_settings') throw new Error('expected update_group_settings');
    const body = await toWireSettings(op.settings, async (ref) => (ref.key === 'sales' ? '777' : 'unknown'), async () => 'user-id');
    expect(body).toEqual({
      monday_hours: ['08:00', '18:00'],
      ring_seconds: 20,
      hold_queue: { max_hold_count: 20, announce_position: true },
      routing_options: {
        open: { action: 'voicemail', try_dial_operators: true },
        closed: { action: 'department', try_dial_operators: false, action_target_type: 'department', action_target_id: '777' },
      },
    });
  });
});
