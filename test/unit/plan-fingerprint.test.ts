/**
 * The plan fingerprint (docs/review-loop.md): config digest + operation identities, the same for
 * a redacted rendering, different when an operation differs, indifferent to live changes that
 * need no other operation.
 */
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_PATTERN, fingerprintPlan } from '../../src/plan/fingerprint.js';
import { renderJson } from '../../src/render/json.js';
import { formatFingerprintMarker, renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { validatePlanDocument } from '../../src/plan/plan-file.js';
import { desiredState, digestedPlanOf, liveState, liveUser, user } from '../support/builders.js';

const config = () =>
  desiredState({ users: [user('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace', numbers: ['+14155550101'] }), user('grace@acme.com', { firstName: 'Grace', lastName: 'Hopper' })] });
const live = () => liveState({ users: [liveUser('ada@acme.com', { firstName: 'Ada', lastName: 'Byron' })] });

describe('plan fingerprint', () => {
  it('is sha256: and 64 hex digits, in a valid plan document, and the same for the same config and live state', () => {
    const a = digestedPlanOf(config(), live());
    const b = digestedPlanOf(config(), live());
    expect(a.fingerprint).toMatch(FINGERPRINT_PATTERN);
    expect(a.operations.length).toBeGreaterThan(0);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(fingerprintPlan(a)).toBe(a.fingerprint);
    expect(validatePlanDocument(JSON.parse(renderJson(a)))).toEqual([]);
  });

  it('is carried unchanged by --redact in JSON, text and markdown, and holds no personal data', () => {
    const plan = digestedPlanOf(config(), live());
    const redacted = JSON.parse(renderJson(plan, { redact: true })) as { fingerprint: string; operations: unknown[] };
    expect(JSON.stringify(redacted.operations)).not.toContain('ada@acme.com');
    expect(redacted.fingerprint).toBe(plan.fingerprint);
    expect(renderText(plan, { color: false, redact: true }).trimEnd().split('\n').at(-1)).toBe(`Fingerprint: ${plan.fingerprint}`);
    const md = renderMarkdown(plan, { redact: true }).trimEnd().split('\n');
    expect(md.at(-1)).toBe(formatFingerprintMarker(plan.fingerprint));
    expect(md.at(-1)).toBe(`<!-- dialform:fingerprint ${plan.fingerprint} -->`);
    expect(md.at(-2)).toBe(`Fingerprint: \`${plan.fingerprint}\``);
    // Even a markdown rendering cut to its last resort keeps both lines.
    expect(renderMarkdown(plan, { maxChars: 300 }).trimEnd().split('\n').at(-1)).toBe(formatFingerprintMarker(plan.fingerprint));
  });

  it('differs when an operation differs (another name, another operation) or the config digest does', () => {
    const plan = digestedPlanOf(config(), live());
    const renamed = desiredState({ users: [user('ada@acme.com', { firstName: 'Ada', lastName: 'King', numbers: ['+14155550101'] }), user('grace@acme.com', { firstName: 'Grace', lastName: 'Hopper' })] });
    expect(digestedPlanOf(renamed, live()).fingerprint).not.toBe(plan.fingerprint);
    const fewer = liveState({ users: [liveUser('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace' })] });
    expect(digestedPlanOf(config(), fewer).fingerprint).not.toBe(plan.fingerprint);
    expect(fingerprintPlan({ ...plan, basis: { ...plan.basis, config_digest: 'sha256:other' } })).not.toBe(plan.fingerprint);
  });

  it('is the same when only live data that needs no other operation changed (the live digest differs)', () => {
    const plan = digestedPlanOf(config(), live());
    const moreLive = liveState({ users: [liveUser('ada@acme.com', { firstName: 'Ada', lastName: 'Byron' }), liveUser('unmanaged@acme.com')] });
    const other = digestedPlanOf(config(), moreLive);
    expect(other.basis.live_digest).not.toBe(plan.basis.live_digest);
    expect(other.operations.map((op) => op.kind)).toEqual(plan.operations.map((op) => op.kind));
    expect(other.fingerprint).toBe(plan.fingerprint);
  });

  it('ignores ids, display text and ordering facts of operations, but not their order', () => {
    const plan = digestedPlanOf(config(), live());
    const relabelled = { ...plan, operations: plan.operations.map((op) => ({ ...op, summary: 'x', notes: [], source: 'elsewhere' })) };
    expect(fingerprintPlan(relabelled)).toBe(plan.fingerprint);
    expect(plan.operations.length).toBeGreaterThan(1);
    expect(fingerprintPlan({ ...plan, operations: [...plan.operations].reverse() })).not.toBe(plan.fingerprint);
  });
});
