import { describe, expect, it } from 'vitest';
import { checkFixtureData, FixtureError, parseFixture } from '../../src/emulator/index.js';
import { generateFixture } from '../../bench/generate-fixture.js';

describe('checkFixtureData (a generated fixture, checked without its text)', () => {
  it('gives the fixture parseFixture gives for the same data as JSON', () => {
    const data = generateFixture({ users: 100, offices: 3 });
    expect(checkFixtureData(data, 'generated.json')).toEqual(parseFixture(JSON.stringify(data), 'generated.json'));
  });

  it('refuses what parseFixture refuses, naming the field by its path', () => {
    const data = generateFixture({ users: 10, offices: 1 }) as unknown as { users: Array<Record<string, unknown>> };
    delete data.users[0]?.['emails'];
    const err = (() => {
      try {
        checkFixtureData(data, 'generated.json');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(FixtureError);
    expect((err as FixtureError).problems.map((p) => p.message)).toContain('/users/0: missing required field "emails"');
  });
});
