import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigOrder, configCommit, isAncestor, recordAppliedConfig } from '../../src/apply/applied-config.js';
import { memoryJournal, openJournal } from '../../src/apply/journal.js';

const AUTHOR = ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', '-c', 'commit.gpgsign=false'];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...AUTHOR, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: cwd } }).trim();
}

/** A repository with a config file committed three times in a row (A → B → C); returns the shas. */
async function repoWithHistory(): Promise<{ dir: string; shas: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'dialform-order-'));
  git(dir, 'init', '-q', '-b', 'main');
  const shas: string[] = [];
  for (const name of ['a', 'b', 'c']) {
    await writeFile(join(dir, 'dialform.yaml'), `# ${name}\n`);
    git(dir, 'add', 'dialform.yaml');
    git(dir, 'commit', '-q', '-m', name);
    shas.push(git(dir, 'rev-parse', 'HEAD'));
  }
  return { dir, shas };
}

const applied = (commit: string) => ({ record: 'applied_config' as const, plan: 'p', commit, config_digest: 'sha256:x', at: '2024-05-01T00:00:00.000Z' });

describe('refusing a config older than the one last applied (issue 12 #15)', () => {
  it('decides older → refused, allowed with --allow-older-config; newer, same, unknown and unrelated → go ahead (issue 12 #15)', async () => {
    const { dir, shas } = await repoWithHistory();
    const [a, b, c] = shas as [string, string, string];
    const journal = memoryJournal([], [applied(b)]);
    const at = (sha: string) => ({ sha, cwd: dir });

    expect(await checkConfigOrder({ journal, commit: at(a) })).toEqual({ status: 'older', commit: a, applied: applied(b), allowed: false });
    expect(await checkConfigOrder({ journal, commit: at(a), allowOlder: true })).toMatchObject({ status: 'older', allowed: true });
    expect(await checkConfigOrder({ journal, commit: at(c) })).toEqual({ status: 'not_older', reason: 'not_ancestor' });
    expect(await checkConfigOrder({ journal, commit: at(b) })).toEqual({ status: 'not_older', reason: 'same' });
    expect(await checkConfigOrder({ journal, commit: undefined })).toEqual({ status: 'not_older', reason: 'commit_unknown' });
    expect(await checkConfigOrder({ journal: memoryJournal(), commit: at(a) })).toEqual({ status: 'not_older', reason: 'no_record' });

    // A commit this clone does not have, and a history unrelated to the recorded one.
    const unknown = memoryJournal([], [applied('f'.repeat(40))]);
    expect(await checkConfigOrder({ journal: unknown, commit: at(a) })).toEqual({ status: 'not_older', reason: 'cannot_tell' });
    git(dir, 'checkout', '-q', '--orphan', 'other');
    git(dir, 'commit', '-q', '-m', 'unrelated');
    const unrelated = git(dir, 'rev-parse', 'HEAD');
    expect(await checkConfigOrder({ journal, commit: at(unrelated) })).toEqual({ status: 'not_older', reason: 'not_ancestor' });
  });

  it('guards against option-like commits and says when git cannot tell (issue 12 #15)', async () => {
    const { dir, shas } = await repoWithHistory();
    expect(await isAncestor(shas[0] as string, shas[2] as string, dir)).toBe(true);
    expect(await isAncestor(shas[2] as string, shas[0] as string, dir)).toBe(false);
    expect(await isAncestor('--help', shas[0] as string, dir)).toBeUndefined();
    expect(await isAncestor('f'.repeat(40), shas[0] as string, dir)).toBeUndefined();
  });

  it('knows the commit of a clean config only: not a modified, untracked or ignored one, nor one outside git (issue 12 #15)', async () => {
    const { dir, shas } = await repoWithHistory();
    const file = join(dir, 'dialform.yaml');
    expect(await configCommit(dir, [file])).toEqual({ sha: shas[2], cwd: dir });
    expect(await configCommit(file)).toEqual({ sha: shas[2], cwd: dir });

    await writeFile(join(dir, 'users.yaml'), 'users: []\n');
    expect(await configCommit(dir, [file, join(dir, 'users.yaml')])).toBeUndefined();
    await writeFile(join(dir, '.gitignore'), 'users.yaml\n');
    git(dir, 'add', '.gitignore');
    git(dir, 'commit', '-q', '-m', 'ignore');
    expect(await configCommit(dir, [file, join(dir, 'users.yaml')])).toBeUndefined();

    await writeFile(file, '# changed\n');
    expect(await configCommit(file)).toBeUndefined();
    git(dir, 'checkout', '-q', '--', 'dialform.yaml');
    expect(await configCommit(dir)).toBeUndefined(); // the ignored users.yaml is still read
    await rm(join(dir, 'users.yaml'));
    expect(await configCommit(dir)).toMatchObject({ cwd: dir });
  });

  it('in a config directory, counts only the files it reads: not a journal or plan beside them, but a deleted one (issue 12 #15)', async () => {
    const { dir } = await repoWithHistory();
    const config = join(dir, 'dialform');
    await mkdir(join(config, 'users'), { recursive: true });
    await writeFile(join(config, 'dialform.yaml'), 'version: 1\n');
    await writeFile(join(config, 'users', 'hq.yaml'), 'users: []\n');
    git(dir, 'add', 'dialform');
    git(dir, 'commit', '-q', '-m', 'config dir');
    const head = git(dir, 'rev-parse', 'HEAD');
    await mkdir(join(config, '.dialform'));
    await writeFile(join(config, '.dialform', 'journal.jsonl'), '{}\n');
    await writeFile(join(config, 'plan.json'), '{}\n');
    await writeFile(join(dir, 'stray.yaml'), 'outside the config\n');
    expect(await configCommit(config)).toEqual({ sha: head, cwd: config });
    await rm(join(config, 'users', 'hq.yaml'));
    expect(await configCommit(config)).toBeUndefined();
    expect(await configCommit(await mkdtemp(join(tmpdir(), 'dialform-nogit-')))).toBeUndefined();
  });

  it('records a complete apply in the journal file and reads back the last one, ignoring malformed records (issue 12 #15)', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'dialform-journal-')), 'journal.jsonl');
    const journal = openJournal(path);
    await recordAppliedConfig(journal, { plan: 'p1', commit: undefined, configDigest: 'sha256:0' });
    expect(await journal.lastAppliedConfig()).toBeUndefined();
    const at = new Date('2024-05-01T00:00:00Z');
    await recordAppliedConfig(journal, { plan: 'p1', commit: { sha: 'a'.repeat(40), cwd: '.' }, configDigest: 'sha256:1', at });
    await journal.record({ plan: 'p2', op: 'op-1', kind: 'create_user', status: 'done', at: at.toISOString() });
    await writeFile(path, `${await readFile(path, 'utf8')}{"record":"applied_config","commit":"--output=x","at":"now"}\n`);
    expect(await journal.lastAppliedConfig()).toEqual({ record: 'applied_config', plan: 'p1', commit: 'a'.repeat(40), config_digest: 'sha256:1', at: at.toISOString() });
    expect((await journal.progress('p1')).done.size).toBe(0);
    expect([...(await journal.progress('p2')).done]).toEqual(['op-1']);
  });
});
