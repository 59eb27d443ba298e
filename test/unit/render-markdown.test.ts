import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { escapeMarkdown, renderMarkdown } from '../../src/render/markdown.js';
import { blockedPlan, emptyPlan, fullPlan, largePlan } from './plan-samples.js';

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;
const E164 = /\+\d{7,15}/;

describe('renderMarkdown', () => {
  it('starts with the hidden marker and shows the summary table', () => {
    const md = renderMarkdown(fullPlan());
    const lines = md.split('\n');
    expect(lines[0]).toBe('<!-- dialform-plan -->');
    expect(md).toContain('| create | update | delete | move | manual | blocked |');
    expect(md).toContain('| 2 | 5 | 2 | 1 | 6 | no |');
    expect(md.trimEnd().split('\n').at(-1)).toBe('**Plan: 2 to create, 5 to update, 2 to delete, 1 to move, 6 manual**');
  });

  it('says an empty plan has no changes', () => {
    const md = renderMarkdown(emptyPlan());
    expect(md.startsWith('<!-- dialform-plan -->\n')).toBe(true);
    expect(md).toContain('✅ no changes');
    expect(md).toContain('**No changes. Dialpad matches the configuration.**');
    expect(md).not.toContain('<details>');
  });

  it('groups operations by office in details blocks with counts', () => {
    const md = renderMarkdown(fullPlan());
    expect(md.match(/<details><summary>/g)).toHaveLength(4);
    expect(md.match(/<\/details>/g)).toHaveLength(4);
    expect(md).toContain('<details><summary><b>Acme Paris (paris)</b>: 2 operations (1 create office, 1 create user)</summary>');
    expect(md).toContain('- `~` **op-6** Move dan@acme.com from Acme HQ to Acme London');
    expect(md).toContain('- `~` **op-4** suspend user bob@acme.com');
    expect(md).toContain('  - `last_name`: `Byron` → `Lovelace`');
  });

  it('puts violations first, errors before warnings, and badges blocked, irreversible, admin and manual items', () => {
    const md = renderMarkdown(blockedPlan());
    expect(md).toContain('### dialform plan: ⛔ blocked');
    expect(md).toContain('| ⛔ yes |');
    const error = md.indexOf('⛔ **error** `country_change_requires_ack` (op-6)');
    const warning = md.indexOf('⚠️ **warning** `too_many_deletions` (op-7)');
    expect(error).toBeGreaterThan(0);
    expect(warning).toBeGreaterThan(error);
    expect(warning).toBeLessThan(md.indexOf('#### Operations'));
    expect(md).toMatch(/\*\*op-6\*\* .*⛔ blocked/);
    expect(md).toMatch(/\*\*op-10\*\* .*⚠️ irreversible/);
    expect(md).toMatch(/\*\*op-3\*\* .*🔑 admin/);
    expect(md).toMatch(/\*\*op-11\*\* .*✋ manual/);
    expect(md).toMatch(/exit code 3/);
  });

  it('has manual steps, reserved pool and unverifiable sections', () => {
    const md = renderMarkdown(fullPlan());
    expect(md).toContain('#### ✋ Manual steps');
    expect(md).toContain('- ✋ **op-11** Transfer 2 talk licenses from Acme HQ to Acme London');
    expect(md).toContain('| `+14155550199` | released to Dialpad |  | `hq` | op-10 |');
    expect(md).toContain('| `ada@acme.com` | analytics | `true` | `users/eng.yaml:20` |');
  });

  it('escapes markdown and HTML in free text', () => {
    expect(escapeMarkdown('<img src=x> *bold* | pipe')).toBe('&lt;img src=x&gt; \\*bold\\* \\| pipe');
    const plan = fullPlan();
    const tricky: Plan = { ...plan, violations: [{ ...plan.violations[0]!, message: '</details><script>x</script>' }] };
    expect(renderMarkdown(tricky)).not.toContain('<script>');
  });

  it('renders a 3,000-user plan under 65,536 characters and points at the artifact', () => {
    const md = renderMarkdown(largePlan(3000), { artifactHint: 'download the `dialform-plan` artifact' });
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md.split('\n')[0]).toBe('<!-- dialform-plan -->');
    expect(md).toContain('download the `dialform-plan` artifact');
    expect(md).toMatch(/- … \d+ more operations not shown/);
    expect(md).toContain('| Acme Office 0 (office-0) | 250 | 250 create user |');
    expect(md).toContain('**Plan: 3000 to create, 0 to update, 0 to delete**');
    const shown = [...md.matchAll(/\*\*op-(\d+)\*\*/g)].map((m) => Number(m[1]));
    expect(shown.slice(0, 3)).toEqual([1, 2, 3]);
    expect(shown.length + Number(/… (\d+) more operations/.exec(md)?.[1])).toBe(3000);
  });

  it('first drops per-operation details when one line per operation fits', () => {
    const plan = largePlan(200);
    const full = renderMarkdown(plan, { maxChars: 10_000_000 });
    const md = renderMarkdown(plan, { maxChars: Math.floor(full.length * 0.6) });
    expect(md.length).toBeLessThan(full.length * 0.6);
    expect(md).toContain('too long to show in full');
    expect(md).toContain('**op-200**');
    expect(md).not.toContain('  - `license`');
  });

  it('stays under any cap, however small', () => {
    for (const maxChars of [300, 1000, 4000]) {
      expect(renderMarkdown(largePlan(500), { maxChars }).length).toBeLessThanOrEqual(maxChars);
    }
  });

  it('redacts every email and phone number, including in the condensed form', () => {
    for (const md of [
      renderMarkdown(blockedPlan(), { redact: true }),
      renderMarkdown(largePlan(3000), { redact: true }),
    ]) {
      expect(md).not.toMatch(EMAIL);
      expect(md).not.toMatch(E164);
    }
    expect(renderMarkdown(blockedPlan(), { redact: true })).toContain('`+44••••••••67`');
  });
});
