import { describe, expect, it } from 'vitest';
import { redactOutput } from '../../cmd/commands/apply-redact.js';
import { DialformError } from '../../src/errors.js';
import type { Io } from '../../cmd/io.js';
import { desiredState, liveState, liveUser, planOf, user } from '../support/builders.js';

const plan = planOf(desiredState({ users: [user('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace' })] }), liveState({ users: [liveUser('ada@acme.com', { firstName: 'Augusta', lastName: 'Lovelace' })] }));
const later = { ...plan, basis: { ...plan.basis, live_digest: `sha256:${'e'.repeat(64)}` } };

function capture(): { io: Io; printed: string[] } {
  const printed: string[] = [];
  const io = { out: (t: string) => printed.push(t), err: (t: string) => printed.push(t), color: false, errIsTty: false, interactive: false, confirm: async () => false, env: {}, cwd: '/' } as Io;
  return { io, printed };
}

describe('redactOutput (apply --redact)', () => {
  it('masks emails and names, and never prints a live digest that keys the tags, once the plan is known', () => {
    const { io, printed } = capture();
    const redaction = redactOutput(io, true);
    redaction.io.err('before the plan: ada@acme.com\n');
    redaction.use(plan, later);
    const line = `op-1 update ada@acme.com: Augusta → Ada; live state ${plan.basis.live_digest} → ${later.basis.live_digest}\n`;
    redaction.io.out(line);
    const error = redaction.mask(new DialformError('plan_stale', line)) as DialformError;
    expect(printed[0]).toContain('ada@acme.com');
    for (const text of [printed[1] ?? '', error.message]) {
      expect(text).toMatch(/op-1 update a•••@•••~[0-9a-f]{4}: A\.~[0-9a-f]{4} → A\.~[0-9a-f]{4}; live state sha256:[0-9a-f]{64} → sha256:[0-9a-f]{64}/);
      expect(text).not.toContain(plan.basis.live_digest);
      expect(text).not.toContain(later.basis.live_digest);
    }
    expect(error.code).toBe('plan_stale');
  });

  it('changes nothing without --redact', () => {
    const { io, printed } = capture();
    const redaction = redactOutput(io, false);
    redaction.use(plan);
    redaction.io.out('ada@acme.com');
    expect(printed).toEqual(['ada@acme.com']);
  });
});
