/** The committed standalone config validator is the schema as it is now (issue 31: start-up). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { GENERATED, generateConfigValidator } from '../../scripts/generate-config-validator.mjs';

describe('src/config/config-validator.generated.ts', () => {
  it('is what scripts/generate-config-validator.mjs generates from schemas/dialform.schema.json (rerun it after changing the schema)', () => {
    expect(readFileSync(GENERATED as string, 'utf8')).toBe((generateConfigValidator as () => string)());
  });
});
