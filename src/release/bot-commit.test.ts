import { execFileSync } from 'node:child_process';
import { chmodSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestRepo } from '../../test/release/git-repo.js';
import { blobs, commitChanges, RELEASE_BOT, releaseMessage } from './bot-commit.js';
import type { FileChange } from './types.js';

const repos: TestRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.remove()));

function repo(): TestRepo {
  const r = new TestRepo();
  repos.push(r);
  return r;
}

/**
 * The release commit as the plumbing Paved used before builds it, for reference: a private index
 * read from the parent, `hash-object` and `update-index` per file, `write-tree`, `commit-tree`.
 */
function gitsOwnCommit(r: TestRepo, parent: string, changes: FileChange[], message: string, seconds: number): string {
  const date = `@${seconds} +0000`;
  const env = { ...process.env, GIT_INDEX_FILE: path.join(r.dir, '.git', 'reference.index'), GIT_AUTHOR_NAME: RELEASE_BOT.name, GIT_AUTHOR_EMAIL: RELEASE_BOT.email, GIT_COMMITTER_NAME: RELEASE_BOT.name, GIT_COMMITTER_EMAIL: RELEASE_BOT.email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const git = (args: string[], input?: string) => execFileSync('git', args, { cwd: r.dir, env, input, encoding: 'utf8' }).trim();
  git(['read-tree', parent]);
  const lines = changes.map((change) => {
    const mode = /^(\d+) blob /.exec(git(['ls-tree', parent, '--', change.path]))?.[1] ?? '100644';
    return `${mode} ${git(['hash-object', '-w', '--stdin'], change.content)}\t${change.path}\0`;
  });
  git(['update-index', '-z', '--index-info'], lines.join(''));
  return git(['commit-tree', '--no-gpg-sign', git(['write-tree']), '-p', parent, '-F', '-'], message);
}

describe('the release commit', () => {
  it("writes the changes over the parent's tree, keeping each file's mode, without touching the index", async () => {
    const r = repo();
    r.write({ 'bin/run': '#!/bin/sh\necho 1.0.0\n', 'keep.txt': 'same\n' });
    chmodSync(path.join(r.dir, 'bin/run'), 0o755);
    const parent = r.commit('chore: start', 'keep.txt');
    const { commit, files } = await commitChanges(r.dir, parent, [{ path: 'bin/run', content: '#!/bin/sh\necho 1.1.0\n' }, { path: 'docs/CHANGELOG.md', content: '# Changelog\n' }], releaseMessage('chore: release 1.1.0', 'release-please--branches--main'));
    expect(r.git('rev-parse', `${commit}^`)).toBe(parent);
    expect(r.git('show', `${commit}:bin/run`)).toBe('#!/bin/sh\necho 1.1.0');
    expect(r.git('show', `${commit}:keep.txt`)).toBe(r.git('show', `${parent}:keep.txt`));
    const modes = await blobs(r.dir, commit, ['bin/run', 'docs/CHANGELOG.md', 'missing']);
    expect([...modes].map(([p, b]) => [p, b.mode])).toEqual([['bin/run', '100755'], ['docs/CHANGELOG.md', '100644']]);
    expect(files).toEqual(modes);
    expect(r.git('log', '-1', '--format=%an <%ae>|%cn <%ce>%n%B', commit)).toBe('Paved release <release@paved.local>|Paved release <release@paved.local>\nchore: release 1.1.0\n\nPaved-Release: release-please--branches--main');
    expect(r.git('status', '--porcelain')).toBe('');
  });

  it("makes the very commit git's own plumbing makes for the same change, and git fsck accepts it", async () => {
    const r = repo();
    r.write({ 'bin/run': '#!/bin/sh\necho 1.0.0\n', 'a/b/c.txt': 'c\n', 'a-b.txt': 'sorts between a and a/\n', 'a/x.json': '{}\n', 'CHANGELOG.md': '# Changelog\n' });
    chmodSync(path.join(r.dir, 'bin/run'), 0o755);
    symlinkSync('a/x.json', path.join(r.dir, 'current'));
    const parent = r.commit('chore: start', 'keep.txt');
    const changes: FileChange[] = [
      { path: 'bin/run', content: '#!/bin/sh\necho 1.1.0\n' },
      { path: 'current', content: 'a/b/c.txt' },
      { path: 'a/b/c.txt', content: 'c, changed ✓\n' },
      { path: 'a/new/deep/version.txt', content: '1.1.0\n' },
      { path: 'a.txt', content: 'new at the root\n' },
      { path: 'CHANGELOG.md', content: '# Changelog\n\n## 1.1.0\n' },
    ];
    const message = releaseMessage('chore(main): release 1.1.0', 'release-please--branches--main', 'Bot <bot@example.com>');
    const time = new Date(1_750_000_000_000);

    // A dry run computes the same ids and writes nothing.
    const dry = await commitChanges(r.dir, parent, changes, message, { hashOnly: true, time });
    expect(() => r.git('cat-file', '-e', dry.commit)).toThrow();
    expect(() => r.git('cat-file', '-e', dry.files.get('a/new/deep/version.txt')!.sha)).toThrow();

    const reference = gitsOwnCommit(r, parent, changes, message, time.getTime() / 1000);
    const { commit } = await commitChanges(r.dir, parent, changes, message, { time });
    expect(r.git('rev-parse', `${commit}^{tree}`)).toBe(r.git('rev-parse', `${reference}^{tree}`));
    expect(commit).toBe(reference);
    expect(dry.commit).toBe(reference);
    expect(r.git('ls-tree', '-r', commit, '--', 'bin/run', 'current').split('\n').map((l) => l.split(' ')[0])).toEqual(['100755', '120000']);
    expect(() => r.git('fsck', '--strict', '--no-dangling')).not.toThrow();
  });

  it('refuses a parent that is not a commit id, which would make a broken commit', async () => {
    const r = repo();
    r.commit('feat: base');
    await expect(commitChanges(r.dir, 'HEAD', [], releaseMessage('chore: release 1.0.0', 'b'))).rejects.toThrow(/commit id/);
  });

  it('signs off in the same trailer block when the config asks for it', () => {
    expect(releaseMessage('chore: release 2.0.0', 'b', 'Bot <bot@example.com>')).toBe('chore: release 2.0.0\n\nSigned-off-by: Bot <bot@example.com>\nPaved-Release: b\n');
  });
});
