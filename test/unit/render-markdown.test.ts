import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { escapeMarkdown, renderMarkdown } from '../../src/render/markdown.js';
import { blockedPlan, emptyPlan, fullPlan, largePlan } from '../support/plan-samples.js';

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;
const E164 = /\+\d{7,15}/;

describe('renderMarkdown', () => {
  it('starts with the hidden marker and shows the summary table', () => {
    const md = renderMarkdown(fullPlan());
    const lines = md.split('\n');
    expect(lines[0]).toBe('<!-- dialform-plan -->');
    expect(md).toContain('| create | update | delete | move | manual | blocked |');
    expect(md).toContain('| 2 | 5 | 3 | 1 | 7 | no |');
    expect(md.trimEnd().split('\n').at(-4)).toBe('**Plan: 2 to create, 5 to update, 3 to delete, 1 to move, 7 manual**');
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
    expect(md).toContain(
      '<details><summary><b>Acme Paris (paris)</b>: 3 operations (1 create office, 1 transfer licenses, 1 create user) · ⚠️ irreversible 1 · ✋ manual 1</summary>',
    );
    expect(md).toContain('<details><summary><b>Company-wide</b>: 1 operation (1 release number) · ⚠️ irreversible 1</summary>');
    expect(md).toContain('- `~` **op-5** move dan@acme.com: Acme HQ → Acme London ⚠️ irreversible');
    expect(md).toContain('- `~` **op-12** suspend bob@acme.com');
    expect(md).toContain('  - `last_name`: `Byron` → `Lovelace`');
  });

  it('puts violations first, errors before warnings, and badges blocked, irreversible, admin and manual items', () => {
    const md = renderMarkdown(blockedPlan());
    expect(md).toContain('### dialform plan: ⛔ blocked');
    expect(md).toContain('| ⛔ yes |');
    const error = md.indexOf('⛔ **error** `country_change_requires_ack` (op-5)');
    const warning = md.indexOf('⚠️ **warning** `recently_deleted_user` (op-2)');
    expect(error).toBeGreaterThan(0);
    expect(warning).toBeGreaterThan(error);
    expect(warning).toBeLessThan(md.indexOf('#### Operations'));
    expect(md).toMatch(/\*\*op-5\*\* .*⛔ blocked/);
    expect(md).toMatch(/\*\*op-13\*\* .*⚠️ irreversible/);
    expect(md).toMatch(/\*\*op-9\*\* .*🔑 admin/);
    expect(md).toMatch(/\*\*op-6\*\* .*✋ manual/);
    expect(md).not.toMatch(/\*\*op-2\*\* .*⛔ blocked/); // named only by the warning
    expect(md).toMatch(/exit code 3/);
  });

  it('has manual steps, reserved pool and unverifiable sections', () => {
    const md = renderMarkdown(fullPlan());
    expect(md).toContain('#### ✋ Manual steps');
    expect(md).toContain('- ✋ **op-6** transfer 2 Talk licenses from Acme HQ to Acme London (manual)');
    expect(md).toContain('- ✋ **op-18** revoke proxy access from bob@acme.com (manual)');
    expect(md).toContain('| `+14155550123` | enters the pool | `dan@acme.com` | `hq` | op-5 |');
    expect(md).toContain('| `+442071234567` | leaves the pool | `dan@acme.com` | `london` | op-10 |');
    expect(md).toContain('| `+14155550199` | released to Dialpad |  |  | op-13 |');
    // Without a base ref, analytics/proxy declarations are listed as unverifiable instead.
    const blocked = renderMarkdown(blockedPlan());
    expect(blocked).toContain('| `ada@acme.com` | analytics | `true` | `users/eng.yaml:3` |');
    expect(blocked).toContain('| `ada@acme.com` | proxy | `true` | `users/eng.yaml:3` |');
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
    expect(md).toContain('| Acme Office 0 (office-0) | 500 | 250 create user, 250 assign number |');
    expect(md).toContain('**Plan: 3000 to create, 3000 to update, 0 to delete**');
    const shown = [...md.matchAll(/\*\*op-(\d+)\*\*/g)].map((m) => Number(m[1]));
    expect(shown.slice(0, 3)).toEqual([1, 2, 3]);
    expect(shown.length + Number(/… (\d+) more operations/.exec(md)?.[1])).toBe(6000);
  });

  it('first drops per-operation details when one line per operation fits', () => {
    const plan = largePlan(200);
    const full = renderMarkdown(plan, { maxChars: 10_000_000 });
    const md = renderMarkdown(plan, { maxChars: Math.floor(full.length * 0.6) });
    expect(md.length).toBeLessThan(full.length * 0.6);
    expect(md).toContain('too long to show in full');
    expect(md).toContain('**op-400**');
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
