import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { runCli } from '../support/cli.js';
import { startEmulatorForTest } from '../support/emulator.js';

const golden = join(import.meta.dirname, '..', 'golden');
const schema = join(import.meta.dirname, '..', '..', 'schemas', 'dialform.schema.json');

function groupNamed(state: Fixture, name: string): Record<string, unknown> {
  const found = [...(state.departments ?? []), ...(state.call_centers ?? [])].find((g) => g.name === name);
  if (found === undefined) throw new Error(`no group ${name}`);
  return found;
}

/** Applies `config` through the CLI over loopback against the emulator, then plans again: nothing left. */
async function applyAndReplan(fixture: string, config: string, cwd: string) {
  const running = await startEmulatorForTest(fixture);
  const args = ['-c', config];
  const applied = await runCli(['apply', ...args, '--auto-approve'], { cwd, env: running.env });
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  const again = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd, env: running.env });
  expect(again.code, again.stdout + again.stderr).toBe(0);
  return running;
}

describe('how a group answers, applied against the emulator (issue 32)', () => {
  it('a call center\'s hours, ring time, queue size and after-hours route converge; fields config does not write stay as they were', async () => {
    const dir = join(golden, 'call-center-hours-change');
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-group-hours-'));
    const running = await applyAndReplan(join(dir, 'fixture.json'), join(dir, 'config.yaml'), cwd);
    const support = groupNamed(running.emulator.snapshot(), 'Support');
    expect(support['monday_hours']).toEqual(['08:00', '18:00']);
    expect(support['friday_hours']).toEqual(['08:00', '12:00', '13:00', '18:00']);
    expect(support['saturday_hours']).toEqual([]);
    expect(support['ring_seconds']).toBe('20');
    expect(support['hold_queue']).toEqual({ max_hold_count: '20', max_hold_seconds: '900', announce_position: true });
    expect(support['routing_options']).toEqual({
      open: { action: 'voicemail', try_dial_operators: true, operator_routing: 'longestidle' },
      closed: { action: 'department', try_dial_operators: false, action_target_type: 'department', action_target_id: '6500000000000001' },
    });
  });

  it('a new department and a new call center routing to it after hours are created, set and converge in one apply', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-group-hours-new-'));
    const config = join(cwd, 'dialform.yaml');
    await writeFile(
      config,
      [
        `# yaml-language-server: $schema=${schema}`,
        'version: 1',
        'company: { account_type: pro }',
        'offices:',
        '  hq: { name: Acme HQ, country: US, price_level: premium }',
        'departments:',
        '  nights: { name: Night Desk, office: hq, auto_call_recording: true, hold_queue: { allow_queuing: true, max_hold_count: 10 } }',
        'call_centers:',
        '  help:',
        '    name: Help Line',
        '    office: hq',
        '    hours_on: true',
        '    monday_hours: ["08:00-18:00"]',
        '    sunday_hours: []',
        '    routing_options:',
        '      open: { action: voicemail, try_dial_operators: true }',
        '      closed: { action: department, try_dial_operators: false, target: { department: nights } }',
        'users:',
        '  - { email: grace.hopper@acme.com, first_name: Grace, last_name: Hopper, office: hq, license: talk, admin: company }',
        '',
      ].join('\n'),
    );
    const running = await applyAndReplan(join(golden, 'call-center-hours-change', 'fixture.json'), config, cwd);
    const state = running.emulator.snapshot();
    const nights = groupNamed(state, 'Night Desk');
    expect(nights['auto_call_recording']).toBe(true);
    expect(nights['hold_queue']).toEqual({ allow_queuing: true, max_hold_count: '10' });
    const help = groupNamed(state, 'Help Line');
    expect(help['monday_hours']).toEqual(['08:00', '18:00']);
    expect((help['routing_options'] as { closed: Record<string, unknown> }).closed['action_target_id']).toBe(nights.id);
  });

  it('import writes the groups\' hours, queue and routing; the import validates and plans no changes', async () => {
    const dir = join(golden, 'call-center-hours-change');
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-group-hours-import-'));
    const running = await applyAndReplan(join(dir, 'fixture.json'), join(dir, 'config.yaml'), cwd);
    const imported = await runCli(['import', '-o', 'company'], { cwd, env: running.env });
    expect(imported.code, imported.stderr).toBe(0);
    const validate = await runCli(['validate', '-c', 'company'], { cwd, env: running.env });
    expect(validate.code, validate.stderr).toBe(0);
    const plan = await runCli(['plan', '-c', 'company', '--detailed-exitcode'], { cwd, env: running.env });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const { readFile } = await import('node:fs/promises');
    const main = await readFile(join(cwd, 'company', 'dialform.yaml'), 'utf8');
    expect(main).toContain('friday_hours:');
    expect(main).toMatch(/- 08:00-12:00/);
    expect(main).toMatch(/department: sales|department: [a-z-]+/);
    expect(main).toContain('max_hold_count: 20');
  });
});
