import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DialformError } from '../../src/errors.js';
import { findPackageRoot } from '../../src/package-root.js';
import { readPlanFile, writePlanFile } from '../../src/plan/plan-file.js';
import { renderJson } from '../../src/render/json.js';
import { blockedPlan, emptyPlan, fullPlan } from '../support/plan-samples.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dialform-plan-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(path: string): Promise<DialformError> {
  const error: unknown = await readPlanFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DialformError);
  return error as DialformError;
}

async function writeDoc(name: string, mutate: (doc: Record<string, unknown>) => void): Promise<string> {
  const doc = JSON.parse(renderJson(fullPlan())) as Record<string, unknown>;
  mutate(doc);
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(doc));
  return path;
}

describe('plan file', () => {
  it.each([
    ['full', fullPlan()],
    ['blocked', blockedPlan()],
    ['empty', emptyPlan()],
  ])('round-trips the %s plan', async (name, plan) => {
    const path = join(dir, 'nested', `${name}.json`);
    await writePlanFile(path, plan);
    expect(await readPlanFile(path)).toEqual(JSON.parse(JSON.stringify(plan)));
    expect(await readFile(path, 'utf8')).toBe(renderJson(plan));
  });

  it('leaves no temporary file behind and replaces an existing file', async () => {
    const path = join(dir, 'replace.json');
    await writePlanFile(path, fullPlan());
    await writePlanFile(path, emptyPlan());
    expect((await readPlanFile(path)).operations).toEqual([]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('finds the package root from its own module', () => {
    expect(findPackageRoot()).toBe(process.cwd());
  });

  it('rejects a missing file', async () => {
    const e = await rejection(join(dir, 'absent.json'));
    expect(e.code).toBe('plan_file_invalid');
    expect(e.message).toContain('absent.json');
  });

  it('rejects a truncated (corrupted) file naming the file', async () => {
    const path = join(dir, 'corrupt.json');
    await writeFile(path, renderJson(fullPlan()).slice(0, 500));
    const e = await rejection(path);
    expect(e.code).toBe('plan_file_invalid');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/not JSON/);
  });

  it('rejects another format_version with a clear message', async () => {
    const path = await writeDoc('v2.json', (d) => {
      d.format_version = 2;
    });
    const e = await rejection(path);
    expect(e.message).toMatch(/format_version 2 is not supported: this dialform reads format_version 1/);
  });

  it('rejects a schema-invalid file listing the first problems', async () => {
    const createUser = fullPlan().operations.findIndex((op) => op.kind === 'create_user');
    expect(createUser).toBeGreaterThanOrEqual(0);
    const path = await writeDoc('bad.json', (d) => {
      const ops = d.operations as Record<string, unknown>[];
      ops[createUser]!.license = 'platinum';
      ops[2]!.surprise = true;
      delete d.summary;
    });
    const e = await rejection(path);
    expect(e.code).toBe('plan_file_invalid');
    expect(e.message).toContain("must have required property 'summary'");
    expect(e.message).toContain(`/operations/${createUser}/license`);
    expect(e.message).toContain('/operations/2: unknown property "surprise"');
    expect(e.message).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown operation kind', async () => {
    const path = await writeDoc('kind.json', (d) => {
      (d.operations as Record<string, unknown>[])[0]!.kind = 'drop_company';
    });
    expect((await rejection(path)).message).toContain('/operations/0');
  });

  it('rejects ids out of execution order and dangling references', async () => {
    const path = await writeDoc('refs.json', (d) => {
      const ops = d.operations as Record<string, unknown>[];
      ops[3]!.id = 'op-40';
      ops[1]!.after = ['op-9'];
      (d.violations as Record<string, unknown>[])[0]!.operation_ids = ['op-99'];
    });
    const e = await rejection(path);
    expect(e.message).toContain('/operations/3/id: expected "op-4"');
    expect(e.message).toContain('/operations/1/after/0: "op-9" is not an earlier operation');
    expect(e.message).toContain('/violations/0/operation_ids/0: no operation "op-99"');
  });

  it('rejects an operation whose manual flag contradicts its kind (apply would wait instead of writing, or write a manual step)', async () => {
    const path = await writeDoc('manual.json', (d) => {
      const ops = d.operations as Record<string, unknown>[];
      const api = ops.findIndex((op) => op.manual === false);
      const manual = ops.findIndex((op) => op.manual === true);
      ops[api]!.manual = true;
      ops[manual]!.manual = false;
      delete ops[manual]!.step;
    });
    const e = await rejection(path);
    expect(e.message).toMatch(/\/operations\/\d+\/manual: \w+ is a manual step/);
    expect(e.message).toMatch(/\/operations\/\d+\/manual: \w+ is not a manual step/);
  });

  it('refuses a delete_user marked manual, and fields that are not its kind\'s, as plan_file_invalid (issue 26 #9)', async () => {
    const manual = await writeDoc('delete-manual.json', (d) => {
      const ops = d.operations as Record<string, unknown>[];
      const del = ops.find((op) => op.kind === 'delete_user')!;
      del.manual = true;
      del.step = { id: 'delete_user', verified_by: 'operator', state: 'pending' };
    });
    const m = await rejection(manual);
    expect(m.code).toBe('plan_file_invalid');
    expect(m.message).toMatch(/\/operations\/\d+\/manual: delete_user is not a manual step/);
    const foreign = await writeDoc('delete-fields.json', (d) => {
      const ops = d.operations as Record<string, unknown>[];
      const del = ops.find((op) => op.kind === 'delete_user')!;
      del.patch = { first_name: 'B.' };
      del.number = '+14155550100';
    });
    const f = await rejection(foreign);
    expect(f.code).toBe('plan_file_invalid');
    expect(f.message).toMatch(/unknown property "(patch|number)"/);
  });
});
