import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/dialpad/api-error.js';
import { renderError } from '../../src/render/error.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { sanitizeForTerminal } from '../../src/render/terminal-safe.js';
import { renderText } from '../../src/render/text.js';
import { desiredState, liveOffice, liveState, liveUser, office, planOf, user } from '../support/builders.js';

/** Live names carrying a clear-screen, an OSC title change, a bell, a carriage return and a newline. */
const HOSTILE_LAST = 'Byron\u001b[2J\u001b]0;pwned\u0007\rfake\nPlan: 0 to create';
const HOSTILE_OFFICE = 'Acme\u009b31mHQ\u0008';

function hostilePlan() {
  const desired = desiredState({ users: [user('ada@acme.com', { lastName: 'Lovelace' })] });
  const live = liveState({
    offices: [liveOffice('hq', { name: HOSTILE_OFFICE })],
    users: [liveUser('ada@acme.com', { lastName: HOSTILE_LAST })],
  });
  return planOf(desired, live);
}

/** Any C0 or C1 control except the newlines that separate output lines. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('sanitizeForTerminal', () => {
  it('replaces C0 and C1 controls, DEL and line separators with visible escapes (issue 12 #13)', () => {
    expect(sanitizeForTerminal('a\u001b[2Jb\nc\rd\te\u0007f\u007fg\u009bh\u2028i\u202ej')).toBe(
      'a\\x1b[2Jb\\nc\\rd\\te\\x07f\\x7fg\\x9bh\\u2028i\\u202ej',
    );
    expect(sanitizeForTerminal('Ada Lovelace → Acme HQ (+44 20 7123 0104) ✓')).toBe('Ada Lovelace → Acme HQ (+44 20 7123 0104) ✓');
  });
});

describe('renderers neutralise control characters in live names', () => {
  it('shows ANSI/OSC escapes and newlines in live names as visible escapes in the text plan (issue 12 #13)', () => {
    const plan = hostilePlan();
    expect(JSON.stringify(plan)).toContain('\\u001b[2J');
    const text = renderText(plan, { color: false });
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain('last_name: Byron\\x1b[2J\\x1b]0;pwned\\x07\\rfake\\nPlan: 0 to create → Lovelace');
    expect(text.split('\n').filter((l) => l.startsWith('Plan:'))).toHaveLength(1);
  });

  it('shows ANSI/OSC escapes and newlines in live names as visible escapes in the markdown plan (issue 12 #13)', () => {
    const md = renderMarkdown(hostilePlan());
    expect(md).not.toMatch(CONTROL);
    expect(md).toContain('x1b[2J');
    expect(md).not.toMatch(/^Plan: 0 to create/m);
  });

  it('leaves ordinary text alone, colour included (issue 12 #13)', () => {
    const plan = planOf(desiredState({ offices: [office('hq')], users: [user('ada@acme.com', { lastName: 'Lovelace' })] }), liveState({ offices: [liveOffice('hq')], users: [liveUser('ada@acme.com', { lastName: 'Byron' })] }));
    expect(renderText(plan, { color: false })).toContain('last_name: Byron → Lovelace');
    expect(renderText(plan, { color: true })).toMatch(/\u001b\[/);
  });
});

describe('renderError neutralises control characters', () => {
  it("shows escapes in Dialpad's error message as visible escapes on stderr (issue 12 #13)", () => {
    const error = new ApiError({ operation: 'users.get', kind: 'bad_request', status: 400, apiMessage: 'bad\u001b[2J\rname\u009b31m' });
    const { text } = renderError(error);
    expect(text).not.toMatch(CONTROL);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).toContain('bad\\x1b[2J\\rname\\x9b31m');
  });
});
