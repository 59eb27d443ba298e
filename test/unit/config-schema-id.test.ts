import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'dialform.schema.json'), 'utf8')) as { $id: string };
const docs = readFileSync(join(ROOT, 'docs', 'config.md'), 'utf8');

describe('the config schema, ready for SchemaStore (issue 16 #4)', () => {
  it('has an $id that is the address the file is served from (issue 16 #4)', () => {
    expect(schema.$id).toBe('https://raw.githubusercontent.com/dialform/dialform/main/schemas/dialform.schema.json');
  });

  it('documents the SchemaStore catalog entry with that $id and the default file patterns (issue 16 #4)', () => {
    const block = /## The schema's address and SchemaStore[\s\S]*?```json\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(block).toBeDefined();
    const entry = JSON.parse(block ?? '{}') as { url: string; fileMatch: string[] };
    expect(entry.url).toBe(schema.$id);
    expect(entry.fileMatch).toEqual(expect.arrayContaining(['dialform.yaml', 'dialform/*.yaml']));
  });
});
