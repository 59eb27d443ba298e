import { describe, expect, it } from 'vitest';
import { ASSUMPTION_CHECK_IDS } from '../../src/doctor/check-assumptions.js';
import { readPage } from '../support/markdown.js';

const page = readPage('docs/fidelity.md');
/** The doctor checks the page names as revealing a reading: "doctor `id`". */
const named = [...page.matchAll(/doctor `([a-z0-9_]+)`/g)].map((m) => m[1] ?? '');

/** docs/fidelity.md and doctor's assumption checks stay in step (issue 28). */
describe('docs/fidelity.md names the checks doctor runs', () => {
  it('names only checks doctor has', () => {
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((id) => !ASSUMPTION_CHECK_IDS.includes(id))).toEqual([]);
  });

  it('names every check doctor has as revealing some reading', () => {
    expect(ASSUMPTION_CHECK_IDS.filter((id) => !named.includes(id))).toEqual([]);
  });
});
